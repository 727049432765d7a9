// inbound.test.mjs: texts from leads through the simulator's inbound
// endpoint, and the opt-out lifecycle: STOP, the way back in, the ledger.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { get, post, request, login, csrfOf, sql, compose, lastMessage, simPost, simMessages, sleep, VAR } from './lib.mjs';

const ACME = '+12127365001';
const conf = readFileSync(`${VAR}/sp.hdf`, 'utf8');
const cfg = (k) => conf.match(new RegExp(`^${k.replace('.', '\\.')} = (.*)$`, 'm'))[1];
let seq = 0;
const fresh = () => `+1347${2000000 + (++seq) * 100 + (seq % 50)}`;

before(() => sql(`UPDATE sending_numbers SET per_minute = 600 WHERE e164 = '${ACME}'`));
after(() => sql(`UPDATE sending_numbers SET per_minute = 30 WHERE e164 = '${ACME}'`));

async function text(from, body, to = ACME) {
  const r = await simPost('/sim/inbound', { From: from, To: to, Body: body });
  assert.equal(r.portal_status, 200, `inbound "${body}" answered ${r.portal_status}`);
  return r.sid;
}
const lead = (phone) => sql(`SELECT CONCAT(id, ',', opted_out) FROM leads WHERE phone_e164 = '${phone}'
                             AND business_id = (SELECT business_id FROM sending_numbers WHERE e164 = '${ACME}')`).split(',').map(Number);
const replies = (phone, kind) => Number(sql(`SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
  JOIN leads l ON l.id = c.lead_id WHERE l.phone_e164 = '${phone}' AND m.kind = '${kind}'`));

const optOut = ['STOP', 'stop', 'Stop.', 'STOPALL', 'stop all', 'UNSUBSCRIBE', 'Cancel', 'END', 'quit', 'REVOKE',
  'OPTOUT', 'opt out', 'Opt-Out', 'STOP \u{1F6D1}', 'Please stop texting me', 'please remove me from your list',
  'Unsubscribe me', 'take me off your list thanks', 'Do not text me anymore', 'No more texts'];
const stayIn = ["I'll stop by tomorrow", "Don't cancel my appointment", 'the end of the month works',
  'Can you stop by at 5?', "don't stop texting me, I like the updates", '\u{1F44D}\u{1F44D}'];

test('each opt-out word and request opts the lead out, with one confirmation', async () => {
  for (const word of optOut) {
    const phone = fresh();
    await text(phone, word);
    const [id, out] = lead(phone);
    assert.equal(out, 1, `"${word}" opts out`);
    assert.equal(replies(phone, 'optout_confirm'), 1, `"${word}" confirmed once`);
    const row = sql(`SELECT CONCAT(action, '|', source, '|', keyword) FROM consent_ledger WHERE lead_id = ${id}`);
    assert.match(row, /^opt_out\|inbound\|.+/, `"${word}" in the ledger`);
  }
});

test('texts that merely contain a keyword do not opt out', async () => {
  for (const body of stayIn) {
    const phone = fresh();
    await text(phone, body);
    const [id, out] = lead(phone);
    assert.equal(out, 0, `"${body}" stays opted in`);
    assert.equal(sql(`SELECT COUNT(*) FROM consent_ledger WHERE lead_id = ${id}`), '0');
    assert.equal(replies(phone, 'optout_confirm'), 0);
  }
});

