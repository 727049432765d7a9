// sending.test.mjs: from the compose box to a final status, through nginx,
// the portal, sp-sender, MariaDB and the simulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get, post, request, login, csrfOf, sql, makeLead, compose, waitStatus, lastMessage,
  simMessages, simPost, sleep, VAR } from './lib.mjs';

const BUILD = process.env.SP_BUILD;
let n = 0;
// a fresh number with the given last two digits (the simulator's outcome)
const number = (end) => `+1917${String(3000000 + (++n) * 100 + end).padStart(7, '0')}`;

// One row per outcome of the simulator's table: what the agent sees.
const outcomes = [
  { end: 0, status: 'delivered', shown: 'Delivered' },
  { end: 51, status: 'delivered', shown: 'Delivered' },  // non-fixed VoIP takes texts
  { end: 50, status: 'failed', shown: 'Failed', reason: "Landline number: texts can&#39;t be sent to landlines", noProvider: true },
  { end: 57, status: 'failed', shown: 'Failed', reason: "Landline number: texts can&#39;t be sent to landlines", noProvider: true },
  { end: 59, status: 'failed', shown: 'Failed', reason: "Landline number: texts can&#39;t be sent to landlines", noProvider: true },
  { end: 52, status: 'undelivered', shown: 'Failed', reason: 'Carrier filtering: wait 15-30 minutes, review content' },
  { end: 53, status: 'undelivered', shown: 'Failed', reason: 'Phone off or out of coverage; may be temporary' },
  { end: 54, status: 'undelivered', shown: 'Failed', reason: 'Invalid or disconnected number' },
  { end: 55, status: 'undelivered', shown: 'Failed', reason: 'Blocked by the recipient or carrier' },
  { end: 56, status: 'failed', shown: 'Failed', reason: 'Lead opted out: they must text START' },
  { end: 58, status: 'undelivered', shown: 'Failed', reason: 'Unknown carrier error' },
  { end: 61, status: 'undelivered', shown: 'Failed', reason: 'Business not registered with carriers' },
  { end: 62, status: 'undelivered', shown: 'Failed', reason: 'Sent too quickly' },
];

test('each outcome of the simulator shows the status and reason the agent reads', async () => {
  const jar = await login('agent@acme.example');
  const sent = [];
  for (const o of outcomes) {
    const to = number(o.end);
    const { conv } = makeLead(to);
    const r = await compose(jar, conv, `Hi, Acme Roofing here about your roof (${o.end}).`);
    assert.equal(r.status, 303, `compose for ${o.end}`);
    const id = lastMessage(conv);
    // at once, the thread shows it as Sending
    const now = await get(`/conversations/${conv}`, { jar });
    assert.match(now.text, /status-(sending|delivered|failed)/);
    sent.push({ ...o, to, conv, id });
  }
  for (const s of sent) {
    await waitStatus(s.id, [s.status]);
    const page = await get(`/conversations/${s.conv}`, { jar });
    assert.match(page.text, new RegExp(`status-\\w+">${s.shown}<`), `${s.end} shows ${s.shown}`);
    if (s.reason) assert.ok(page.text.includes(s.reason), `${s.end}: ${s.reason}`);
  }
  const atProvider = await simMessages();
  for (const s of sent) {
    const count = atProvider.filter((m) => m.to === s.to).length;
    assert.equal(count, s.noProvider || s.end === 56 ? 0 : 1, `${s.to} (${s.end}) at the provider`);
  }
  // a landline found by look-up is remembered on the lead and the cache
  const land = sent.find((s) => s.end === 50);
  assert.equal(sql(`SELECT line_type FROM number_lookups WHERE e164 = '${land.to}'`), 'landline');
  // 21610: the provider holds an opt-out; the thread says so
  const optd = sent.find((s) => s.end === 56);
  assert.equal(sql(`SELECT provider_opted_out FROM leads WHERE phone_e164 = '${optd.to}'`), '1');
  const page = await get(`/conversations/${optd.conv}`, { jar });
  assert.match(page.text, /the lead must text START/);
});

