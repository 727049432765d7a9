// dashboard.test.mjs: the managers' delivery review against a business
// whose answers are known: exact counts per outcome, reason, carrier,
// number, agent and day; the drill-down, the CSV, the warnings, role checks
// and bad ranges.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { get, post, login, csrfOf, sql, ROOT, VAR } from './lib.mjs';

const admin = (args, input) => execFileSync(`${process.env.SP_BUILD || `${ROOT}/build`}/sp-admin`,
  ['-c', `${VAR}/sp.hdf`, ...args], { encoding: 'utf8', input });
let biz, agent, number, D1, D2;

// YYYY-MM-DD of today - n in Chicago, and a UTC time at local noon then
function chicagoDay(n) {
  const d = new Date(Date.now() - n * 86400000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(d);
}
const noonUtc = (day) => `${day} 18:00:00`; // 12:00 in Chicago, either offset

before(() => {
  biz = Number(admin(['create-business', '--name', 'Count Co', '--number', '+13125550900', '--tz', 'America/Chicago']).match(/\d+/)[0]);
  admin(['create-user', '--email', 'manager@count.example', '--role', 'manager', '--name', 'Count Manager', '--business', String(biz)], 'count-password\n');
  admin(['create-user', '--email', 'agent@count.example', '--role', 'agent', '--name', 'Count Agent', '--business', String(biz)], 'count-password\n');
  agent = Number(sql("SELECT id FROM users WHERE email = 'agent@count.example'"));
  number = Number(sql(`SELECT id FROM sending_numbers WHERE business_id = ${biz}`));
  D1 = chicagoDay(2);
  D2 = chicagoDay(1);
  // leads on two carriers (A: Alpha Wireless, B: Beta Mobile), one not looked up
  const leads = [['+13125550901', 'Alpha Wireless'], ['+13125550902', 'Beta Mobile'], ['+13125550903', null]];
  for (const [phone, carrier] of leads) {
    sql(`INSERT INTO leads (business_id, name, phone_raw, phone_e164) VALUES (${biz}, 'Lead ${phone.slice(-3)}', '${phone}', '${phone}')`);
    sql(`INSERT INTO conversations (business_id, lead_id, sending_number_id) SELECT ${biz}, id, ${number} FROM leads WHERE phone_e164 = '${phone}' AND business_id = ${biz}`);
    if (carrier) sql(`INSERT INTO number_lookups (e164, valid, line_type, carrier, checked_at) VALUES ('${phone}', 1, 'mobile', '${carrier}', NOW(3))`);
  }
  const conv = (phone) => `(SELECT c.id FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.phone_e164 = '${phone}' AND c.business_id = ${biz})`;
  const add = (n, phone, day, status, reason, code, body = 'Hello from Count Co') => {
    for (let i = 0; i < n; i++)
      sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, reason, error_code, agent_id, created_at, lint)
           VALUES (${biz}, ${conv(phone)}, 'out', '${body}', '${status}', ${reason ? `'${reason}'` : 'NULL'}, ${code || 'NULL'},
           ${agent}, '${noonUtc(day)}', '[{"rule":"caps","severity":"warn","message":"All caps reads as spam"}]')`);
  };
  // D1: 5 delivered (A), 3 filtered 30007 (B), 1 landline (A)
  add(5, '+13125550901', D1, 'delivered');
  add(3, '+13125550902', D1, 'undelivered', 'carrier_filtered', 30007, 'FREE OFFER CALL NOW');
  add(1, '+13125550901', D1, 'failed', 'landline', 0);
  // D2: 2 delivered (B), 2 invalid 30003 (not looked up), 1 still sending (A)
  add(2, '+13125550902', D2, 'delivered');
  add(2, '+13125550903', D2, 'undelivered', 'invalid_number', 30003);
  add(1, '+13125550901', D2, 'sent');
  // an inbound text is not a sent text
  sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, created_at) VALUES (${biz}, ${conv('+13125550901')}, 'in', 'hi', 'received', '${noonUtc(D1)}')`);
});