test('the confirmation goes out once, to the opted-out lead, and nothing else does', async () => {
  const phone = fresh();
  await text(phone, 'Hi, is the roof quote ready?');
  await text(phone, 'STOP');
  await text(phone, 'STOP');
  assert.equal(replies(phone, 'optout_confirm'), 1, 'a second STOP gets no second confirmation');
  const end = Date.now() + 15000;
  let got = [];
  while (Date.now() < end) {
    got = (await simMessages()).filter((m) => m.to === phone);
    if (got.length > 0) break;
    await sleep(200);
  }
  assert.equal(got.length, 1);
  assert.equal(got[0].body, 'You are unsubscribed from Acme Roofing. No more messages. Reply START to resubscribe.');
  // the thread shows the block, and a crafted send answers 409
  const jar = await login('agent@acme.example');
  const conv = sql(`SELECT c.id FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.phone_e164 = '${phone}'`);
  const page = await get(`/conversations/${conv}`, { jar });
  assert.match(page.text, /Messages are blocked: this lead opted out \(STOP, .+\)/);
  assert.match(page.text, /texts you again \(any message\) they are opted back in/);
  const before = sql(`SELECT COUNT(*) FROM messages WHERE conversation_id = ${conv}`);
  const r = await post(`/conversations/${conv}/messages`, { csrf: csrfOf(page.text), nonce: 'b'.repeat(32), body: 'Hi again from Acme Roofing', confirm: '1' }, { jar });
  assert.equal(r.status, 409);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE conversation_id = ${conv}`), before, 'nothing queued');
});

test('any later text opts the lead back in; START with a confirmation; HELP gets the help reply', async () => {
  const a = fresh();
  await text(a, 'STOP');
  await text(a, 'Actually, what time on Tuesday?');
  let [id, out] = lead(a);
  assert.equal(out, 0, 'any text opts back in');
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(action, ':', keyword) ORDER BY id) FROM consent_ledger WHERE lead_id = ${id}`),
    'opt_out:STOP,opt_in:any text');
  assert.equal(replies(a, 'optin_confirm'), 0);

  const b = fresh();
  await text(b, 'unsubscribe');
  await text(b, 'START');
  [id, out] = lead(b);
  assert.equal(out, 0);
  assert.equal(replies(b, 'optin_confirm'), 1);
  assert.equal(sql(`SELECT action FROM consent_ledger WHERE lead_id = ${id} ORDER BY id DESC LIMIT 1`), 'opt_in');

  const c = fresh();
  await text(c, 'HELP');
  assert.equal(replies(c, 'help'), 1);
  assert.match(sql(`SELECT body FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN leads l ON l.id = v.lead_id
                    WHERE l.phone_e164 = '${c}' AND m.kind = 'help'`), /^Acme Roofing: .*Reply STOP to opt out/);
});

test('START lifts the provider-side opt-out; any other text leaves it for the lead to text START', async () => {
  const p = fresh();
  await text(p, 'hello');
  const [id] = lead(p);
  sql(`UPDATE leads SET provider_opted_out = 1 WHERE id = ${id}`);
  await text(p, 'still there?');
  assert.equal(sql(`SELECT provider_opted_out FROM leads WHERE id = ${id}`), '1');
  await text(p, 'START');
  assert.equal(sql(`SELECT provider_opted_out FROM leads WHERE id = ${id}`), '0');
});

function signed(path, params) {
  const url = cfg('Portal.PublicURL') + path;
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  return createHmac('sha1', cfg('Provider.AuthToken')).update(data).digest('base64');
}

async function hook(params, { sign = true } = {}) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (sign) headers['x-twilio-signature'] = signed('/hooks/provider/inbound', params);
  return request('POST', '/hooks/provider/inbound', { body: new URLSearchParams(params).toString(), headers });
}