test("a landline found for one business marks that number's leads in every business, by its index", async () => {
  const jar = await login('agent@acme.example');
  const to = number(50);
  const acme = makeLead(to);
  const birch = makeLead(to, { business: 'Birch Dental' });
  assert.equal((await compose(jar, acme.conv, 'Hi, Acme Roofing here.', { confirm: '1' })).status, 303);
  await waitStatus(lastMessage(acme.conv), ['failed']);
  assert.equal(sql(`SELECT line_type FROM leads WHERE id = ${acme.lead}`), 'landline');
  assert.equal(sql(`SELECT line_type FROM leads WHERE id = ${birch.lead}`), 'landline');
  // the number's own index, not a scan that locks every lead meanwhile
  const plan = sql(`EXPLAIN UPDATE leads SET line_type = 'landline' WHERE phone_e164 = '${to}'`);
  assert.match(plan, /\tleads_e164\t/);
});

test('an invalid number fails at once, with no provider call', async () => {
  const jar = await login('agent@acme.example');
  const to = '+12125550142';
  const { conv } = makeLead(to);
  assert.equal((await compose(jar, conv, 'Hi, Acme Roofing here.', { confirm: '1' })).status, 303);
  const id = lastMessage(conv);
  await waitStatus(id, ['failed']);
  assert.equal(sql(`SELECT reason FROM messages WHERE id = ${id}`), 'invalid_number');
  assert.ok((await get(`/conversations/${conv}`, { jar })).text.includes('Invalid phone number'));
  assert.equal((await simMessages()).filter((m) => m.to === to).length, 0);
});

test('the compose box checks the text: blocks, warns, and keeps what was typed', async () => {
  const jar = await login('agent@acme.example');
  const { conv } = makeLead(number(10));
  const empty = await compose(jar, conv, '');
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Write a message first/);
  const short = await compose(jar, conv, 'Hi, Acme Roofing here: bit.ly/deal');
  assert.equal(short.status, 422);
  assert.match(short.text, /Shortened link \(bit\.ly\)/);
  assert.match(short.text, />Hi, Acme Roofing here: bit\.ly\/deal<\/textarea>/, 'the text is kept');
  // the counter says what the live one says, without JavaScript too
  assert.match(short.text, /id="counter">34 characters, 1 segment\(s\), GSM-7</);
  const warn = await compose(jar, conv, 'FREE GIFT FOR ALL OUR CUSTOMERS TODAY');
  assert.equal(warn.status, 200);
  assert.match(warn.text, /Send anyway/);
  assert.match(warn.text, /ALL CAPS/);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE conversation_id = ${conv}`), '0', 'nothing queued yet');
  const ok = await compose(jar, conv, 'FREE GIFT FOR ALL OUR CUSTOMERS TODAY', { confirm: '1' });
  assert.equal(ok.status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE conversation_id = ${conv}`), '1');
  const tooLong = await compose(jar, conv, 'a '.repeat(900));
  assert.equal(tooLong.status, 422);
  assert.match(tooLong.text, /Too long: 1800 characters/);
  // the live check answers JSON
  const lint = await get(`/conversations/${conv}/lint?body=${encodeURIComponent('See t.co/x \u{1F600}')}`, { jar });
  assert.equal(lint.status, 200);
  const j = JSON.parse(lint.text);
  assert.equal(j.blocked, true);
  assert.equal(j.encoding, 'UCS-2');
  assert.ok(j.findings.some((f) => f.rule === 'short_url' && f.severity === 'block'));
});