test('the figures of a known dataset: totals, reasons, days, carriers, numbers, agents, filtered texts', async () => {
  const jar = await login('manager@count.example', { password: 'count-password' });
  const r = await get(`/dashboard?from=${D1}&to=${D2}`, { jar });
  assert.equal(r.status, 200);
  const t = r.text;
  assert.match(t, /<span class="n">14<\/span> sent/);
  assert.match(t, /<span class="n">7<\/span> delivered <span class="pct">50.0%<\/span>/);
  assert.match(t, /<span class="n">6<\/span> failed <span class="pct">42.9%<\/span>/);
  assert.match(t, /<span class="n">1<\/span> sending <span class="pct">7.1%<\/span>/);
  assert.match(t, /reason=carrier_filtered">Carrier filtering[^<]*<\/a><\/td><td>3<\/td><td>50.0%<\/td>/);
  assert.match(t, /reason=invalid_number">[^<]*<\/a><\/td><td>2<\/td><td>33.3%<\/td>/);
  assert.match(t, /reason=landline">[^<]*<\/a><\/td><td>1<\/td><td>16.7%<\/td>/);
  const day = (d) => t.match(new RegExp(`to=${d}&amp;outcome=failed">${d}</a></td><td>(\\d+)</td>`))[1];
  assert.equal(day(D1), '4');
  assert.equal(day(D2), '2');
  const row = (label) => t.match(new RegExp(`>${label}</a></td>\\s*<td>(\\d+)</td>\\s*<td><a[^>]*>(\\d+)</a></td>\\s*<td><span class="bar"[^>]*></span> ([\\d.]+)%`)).slice(1);
  assert.deepEqual(row('Alpha Wireless'), ['7', '1', '14.3']);
  assert.deepEqual(row('Beta Mobile'), ['5', '3', '60.0']);
  assert.deepEqual(row('Not looked up'), ['2', '2', '100.0']);
  assert.deepEqual(row('\\+13125550900'), ['14', '6', '42.9']);
  assert.deepEqual(row('Count Agent'), ['14', '6', '42.9']);
  assert.match(t, /FREE OFFER CALL NOW<\/p><p class="muted">3 filtered. The check at send time: All caps reads as spam/);
  assert.match(t, /<svg class="daychart"[\s\S]*<rect class="r\d"/, 'an SVG chart drawn by the template');
  // the last days are not settled: the page says when they were counted,
  // in the business's time (Chicago)
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Chicago', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const shown = t.match(/Counted at (\d\d:\d\d): the last three days are counted again every five minutes at most/);
  assert.ok(shown, 'when the counts were made');
  const ok = [0, 60000].map((ms) => hm.format(new Date(Date.now() - ms)));
  assert.ok(ok.includes(shown[1]), `${shown[1]} is Chicago's time now (${ok})`);
});

test('drill-down and CSV: every figure lists its messages', async () => {
  const jar = await login('manager@count.example', { password: 'count-password' });
  const r = await get(`/dashboard/messages?from=${D1}&to=${D2}&outcome=failed&reason=carrier_filtered`, { jar });
  assert.equal(r.status, 200);
  const ids = [...r.text.matchAll(/href="\/messages\/(\d+)"/g)].map((m) => Number(m[1]));
  assert.equal(ids.length, 3);
  for (const id of ids) assert.equal(sql(`SELECT error_code FROM messages WHERE id = ${id}`), '30007');
  const beta = await get(`/dashboard/messages?from=${D1}&to=${D2}&carrier=${encodeURIComponent('Beta Mobile')}`, { jar });
  assert.equal([...beta.text.matchAll(/href="\/messages\/\d+"/g)].length, 5);
  const none = await get(`/dashboard/messages?from=${D1}&to=${D2}&carrier=`, { jar });
  assert.equal([...none.text.matchAll(/href="\/messages\/\d+"/g)].length, 2, 'not looked up');
  const byAgent = await get(`/dashboard/messages?from=${D1}&to=${D1}&agent=${agent}&outcome=delivered`, { jar });
  assert.equal([...byAgent.text.matchAll(/href="\/messages\/\d+"/g)].length, 5);
  // the list says what it holds in the page's own words, by name
  assert.match(byAgent.text, /<p class="muted">Delivered · Count Agent/);
  const byNumber = await get(`/dashboard/messages?from=${D1}&to=${D2}&number=${number}&outcome=pending`, { jar });
  assert.equal(byNumber.status, 200);
  assert.match(byNumber.text, /<p class="muted">Sending · from \+13125550900/);
  // Acme's number and Acme's agent are no filter of this business's
  const acmeNumber = sql("SELECT MIN(n.id) FROM sending_numbers n JOIN businesses b ON b.id = n.business_id WHERE b.name = 'Acme Roofing'");
  const acmeAgent = sql("SELECT id FROM users WHERE email = 'agent@acme.example'");
  for (const q of [`number=${acmeNumber}`, `agent=${acmeAgent}`]) {
    const other = await get(`/dashboard/messages?${q}`, { jar });
    assert.equal(other.status, 404, q);
    assert.match(other.text, /There is no such (number|agent)/);
    assert.doesNotMatch(other.text, /Acme|Alex Kim|\+12127365001/);
  }
  const csv = await get(`/dashboard/failed.csv?from=${D1}&to=${D2}`, { jar });
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /text\/csv/);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], 'message_id,sent_at_utc,reason,code,carrier,sending_number,agent,lead,lead_phone,text');
  assert.equal(lines.length, 7);
  assert.ok(lines.some((l) => /,"Carrier filtering[^"]*",30007,Beta Mobile,\+13125550900,Count Agent,Lead 902,\+13125550902,FREE OFFER CALL NOW$/.test(l)), lines.join('\n'));
});

test('bad ranges and filters: turned round, clamped or refused, never a stall', async () => {
  const jar = await login('manager@count.example', { password: 'count-password' });
  const rev = await get(`/dashboard?from=${D2}&to=${D1}`, { jar });
  assert.equal(rev.status, 200);
  assert.match(rev.text, /wrong way round/);
  assert.match(rev.text, /<span class="n">14<\/span> sent/);
  const years = await get('/dashboard?from=1990-01-01&to=2090-12-31', { jar });
  assert.equal(years.status, 200);
  assert.match(years.text, /(a year at most|after today)/);
  assert.equal((await get('/dashboard?from=yesterday', { jar })).status, 400);
  assert.equal((await get('/dashboard?from=2026-02-31x', { jar })).status, 400);
  assert.equal((await get(`/dashboard/messages?outcome=lost`, { jar })).status, 400);
  assert.equal((await get(`/dashboard/messages?reason=${encodeURIComponent("' OR 1=1 --")}`, { jar })).status, 400);
  assert.equal((await get('/dashboard/messages?number=abc', { jar })).status, 400);
});

test('the drill-down pages through all its texts, each once, newest first', async () => {
  const jar = await login('manager@acme.example');
  const from = new Date(Date.now() - 40 * 86400000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  let path = `/dashboard/messages?from=${from}&to=${to}&outcome=delivered`;
  const seen = [];
  let pages = 0;
  while (path) {
    const r = await get(path, { jar });
    assert.equal(r.status, 200, path);
    pages++;
    seen.push(...[...r.text.matchAll(/href="\/messages\/(\d+)"/g)].map((m) => Number(m[1])));
    // the CSV link is the list's, whatever page this is
    assert.match(r.text, new RegExp(`href="/dashboard/failed\\.csv\\?from=${from}&amp;to=${to}&amp;outcome=delivered"`));
    const next = r.text.match(/href="(\/dashboard\/messages\?[^"]*)">Older texts/);
    path = next ? next[1].replaceAll('&amp;', '&') : null;
  }
  assert.ok(pages >= 3, `${pages} pages`);
  assert.equal(new Set(seen).size, seen.length, 'no text twice');
  assert.deepEqual(seen, [...seen].sort((a, b) => b - a), 'newest first');
  const acme = sql("SELECT id FROM businesses WHERE name = 'Acme Roofing'");
  assert.equal(seen.length, Number(sql(`SELECT COUNT(*) FROM messages WHERE business_id = ${acme}
    AND direction = 'out' AND status = 'delivered'`)));
});

test('agents get 403; other businesses see only their own figures', async () => {
  const jar = await login('agent@count.example', { password: 'count-password' });
  for (const path of ['/dashboard', '/dashboard/messages', '/dashboard/failed.csv'])
    assert.equal((await get(path, { jar })).status, 403, path);
  const csrf = csrfOf((await get('/conversations', { jar })).text);
  assert.equal((await post('/dashboard/alerts', { csrf, failure: '5', filtered: '5' }, { jar })).status, 403);
  const acme = await login('manager@acme.example');
  const r = await get(`/dashboard/messages?from=${D1}&to=${D2}&reason=carrier_filtered`, { jar: acme });
  assert.doesNotMatch(r.text, /FREE OFFER CALL NOW/);
});

test('warnings: a failure rate or filtered share over the threshold names the likely cause, on the dashboard and managers\' inboxes', async () => {
  const jar = await login('manager@count.example', { password: 'count-password' });
  assert.doesNotMatch((await get('/dashboard', { jar })).text, /Delivery warning/);
  const conv = sql(`SELECT MIN(id) FROM conversations WHERE business_id = ${biz}`);
  for (let i = 0; i < 12; i++)
    sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, reason, error_code, created_at)
         VALUES (${biz}, ${conv}, 'out', 'URGENT', '${i < 4 ? 'undelivered' : 'delivered'}', ${i < 4 ? "'carrier_filtered'" : 'NULL'},
         ${i < 4 ? 30007 : 'NULL'}, NOW(3) - INTERVAL ${i} MINUTE)`);
  // the hour's counts are kept ten seconds (the thresholds are read at
  // every view): then counted again
  assert.doesNotMatch((await get('/dashboard', { jar })).text, /Delivery warning/, 'the counts kept');
  sql(`UPDATE hour_counts SET counted_at = counted_at - INTERVAL 11 SECOND WHERE business_id = ${biz}`);
  const d = await get('/dashboard', { jar });
  assert.match(d.text, /Delivery warning \(likely cause: content\)/);
  assert.match((await get('/conversations', { jar })).text, /Delivery warning \(likely cause: content\)/);
  const ag = await login('agent@count.example', { password: 'count-password' });
  assert.doesNotMatch((await get('/conversations', { jar: ag })).text, /Delivery warning/);
  // the business sets the thresholds; out of range is refused
  const csrf = csrfOf(d.text);
  assert.equal((await post('/dashboard/alerts', { csrf, failure: '0', filtered: '50' }, { jar })).status, 422);
  assert.equal((await post('/dashboard/alerts', { csrf, failure: '90', filtered: '90' }, { jar })).status, 303);
  assert.doesNotMatch((await get('/dashboard', { jar })).text, /Delivery warning/);
});

test('a busy hour is judged on its latest 2,000 texts, and the warning says so', async () => {
  const jar = await login('manager@count.example', { password: 'count-password' });
  const csrf = csrfOf((await get('/dashboard', { jar })).text);
  assert.equal((await post('/dashboard/alerts', { csrf, failure: '20', filtered: '10' }, { jar })).status, 303);
  const conv = sql(`SELECT MIN(id) FROM conversations WHERE business_id = ${biz}`);
  // 3,000 delivered earlier in the hour, then 2,000 of which 600 were filtered
  sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, created_at)
       SELECT ${biz}, ${conv}, 'out', 'earlier', 'delivered', NOW(3) - INTERVAL 50 MINUTE FROM seq_1_to_3000`);
  sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, reason, error_code, created_at)
       SELECT ${biz}, ${conv}, 'out', 'LATEST', IF(seq <= 600, 'undelivered', 'delivered'),
       IF(seq <= 600, 'carrier_filtered', NULL), IF(seq <= 600, 30007, NULL), NOW(3) FROM seq_1_to_2000`);
  sql(`DELETE FROM hour_counts WHERE business_id = ${biz}`);
  const d = await get('/dashboard', { jar });
  assert.match(d.text, /600 of the latest 2000 texts of the last hour were filtered by carriers \(30007\)/);
  sql(`DELETE FROM messages WHERE business_id = ${biz} AND body IN ('earlier', 'LATEST')`);
  sql(`DELETE FROM hour_counts WHERE business_id = ${biz}`);
  assert.equal((await post('/dashboard/alerts', { csrf, failure: '90', filtered: '90' }, { jar })).status, 303);
});

test('a range\'s figures are kept a minute (a snapshot) in every worker, then counted again; a stale one is shown while another worker counts', async () => {
  const jar = await login('manager@count.example', { password: 'count-password' });
  const url = `/dashboard?from=${D1}&to=${D2}`;
  const sent = (t) => Number(t.match(/<span class="n">(\d+)<\/span> sent/)[1]);
  const age = (extra = '') => {
    sql(`UPDATE dashboard_snapshots SET made_at = made_at - INTERVAL 2 MINUTE${extra} WHERE business_id = ${biz}`);
    sql(`UPDATE delivery_rollup_days SET computed_at = computed_at - INTERVAL 10 MINUTE WHERE business_id = ${biz}`);
  };
  const add = (body) => sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, reason, error_code, created_at)
    SELECT ${biz}, c.id, 'out', '${body}', 'undelivered', 'carrier_filtered', 30007, '${noonUtc(D1)}'
    FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.phone_e164 = '+13125550902' AND c.business_id = ${biz}`);
  try {
    assert.equal(sent((await get(url, { jar })).text), 14);
    add('<script>alert(1)</script> WIN NOW');
    // within the minute every worker (four) shows the snapshot as it was
    // (the filtered texts are read from the messages themselves)
    for (let i = 0; i < 8; i++) {
      const t = (await get(url, { jar })).text;
      assert.equal(sent(t), 14, 'the snapshot');
      assert.ok(!t.includes('WIN NOW'), 'the snapshot\'s filtered texts');
    }
    // a minute on (the day's count made older too): counted again, and the
    // new text shown as typed, in every worker
    age();
    for (let i = 0; i < 8; i++) {
      const t = (await get(url, { jar })).text;
      assert.equal(sent(t), 15, 'counted again');
      assert.match(t, /&lt;script&gt;alert\(1\)&lt;\/script&gt; WIN NOW<\/p><p class="muted">1 filtered/);
      assert.ok(!t.includes('<script>alert(1)'), 'escaped');
    }
    // stale while another worker counts: shown as it is
    add('SECOND');
    age(', making_until = NOW(3) + INTERVAL 20 SECOND');
    assert.equal(sent((await get(url, { jar })).text), 15, 'the stale one, another worker counting');
    // that worker's time is up: this request counts
    sql(`UPDATE dashboard_snapshots SET making_until = NOW(3) - INTERVAL 1 SECOND WHERE business_id = ${biz}`);
    assert.equal(sent((await get(url, { jar })).text), 16);
    assert.equal(Number(sql(`SELECT COUNT(*) FROM dashboard_snapshots WHERE business_id = ${biz} AND making_until IS NULL`)) >= 1, true);
  } finally {
    sql(`DELETE FROM messages WHERE business_id = ${biz} AND body IN ('<script>alert(1)</script> WIN NOW', 'SECOND')`);
    sql(`DELETE FROM dashboard_snapshots WHERE business_id = ${biz}`);
    sql(`UPDATE delivery_rollup_days SET computed_at = computed_at - INTERVAL 10 MINUTE WHERE business_id = ${biz}`);
  }
});