test('a webhook delivered twice is stored once; unsigned or mis-signed ones store nothing', async () => {
  const phone = fresh();
  const sid = 'SM' + 'd'.repeat(30) + String(seq).padStart(2, '0');
  const params = { MessageSid: sid, AccountSid: cfg('Provider.AccountSid'), From: phone, To: ACME, Body: 'Twice?', NumMedia: '0' };
  assert.equal((await hook(params)).status, 200);
  const again = await hook(params);
  assert.equal(again.status, 200);
  assert.match(again.text, /<Response\/>/);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE provider_sid = '${sid}'`), '1');

  const before = sql('SELECT COUNT(*) FROM messages');
  const unsigned = await hook({ ...params, MessageSid: sid.replace(/d/g, 'e') }, { sign: false });
  assert.equal(unsigned.status, 403);
  const tampered = { ...params, MessageSid: sid.replace(/d/g, 'f') };
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed('/hooks/provider/inbound', params) };
  const bad = await request('POST', '/hooks/provider/inbound', { body: new URLSearchParams(tampered).toString(), headers });
  assert.equal(bad.status, 403);
  assert.equal(sql('SELECT COUNT(*) FROM messages'), before, 'nothing stored');
});

test('odd texts are stored by a clear rule: unknown To, empty, 10 KB, invalid UTF-8, emoji only', async () => {
  const unknownTo = await text(fresh(), 'Who is this?', '+15005550006');
  assert.equal(sql(`SELECT COUNT(*) FROM inbound_unrouted WHERE provider_sid = '${unknownTo}'`), '1');
  const e = fresh();
  await text(e, '');
  assert.equal(sql(`SELECT CONCAT('[', m.body, ']') FROM messages m JOIN conversations c ON c.id = m.conversation_id
                    JOIN leads l ON l.id = c.lead_id WHERE l.phone_e164 = '${e}'`), '[]');
  const big = fresh();
  await text(big, 'x'.repeat(10240));
  assert.equal(sql(`SELECT LENGTH(m.body) FROM messages m JOIN conversations c ON c.id = m.conversation_id
                    JOIN leads l ON l.id = c.lead_id WHERE l.phone_e164 = '${big}'`), '10240');
  // invalid UTF-8 straight to the webhook (the simulator would not send it)
  const bad = fresh();
  const sid = 'SM' + 'c'.repeat(30) + String(seq).padStart(2, '0');
  const params = { MessageSid: sid, From: bad, To: ACME, Body: 'caf\u00e9' };
  const raw = `MessageSid=${sid}&From=${encodeURIComponent(bad)}&To=${encodeURIComponent(ACME)}&Body=caf%E9`;
  const sig = createHmac('sha1', cfg('Provider.AuthToken'))
    .update(Buffer.concat([Buffer.from(cfg('Portal.PublicURL') + '/hooks/provider/inbound' + 'Body'), Buffer.from('caf\xe9', 'latin1'),
      Buffer.from('From' + bad + 'MessageSid' + sid + 'To' + ACME)])).digest('base64');
  void params;
  const r = await request('POST', '/hooks/provider/inbound', { body: raw, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig } });
  assert.equal(r.status, 200);
  assert.equal(sql(`SELECT HEX(body) FROM messages WHERE provider_sid = '${sid}'`), '636166EFBFBD', 'invalid byte kept as U+FFFD');
  const emoji = fresh();
  await text(emoji, '\u{1F44D}\u{1F525}');
  assert.equal(lead(emoji)[1], 0);
});

test('staff record an opt-out received another way; no route lifts an opt-out', async () => {
  const jar = await login('manager@acme.example');
  const phone = fresh();
  await text(phone, 'Please call me instead');
  const conv = Number(sql(`SELECT c.id FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.phone_e164 = '${phone}'`));
  const page = await get(`/conversations/${conv}`, { jar });
  const noNote = await post(`/conversations/${conv}/optout`, { csrf: csrfOf(page.text) }, { jar });
  assert.equal(noNote.status, 400);
  const ok = await post(`/conversations/${conv}/optout`, { csrf: csrfOf(page.text), note: 'Asked on a phone call' }, { jar });
  assert.equal(ok.status, 303);
  const [id, out] = lead(phone);
  assert.equal(out, 1);
  assert.match(sql(`SELECT CONCAT(source, '|', note) FROM consent_ledger WHERE lead_id = ${id}`), /^staff\|Asked on a phone call$/);

  // every route, every method, with this lead's ids: the opt-out stands
  const msg = lastMessage(conv);
  const routes = execFileSync(`${process.env.SP_BUILD}/sp-portal`, ['--routes'], { encoding: 'utf8' }).trim().split('\n');
  const fields = { body: 'START', note: 'opt back in', confirm: '1', nonce: 'c'.repeat(32), MessageSid: 'SM' + 'a'.repeat(32),
    MessageStatus: 'delivered', From: phone, To: ACME, Body: 'START', opted_out: '0', action: 'opt_in' };
  for (const line of routes) {
    const [method, pattern] = line.split(' ');
    if (pattern === '/logout') continue;
    for (const target of [conv, msg, id]) {
      const path = pattern.replace(":id", String(target)).replace(":code", "404");
      const fresh = await get('/conversations', { jar });
      if (method === 'GET') await get(`${path}?opted_out=0&action=opt_in`, { jar });
      else await post(path, { ...fields, csrf: csrfOf(fresh.text) }, { jar });
    }
  }
  assert.equal(lead(phone)[1], 1, 'still opted out');
  assert.equal(sql(`SELECT COUNT(*) FROM consent_ledger WHERE lead_id = ${id} AND action = 'opt_in'`), '0');
  // and the ledger cannot be rewritten, even in SQL
  assert.throws(() => sql(`DELETE FROM consent_ledger WHERE lead_id = ${id}`), /append-only/);
  assert.throws(() => sql(`UPDATE consent_ledger SET action = 'opt_in' WHERE lead_id = ${id}`), /append-only/);
});

test('the opt-out list: search in any format, dates, pages, history, CSV, tenants', async () => {
  const jar = await login('manager@acme.example');
  const phone = fresh();
  await text(phone, 'STOP');
  const [id] = lead(phone);
  sql(`UPDATE leads SET name = 'Comma, "Quoted" Lead' WHERE id = ${id}`);
  const all = await get('/optouts', { jar });
  assert.equal(all.status, 200);
  assert.ok(all.text.includes(phone));
  assert.ok(all.text.includes('Comma, &quot;Quoted&quot; Lead'));
  // the number typed with punctuation
  const national = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
  const byNumber = await get(`/optouts?q=${encodeURIComponent(national)}`, { jar });
  assert.equal((byNumber.text.match(/href="\/optouts\/\d+"/g) || []).length, 1);
  const byName = await get(`/optouts?q=${encodeURIComponent('Comma')}`, { jar });
  assert.ok(byName.text.includes(phone));
  const old = await get('/optouts?from=2000-01-01&to=2000-01-31', { jar });
  assert.match(old.text, /No opted-out leads match/);
  const bad = await get('/optouts?from=yesterday', { jar });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /YYYY-MM-DD/);
  const reversed = await get('/optouts?from=2026-02-01&to=2026-01-01', { jar });
  assert.equal(reversed.status, 400);
  // history from the ledger
  await text(phone, 'ok I changed my mind');
  const hist = await get(`/optouts/${id}`, { jar });
  assert.match(hist.text, /Opted out<\/td>\s*<td>STOP/);
  assert.match(hist.text, /Opted back in<\/td>\s*<td>any text/);
  // CSV, RFC 4180, with the page's filters; streamed without a length.
  // Opted out twice: one row, with the latest opt-out's word
  await text(phone, 'UNSUBSCRIBE');
  const csv = await get(`/optouts.csv?q=${encodeURIComponent(phone)}`, { jar });
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/);
  assert.match(csv.headers['content-disposition'], /attachment; filename="optouts.csv"/);
  assert.equal(csv.headers['content-length'], undefined);
  const lines = csv.text.split('\r\n');
  assert.equal(lines[0], 'lead_id,name,phone,opted_out_at_utc,keyword,number_texted,source');
  assert.match(lines[1], new RegExp(`^${id},"Comma, ""Quoted"" Lead",\\${phone},\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,UNSUBSCRIBE,\\${ACME},inbound$`));
  assert.equal(lines[2], '');
  const every = await get('/optouts.csv', { jar });
  const rows = every.text.trim().split('\r\n').length - 1;
  // every row has its opt-out's word and source: the demo's seeded ledger
  // rows as much as the product's (the lead's pointer into the ledger)
  for (const line of every.text.trim().split('\r\n').slice(1))
    assert.match(line, /,("[^"]+"|[^,"]+),[^,]*,(inbound|staff|provider)$/, line);
  assert.equal(String(rows), sql(`SELECT COUNT(*) FROM leads WHERE opted_out = 1 AND business_id = ${sql("SELECT id FROM businesses WHERE name = 'Acme Roofing'")}`));
  // agents read it too; another business sees none of it
  assert.equal((await get('/optouts', { jar: await login('agent@acme.example') })).status, 200);
  const birch = await login('agent@birch.example');
  const theirs = await get('/optouts', { jar: birch });
  assert.ok(!theirs.text.includes(phone));
  assert.equal((await get(`/optouts/${id}`, { jar: birch })).status, 404);
  assert.ok(!(await get('/optouts.csv', { jar: birch })).text.includes(phone));
});

// The webhook fails (here: the provider cannot reach the portal at all):
// the provider keeps the text in its message list, and the sender's sweep
// (Sender.InboundSweepSeconds, 1 s in the tests) stores it once it is 15 s
// old.
const DEAD = 'http://127.0.0.1:9/hooks/provider/inbound';
async function lost(from, body) {
  const r = await simPost('/sim/inbound', { From: from, To: ACME, Body: body, Url: DEAD });
  assert.notEqual(r.portal_status, 200, 'the webhook did not get through');
  return r.sid;
}
async function stored(sid) {
  // the sweep leaves the last 15 s to the webhook
  const end = Date.now() + 45000;
  while (Date.now() < end) {
    if (sql(`SELECT COUNT(*) FROM messages WHERE provider_sid = '${sid}' AND direction = 'in'`) === '1') return true;
    await sleep(200);
  }
  return false;
}

test('a text whose webhook failed is found in the provider\'s list and stored, with its STOP', async () => {
  const phone = fresh();
  const sid = await lost(phone, 'STOP');
  assert.ok(await stored(sid), 'the sweep stored the text');
  assert.equal(lead(phone)[1], 1, 'its STOP opted the lead out');
  assert.equal(replies(phone, 'optout_confirm'), 1, 'and was confirmed');
  const row = sql(`SELECT CONCAT(b.name, '|', m.body) FROM messages m JOIN businesses b ON b.id = m.business_id
                   WHERE m.provider_sid = '${sid}'`);
  assert.equal(row, 'Acme Roofing|STOP');
  // swept again and again: still one
  await sleep(2500);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE provider_sid = '${sid}'`), '1');
});