test('a double-clicked send queues one text', async () => {
  const jar = await login('agent@acme.example');
  const { conv } = makeLead(number(11));
  const page = await get(`/conversations/${conv}`, { jar });
  const form = { csrf: csrfOf(page.text), nonce: page.text.match(/name="nonce" value="(\w+)"/)[1], body: 'Hi, Acme Roofing here, twice?' };
  const [a, b] = await Promise.all([post(`/conversations/${conv}/messages`, form, { jar }), post(`/conversations/${conv}/messages`, form, { jar })]);
  assert.equal(a.status, 303);
  assert.equal(b.status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE conversation_id = ${conv}`), '1');
});

test('a send to an opted-out, spam or foreign lead changes nothing', async () => {
  const jar = await login('agent@acme.example');
  const opted = makeLead(number(12));
  sql(`UPDATE leads SET opted_out = 1, opted_out_at = NOW(3) WHERE id = ${opted.lead}`);
  const r = await compose(jar, opted.conv, 'Hi, Acme Roofing here.');
  assert.equal(r.status, 409);
  assert.match(r.text, /opted out/);
  assert.match(r.text, /<textarea[^>]*disabled/);
  const spam = makeLead(number(13));
  sql(`UPDATE leads SET is_spam = 1 WHERE id = ${spam.lead}`);
  assert.equal((await compose(jar, spam.conv, 'Hi, Acme Roofing here.')).status, 409);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE conversation_id IN (${opted.conv}, ${spam.conv})`), '0');
  const birch = makeLead(number(14), { business: 'Birch Dental' });
  const page = await get('/conversations', { jar });
  const foreign = await post(`/conversations/${birch.conv}/messages`, { csrf: csrfOf(page.text), nonce: 'a'.repeat(32), body: 'hi' }, { jar });
  assert.equal(foreign.status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE conversation_id = ${birch.conv}`), '0');
});

test('status callbacks: unsigned or mis-signed are refused; duplicates and disorder change nothing', async () => {
  const body = 'MessageSid=SM0123456789abcdef0123456789abcdef&MessageStatus=delivered';
  // this sid's events only: other tests' callbacks may still be arriving
  const events = () => sql("SELECT COUNT(*) FROM message_events WHERE provider_sid = 'SM0123456789abcdef0123456789abcdef'");
  const before = events();
  const unsigned = await request('POST', '/hooks/provider/status', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(unsigned.status, 403);
  const wrong = await request('POST', '/hooks/provider/status', { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' } });
  assert.equal(wrong.status, 403);
  assert.equal(events(), before, 'nothing stored');

  await simPost('/sim/faults', { duplicate: '1', out_of_order: '1' });
  try {
    const jar = await login('agent@acme.example');
    const ok = makeLead(number(20));
    const bad = makeLead(number(52));
    await compose(jar, ok.conv, 'Hi, Acme Roofing here (dup).');
    await compose(jar, bad.conv, 'Hi, Acme Roofing here (dup 52).');
    const a = lastMessage(ok.conv), b = lastMessage(bad.conv);
    await waitStatus(a, ['delivered']);
    await waitStatus(b, ['undelivered']);
    await sleep(800); // the late "sent" and the duplicates arrive
    assert.equal(sql(`SELECT status FROM messages WHERE id = ${a}`), 'delivered', 'a late sent does not undo delivered');
    assert.equal(sql(`SELECT status FROM messages WHERE id = ${b}`), 'undelivered');
    assert.equal(sql(`SELECT COUNT(*) FROM message_events WHERE message_id = ${a}`), '2', 'sent and delivered, once each');
  } finally {
    await simPost('/sim/faults', { duplicate: '0', out_of_order: '0' });
  }
});

test('receipts released together are applied together: each message and its conversation get their own status, reason and action', async () => {
  // the simulator holds every callback until all are sent, then releases
  // them at once: the sender applies them in one or two rounds, grouped
  await simPost('/sim/faults', { hold_callbacks: '1' });
  const sent = [];
  try {
    const jar = await login('agent@acme.example');
    for (const end of [0, 52, 53, 54, 55, 1, 52]) {
      const { lead, conv } = makeLead(number(end));
      assert.equal((await compose(jar, conv, `Hi, Acme Roofing here (held ${end}).`)).status, 303);
      sent.push({ end, lead, conv, id: lastMessage(conv) });
    }
    // every one accepted by the provider (a sid), none with a receipt yet
    for (let i = 0; i < 150; i++) {
      const left = sql(`SELECT COUNT(*) FROM messages WHERE id IN (${sent.map((s) => s.id)}) AND provider_sid IS NULL`);
      if (left === '0') break;
      await sleep(200);
    }
    assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE id IN (${sent.map((s) => s.id)}) AND status <> 'queued'`), '0');
  } finally {
    await simPost('/sim/faults', { hold_callbacks: '0' });
  }
  const want = {
    0: ['delivered', null], 1: ['delivered', null],
    52: ['undelivered', 'carrier_filtered'], 53: ['undelivered', 'unreachable'],
    54: ['undelivered', 'invalid_number'], 55: ['undelivered', 'blocked'],
  };
  for (const s of sent) {
    const [status, reason] = want[s.end];
    await waitStatus(s.id, [status]);
    assert.equal(sql(`SELECT CONCAT_WS('|', status, COALESCE(reason, '-')) FROM messages WHERE id = ${s.id}`),
      `${status}|${reason ?? '-'}`, `message for ${s.end}`);
    // the inbox's copy on the conversation: the same status and reason
    assert.equal(sql(`SELECT CONCAT_WS('|', last_status, COALESCE(last_reason, '-')) FROM conversations WHERE id = ${s.conv}`),
      `${status}|${reason ?? '-'}`, `conversation for ${s.end}`);
  }
  // and each failure's action on its own lead only
  for (const s of sent) {
    const cool = sql(`SELECT COALESCE(cooldown_until > NOW(3), 0) FROM leads WHERE id = ${s.lead}`);
    assert.equal(cool, s.end === 52 ? '1' : '0', `cool-down for ${s.end}`);
    assert.equal(sql(`SELECT phone_valid FROM leads WHERE id = ${s.lead}`), s.end === 54 ? '0' : '1', `number valid for ${s.end}`);
  }
});