// the sweep waits while a test sets up what it will find
const holdSweep = () => sql(`UPDATE sending_numbers SET inbound_swept_at = NOW() + INTERVAL 1 HOUR WHERE e164 = '${ACME}'`);
const releaseSweep = () => sql(`UPDATE sending_numbers SET inbound_swept_at = NULL WHERE e164 = '${ACME}'`);

// a text whose webhook fails, another delivered a second later, then the
// sweep finds the first
async function lateThenOnTime(phone, lateBody, onTimeBody) {
  holdSweep();
  const sid = await lost(phone, lateBody);
  await sleep(1100);
  await text(phone, onTimeBody);
  releaseSweep();
  assert.ok(await stored(sid));
}

test('a text found late never overrides the opt-out state a later text set', async () => {
  // STOP lost, then "ok thanks" delivered a second later: opted in
  const a = fresh();
  await text(a, 'Hello');
  await lateThenOnTime(a, 'STOP', 'ok thanks');
  assert.equal(lead(a)[1], 0, 'the later text keeps the lead opted in');
  assert.equal(replies(a, 'optout_confirm'), 0, 'no confirmation for a STOP the lead took back');
  // a text lost, then STOP delivered a second later: opted out
  const b = fresh();
  await lateThenOnTime(b, 'are you open saturday?', 'STOP');
  assert.equal(lead(b)[1], 1, 'the earlier text found late does not opt the lead back in');
  assert.equal(sql(`SELECT COUNT(*) FROM consent_ledger WHERE lead_id = ${lead(b)[0]} AND action = 'opt_in'`), '0');
});