test('after carrier filtering the lead waits 15-30 minutes', async () => {
  const jar = await login('agent@acme.example');
  const { lead, conv } = makeLead(number(52));
  await compose(jar, conv, 'Hi, Acme Roofing here about the roof.');
  await waitStatus(lastMessage(conv), ['undelivered']);
  const mins = Number(sql(`SELECT TIMESTAMPDIFF(SECOND, NOW(3), cooldown_until) / 60 FROM leads WHERE id = ${lead}`));
  assert.ok(mins > 14 && mins <= 30, `cool-down of ${mins} minutes`);
  const page = await get(`/conversations/${conv}`, { jar });
  assert.match(page.text, /Carrier filtering: texts to this lead wait until/);
  // the next text waits for the end of the cool-down, no provider call
  await compose(jar, conv, 'Hi again from Acme Roofing.', { confirm: '1' });
  const id = lastMessage(conv);
  await sleep(1500);
  assert.equal(sql(`SELECT status FROM messages WHERE id = ${id}`), 'queued');
  assert.equal(sql(`SELECT queue_state FROM messages WHERE id = ${id}`), 'waiting');
  const wait = Number(sql(`SELECT TIMESTAMPDIFF(SECOND, NOW(3), due_at) / 60 FROM messages WHERE id = ${id}`));
  assert.ok(wait > 13, `waits ${wait} minutes`);
  sql(`UPDATE messages SET status = 'canceled', queue_state = 'done', due_at = NULL WHERE id = ${id}`);
});

test('the message page shows status, reason, timeline, sid and look-up', async () => {
  const jar = await login('agent@acme.example');
  const { conv } = makeLead(number(55));
  await compose(jar, conv, 'Hi, Acme Roofing here, detail.');
  const id = lastMessage(conv);
  await waitStatus(id, ['undelivered']);
  const page = await get(`/messages/${id}`, { jar });
  assert.equal(page.status, 200);
  assert.match(page.text, /status-failed">Failed/);
  assert.match(page.text, /Blocked by the recipient or carrier \(error 30004\)/);
  assert.match(page.text, /What you can do:/);
  assert.match(page.text, /<code>SM[0-9a-f]{32}<\/code>/);
  // the timeline to the second, in the business's zone
  assert.match(page.text, /<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d E[SD]T<\/time>: sent \(Sending\)/);
  assert.match(page.text, /<time>[^<]+<\/time>: undelivered \(Failed\), error 30004/);
  assert.match(page.text, /mobile, /, 'the look-up');
  assert.match(page.text, /Contact support about this</);
  const birch = await login('agent@birch.example');
  assert.equal((await get(`/messages/${id}`, { jar: birch })).status, 404);
});

test('a message with no receipt is polled, then shown delivered to the carrier network, unconfirmed', async () => {
  const jar = await login('agent@acme.example');
  const { conv } = makeLead(number(60));
  await compose(jar, conv, 'Hi, Acme Roofing here, no receipt.');
  const id = lastMessage(conv);
  await waitStatus(id, ['sent']);
  const end = Date.now() + 30000;
  while (Date.now() < end && sql(`SELECT unconfirmed FROM messages WHERE id = ${id}`) !== '1') await sleep(250);
  assert.equal(sql(`SELECT unconfirmed FROM messages WHERE id = ${id}`), '1');
  assert.equal(sql(`SELECT polls FROM messages WHERE id = ${id}`), '3');
  const page = await get(`/conversations/${conv}`, { jar });
  assert.match(page.text, /status-delivered">Delivered<\/span> <span class="muted">\(delivered to the carrier network, unconfirmed\)/);
});

function startSender() {
  return spawn(`${BUILD}/sp-sender`, ['-c', `${VAR}/sp.hdf`], { stdio: ['ignore', 'ignore', 'ignore'] });
}

test('pacing holds for a number across two senders', async () => {
  const second = startSender();
  try {
    const num = sql("SELECT MIN(id) FROM sending_numbers WHERE e164 = '+12127365001'");
    sql(`UPDATE sending_numbers SET per_minute = 120 WHERE id = ${num}`); // 0.5 s apart
    const ids = [];
    for (let i = 0; i < 10; i++) {
      const { conv } = makeLead(number(30 + (i % 10)));
      sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, queue_state, due_at)
           SELECT business_id, id, 'out', 'Paced ${i} from Acme Roofing', 'queued', 'waiting', NOW(3) FROM conversations WHERE id = ${conv}`);
      ids.push(lastMessage(conv));
    }
    for (const id of ids) await waitStatus(id, ['delivered', 'sent'], 30000);
    const times = sql(`SELECT CAST(UNIX_TIMESTAMP(attempt_started_at) * 1000 AS SIGNED) FROM messages
                       WHERE id IN (${ids.join(',')}) ORDER BY attempt_started_at`).split('\n').map(Number);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // slots 500 ms apart give or take 30%: whoever sends, never two at
    // once, and no second holds more than the rate allows
    assert.ok(gaps.every((g) => g >= 200), `gaps ${gaps}`);
    for (const t of times) {
      const inSecond = times.filter((u) => u >= t && u < t + 1000).length;
      assert.ok(inSecond <= 3, `${inSecond} sends within a second: ${gaps}`);
    }
    const span = times[times.length - 1] - times[0];
    assert.ok(span >= 9 * 350, `10 sends over ${span} ms`);
  } finally {
    second.kill('SIGTERM');
    sql("UPDATE sending_numbers SET per_minute = 30 WHERE e164 = '+12127365001'");
  }
});

test('killing the sender at any moment loses nothing and sends nothing twice', async () => {
  const num = sql("SELECT MIN(id) FROM sending_numbers WHERE e164 = '+12127365001'");
  sql(`UPDATE sending_numbers SET per_minute = 0 WHERE id = ${num}`); // no pacing: as fast as it goes
  await simPost('/sim/faults', { slow_ms: '100', timeout: '0.01', hang_ms: '2000' });
  const pidFile = `${VAR}/run/sender.pid`;
  try {
    const tag = `kill-${Date.now()}`;
    // 1,000 texts to 1,000 fresh numbers ending 00-49 (delivered)
    sql(`INSERT INTO leads (business_id, name, phone_raw, phone_e164)
         SELECT 1, CONCAT('Kill ', seq), CONCAT('+1929', 2000000 + seq * 100 + seq % 50),
                CONCAT('+1929', 2000000 + seq * 100 + seq % 50) FROM seq_1_to_1000`);
    sql(`INSERT INTO conversations (business_id, lead_id, sending_number_id)
         SELECT 1, id, ${num} FROM leads WHERE name LIKE 'Kill %'`);
    sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, queue_state, due_at)
         SELECT 1, c.id, 'out', CONCAT('${tag} ', l.id), 'queued', 'waiting', NOW(3)
         FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.name LIKE 'Kill %'`);
    for (let k = 0; k < 4; k++) {
      await sleep(1000);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone already */ }
      await sleep(200);
      execStart();
    }
    const end = Date.now() + 120000;
    let left = 1;
    while (Date.now() < end && left > 0) {
      left = Number(sql(`SELECT COUNT(*) FROM messages WHERE body LIKE '${tag} %' AND status NOT IN ('delivered', 'undelivered', 'failed')`));
      await sleep(500);
    }
    assert.equal(left, 0, 'every message reached a final state');
    assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE body LIKE '${tag} %' AND status = 'delivered'`), '1000');
    const atProvider = (await simMessages()).filter((m) => m.body.startsWith(`${tag} `));
    assert.equal(atProvider.length, 1000, 'the provider got each once');
    assert.equal(new Set(atProvider.map((m) => m.body)).size, 1000, 'none twice');
    const sids = sql(`SELECT COUNT(DISTINCT provider_sid) FROM messages WHERE body LIKE '${tag} %'`);
    assert.equal(sids, '1000');
  } finally {
    await simPost('/sim/faults', { slow_ms: '0', timeout: '0' });
    sql(`UPDATE sending_numbers SET per_minute = 30 WHERE id = ${num}`);
  }
});

function execStart() {
  execFileSync('bash', [`${process.env.SP_ROOT}/scripts/stack.sh`, 'start-sender'], { env: process.env });
}
