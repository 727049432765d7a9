// workspace.test.mjs: the agents' workspace over HTTP: inbox filters,
// search and badges; leads created, edited, marked spam and imported;
// message templates; the thread's poll for live updates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  get, post, login, csrfOf, sql, makeLead, compose, simPost, conversationIds, request,
} from './lib.mjs';

const ACME = '+12127365001';
const acmeId = () => Number(sql("SELECT id FROM businesses WHERE name = 'Acme Roofing'"));
const inbox = async (jar, qs) => {
  const r = await get(`/conversations?${qs}`, { jar });
  return { ...r, ids: conversationIds(r.text) };
};

// a multipart body, as a browser sends a file input
function multipart(fields, file) {
  const b = '----sp' + Math.random().toString(16).slice(2);
  let s = '';
  for (const [k, v] of Object.entries(fields))
    s += `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  const parts = [Buffer.from(s)];
  if (file)
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      'Content-Type: text/csv\r\n\r\n'), Buffer.isBuffer(file.text) ? file.text : Buffer.from(file.text), Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

test('inbox filters: needs reply, failed, opted out, spam (out of the default inbox), by agent', async () => {
  const jar = await login('agent@acme.example');
  const reply = makeLead('+19175550201', { name: 'Filter Reply' });
  const r = await simPost('/sim/inbound', { From: '+19175550201', To: ACME, Body: 'Is Tuesday ok?' });
  assert.equal(r.portal_status, 200);
  const failed = makeLead('+19175550202', { name: 'Filter Failed' });
  sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, reason, error_code)
       VALUES (${acmeId()}, ${failed.conv}, 'out', 'hello', 'undelivered', 'carrier_filtered', 30007)`);
  sql(`UPDATE conversations c JOIN messages m ON m.id = (SELECT MAX(id) FROM messages WHERE conversation_id = c.id)
       SET c.last_status = m.status, c.last_direction = m.direction, c.last_activity_at = NOW(3),
       c.last_reason = m.reason, c.last_error_code = m.error_code WHERE c.id = ${failed.conv}`);
  const spam = makeLead('+19175550203', { name: 'Filter Spam' });
  sql(`UPDATE leads SET is_spam = 1 WHERE id = ${spam.lead}`);
  sql(`UPDATE conversations SET last_activity_at = NOW(3) WHERE id = ${spam.conv}`);

  const all = await inbox(jar, 'filter=all');
  assert.equal(all.status, 200);
  assert.ok(!all.ids.includes(spam.conv), 'spam leaves the default inbox');
  assert.ok(all.ids.includes(failed.conv));

  const rep = await inbox(jar, 'filter=reply');
  assert.ok(rep.ids.includes(reply.conv), 'the lead who texted last needs a reply');
  assert.ok(!rep.ids.includes(failed.conv));

  const fl = await inbox(jar, 'filter=failed');
  assert.ok(fl.ids.includes(failed.conv));
  assert.ok(!fl.ids.includes(reply.conv));
  assert.match(fl.text, /Last send failed/);

  const sp = await inbox(jar, 'filter=spam');
  assert.deepEqual(sp.ids.includes(spam.conv), true);
  assert.match(sp.text, /badge-spam">Spam</);

  const oo = await inbox(jar, 'filter=optout');
  const opted = Number(sql(`SELECT COUNT(*) FROM leads WHERE business_id = ${acmeId()} AND opted_out = 1 AND is_spam = 0`));
  assert.equal(oo.ids.length, Math.min(opted, 50));
  assert.equal((oo.text.match(/badge-optout/g) || []).length, oo.ids.length, 'every row badged opted out');

  // by agent: the agent who last texted
  const agent2 = Number(sql("SELECT id FROM users WHERE email = 'agent2@acme.example'"));
  const jar2 = await login('agent2@acme.example');
  const mine = makeLead('+19175550204', { name: 'Filter Agent' });
  assert.equal((await compose(jar2, mine.conv, 'Hi, this is Acme Roofing about your roof estimate.', { confirm: '1' })).status, 303);
  const by = await inbox(jar, `filter=all&agent=${agent2}`);
  assert.ok(by.ids.includes(mine.conv));
  for (const id of by.ids)
    assert.equal(sql(`SELECT agent_id FROM conversations WHERE id = ${id}`), String(agent2));

  const bad = await inbox(jar, 'filter=nonsense');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /no such filter/);
});

test('search by name, email or number in any format; pages keep the filter', async () => {
  const jar = await login('agent@acme.example');
  const c = makeLead('+19175550210', { name: 'Quentin Searchable' });
  sql(`UPDATE leads SET email = 'quentin.s@example.org' WHERE id = ${c.lead}`);
  for (const q of ['Quentin', 'quentin sea', 'Searchable', 'quentin.s@', '(917) 555-0210', '917.555.0210', '+1 917 555 0210', '19175550210']) {
    const r = await inbox(jar, `q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, q);
    assert.deepEqual(r.ids, [c.conv], `search "${q}"`);
  }
  const none = await inbox(jar, 'q=' + encodeURIComponent('%_nobody'));
  assert.deepEqual(none.ids, [], 'LIKE wildcards are searched as text');
  // another business's lead is never found
  const birch = makeLead('+19175550211', { name: 'Quentin Birch', business: 'Birch Dental' });
  const r = await inbox(jar, 'q=Quentin');
  assert.ok(!r.ids.includes(birch.conv));
  // a second page keeps the filter
  const first = await inbox(jar, 'filter=all');
  const next = first.text.match(/href="(\/conversations\?filter=all[^"]*after=[^"]+)"/);
  assert.ok(next, 'a link to older conversations');
  const page2 = await get(next[1].replace(/&amp;/g, '&'), { jar });
  assert.equal(page2.status, 200);
  const ids2 = conversationIds(page2.text);
  assert.ok(ids2.length > 0 && ids2.every((id) => !first.ids.includes(id)));
  assert.equal((await inbox(jar, 'q=' + 'x'.repeat(101))).status, 400);
  // SQL and HTML in a search: searched as text, shown as text
  for (const q of ["' OR 1=1 --", '<script>alert(1)</script>', '%', '_', '\\', '"; DROP TABLE leads; --']) {
    const r2 = await inbox(jar, 'q=' + encodeURIComponent(q));
    assert.equal(r2.status, 200, q);
    assert.deepEqual(r2.ids, [], q);
    assert.ok(!r2.text.includes('<script>alert(1)'), 'shown escaped');
  }
  assert.ok(Number(sql('SELECT COUNT(*) FROM leads')) > 0);
});

test('a name many leads share and one few do: newest activity first either way', async () => {
  // 2,100 leads named "Zedmany N" (over store_conversations.c's
  // SEARCH_FEW_BELOW: the inbox is walked in order) and 3 "Zedfew N"
  // (read from the leads, then sorted); their activity in 2001, below the
  // demo's, and removed at the end
  const jar = await login('agent@acme.example');
  const biz = acmeId();
  const mk = (name, n, phone) => {
    sql(`INSERT INTO leads (business_id, name, phone_raw, phone_e164)
         SELECT ${biz}, CONCAT('${name} ', seq), CONCAT('+1${phone}', LPAD(seq, 6, '0')),
         CONCAT('+1${phone}', LPAD(seq, 6, '0')) FROM seq_1_to_${n}`);
    sql(`INSERT INTO conversations (business_id, lead_id, sending_number_id, last_activity_at)
         SELECT l.business_id, l.id, (SELECT MIN(id) FROM sending_numbers WHERE business_id = ${biz}),
         '2001-01-01' + INTERVAL (l.id MOD 997) MINUTE
         FROM leads l WHERE l.business_id = ${biz} AND l.name LIKE '${name} %'`);
  };
  const expected = (like, offset) => sql(`SELECT c.id FROM conversations c JOIN leads l ON l.id = c.lead_id
      WHERE c.business_id = ${biz} AND l.name LIKE '${like}'
      ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 50 OFFSET ${offset}`).split('\n').filter(Boolean).map(Number);
  try {
    mk('Zedmany', 2100, '9998');
    mk('Zedfew', 3, '9997');
    const many = await inbox(jar, 'q=Zedmany');
    assert.equal(many.status, 200);
    assert.deepEqual(many.ids, expected('Zedmany%', 0), 'the first page, walked in order');
    const next = many.text.match(/href="(\/conversations\?[^"]*after=[^"]+)"/);
    assert.ok(next, 'a link to older conversations');
    const page2 = await get(next[1].replace(/&amp;/g, '&'), { jar });
    assert.deepEqual(conversationIds(page2.text), expected('Zedmany%', 50), 'the second page');
    const few = await inbox(jar, 'q=zedfew');
    assert.deepEqual(few.ids, expected('Zedfew%', 0), 'from the leads, sorted');
    assert.equal(few.ids.length, 3);
    // "Zedmany 7": 111 of them (7, 70-79, 700-799), read from the leads
    const some = await inbox(jar, 'q=' + encodeURIComponent('Zedmany 7'));
    assert.deepEqual(some.ids, expected('Zedmany 7%', 0));
    const some2 = some.text.match(/href="(\/conversations\?[^"]*after=[^"]+)"/);
    assert.deepEqual(conversationIds((await get(some2[1].replace(/&amp;/g, '&'), { jar })).text),
      expected('Zedmany 7%', 50), 'its second page');
    assert.deepEqual((await inbox(jar, 'q=Zedmissing')).ids, []);
  } finally {
    sql(`DELETE c FROM conversations c JOIN leads l ON l.id = c.lead_id
         WHERE l.business_id = ${biz} AND l.name LIKE 'Zed%'`);
    sql(`DELETE FROM leads WHERE business_id = ${biz} AND name LIKE 'Zed%'`);
  }
});

test('badges: invalid number, landline, cool-down', async () => {
  const jar = await login('agent@acme.example');
  const c = makeLead('+19175550220', { name: 'Badge Lead' });
  sql(`UPDATE leads SET line_type = 'landline', cooldown_until = NOW() + INTERVAL 20 MINUTE WHERE id = ${c.lead}`);
  sql(`UPDATE conversations SET last_activity_at = NOW(3) + INTERVAL 1 MINUTE WHERE id = ${c.conv}`);
  const r = await inbox(jar, 'q=Badge%20Lead');
  assert.match(r.text, /badge-block">Landline</);
  assert.match(r.text, /badge-wait">Cool-down</);
  const inv = await inbox(jar, 'q=' + encodeURIComponent(sql(
    `SELECT name FROM leads WHERE business_id = ${acmeId()} AND phone_valid = 0 LIMIT 1`)));
  assert.match(inv.text, /Invalid number/);
});

test('the inbox says when in the business\'s days: the time today, "Yesterday", then the date', async () => {
  const jar = await login('agent@acme.example');
  const NY = 'America/New_York';
  const day = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: NY, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const hm = (d) => new Intl.DateTimeFormat('en-GB', { timeZone: NY, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  const today = day(new Date());
  const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86400000).toISOString().slice(0, 10);
  const older = new Date(Date.parse(`${today}T12:00:00Z`) - 10 * 86400000).toISOString().slice(0, 10);
  const rows = [
    ['Quillon Today', new Date(Date.now() - 60000)],
    // 17:00 UTC is 12:00 or 13:00 in New York: the same date there
    ['Quillon Yesterday', new Date(`${yesterday}T17:00:00Z`)],
    ['Quillon Older', new Date(`${older}T17:00:00Z`)],
  ];
  rows.forEach(([name, at], i) => {
    const c = makeLead(`+1917555031${i}`, { name });
    sql(`UPDATE conversations SET last_activity_at = '${at.toISOString().slice(0, 19).replace('T', ' ')}' WHERE id = ${c.conv}`);
  });
  const r = await inbox(jar, 'q=Quillon');
  const shown = (name) => r.text.match(new RegExp(`<strong>${name}</strong>[\\s\\S]*?<time title="[^"]+">([^<]+)</time>`))[1];
  const [now, yest, old] = rows.map(([, at]) => at);
  assert.equal(shown('Quillon Today'), day(now) === today ? hm(now) : `Yesterday, ${hm(now)}`);
  assert.equal(shown('Quillon Yesterday'), `Yesterday, ${hm(yest)}`);
  assert.doesNotMatch(shown('Quillon Older'), /Yesterday/);
  assert.match(shown('Quillon Older'), new RegExp(`^[A-Z][a-z]{2} +\\d{1,2},( \\d{4},)? ${hm(old)}$`));
});

test('a lead created by hand: checked at once, the form keeps what was typed, duplicates refused', async () => {
  const jar = await login('agent@acme.example');
  const form = await get('/leads/new', { jar });
  assert.equal(form.status, 200);
  const csrf = csrfOf(form.text);
  const bad = await post('/leads', { csrf, name: 'Nina <b>Bold</b>', phone: '212 555 01', email: 'nina@example.com' }, { jar });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /too short/);
  assert.match(bad.text, /value="Nina &lt;b&gt;Bold&lt;\/b&gt;"/);
  assert.match(bad.text, /value="212 555 01"/);
  assert.match(bad.text, /value="nina@example.com"/);
  const badMail = await post('/leads', { csrf, name: 'Nina', phone: '(917) 555-0230', email: 'not-an-email' }, { jar });
  assert.equal(badMail.status, 422);
  const ok = await post('/leads', { csrf, name: 'Nina Created', phone: '(917) 555-0230', email: 'nina@example.com' }, { jar });
  assert.equal(ok.status, 303);
  const conv = Number(ok.headers.location.match(/\/conversations\/(\d+)$/)[1]);
  const row = sql(`SELECT CONCAT_WS('|', l.phone_e164, l.email, c.business_id) FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE c.id = ${conv}`);
  assert.equal(row, `+19175550230|nina@example.com|${acmeId()}`);
  const dup = await post('/leads', { csrf, name: 'Again', phone: '917-555-0230' }, { jar });
  assert.equal(dup.status, 409);
  assert.match(dup.text, /exists already/);
  assert.match(dup.text, /href="\/leads\/\d+"/);
  // a fixed line by the number's own type (a UK landline) is refused
  const land = await post('/leads', { csrf, name: 'Land', phone: '+44 20 7946 0958' }, { jar });
  assert.equal(land.status, 422);
  assert.match(land.text, /Landline number/);
});

test('a lead edited: number validated, look-up redone, history kept; other businesses get 404', async () => {
  const jar = await login('agent@acme.example');
  const c = makeLead('+19175550240', { name: 'Edit Me' });
  sql(`UPDATE leads SET line_type = 'mobile', cooldown_until = NOW() + INTERVAL 10 MINUTE WHERE id = ${c.lead}`);
  sql(`INSERT INTO number_lookups (e164, valid, line_type, carrier, checked_at) VALUES ('+19175550241', 1, 'landline', 'Old', NOW(3))
       ON DUPLICATE KEY UPDATE stale = 0`);
  const page = await get(`/leads/${c.lead}`, { jar });
  assert.equal(page.status, 200);
  const csrf = csrfOf(page.text);
  const bad = await post(`/leads/${c.lead}`, { csrf, name: 'Edit Me', phone: '917 555 02411 9', email: '' }, { jar });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /value="917 555 02411 9"/, 'what was typed is kept');
  assert.equal(sql(`SELECT phone_e164 FROM leads WHERE id = ${c.lead}`), '+19175550240', 'nothing changed');
  const ok = await post(`/leads/${c.lead}`, { csrf, name: 'Edited Name', phone: '(917) 555-0241', email: 'e@example.com' }, { jar });
  assert.equal(ok.status, 303);
  assert.equal(sql(`SELECT CONCAT_WS('|', name, phone_e164, email, COALESCE(line_type, '-'), COALESCE(cooldown_until, '-')) FROM leads WHERE id = ${c.lead}`),
    'Edited Name|+19175550241|e@example.com|-|-');
  assert.equal(sql("SELECT stale FROM number_lookups WHERE e164 = '+19175550241'"), '1', 'the look-up is redone before the next send');
  const hist = await get(`/leads/${c.lead}`, { jar });
  assert.match(hist.text, /<td>Phone number<\/td><td>\+19175550240<\/td><td>\+19175550241<\/td>/);
  assert.match(hist.text, /<td>Name<\/td><td>Edit Me<\/td><td>Edited Name<\/td>/);
  // another lead's number: 409, nothing changed
  const other = makeLead('+19175550242');
  const dup = await post(`/leads/${c.lead}`, { csrf, name: 'Edited Name', phone: '+19175550242', email: '' }, { jar });
  assert.equal(dup.status, 409);
  assert.equal(sql(`SELECT phone_e164 FROM leads WHERE id = ${c.lead}`), '+19175550241');
  assert.ok(other.lead > 0);
  // Birch's agent sees none of it
  const birch = await login('agent@birch.example');
  assert.equal((await get(`/leads/${c.lead}`, { jar: birch })).status, 404);
  const bpage = await get('/leads/new', { jar: birch });
  assert.equal((await post(`/leads/${c.lead}`, { csrf: csrfOf(bpage.text), name: 'x', phone: '+19175550243' }, { jar: birch })).status, 404);
  assert.equal((await post(`/leads/${c.lead}/spam`, { csrf: csrfOf(bpage.text), spam: '1' }, { jar: birch })).status, 404);
});

test('spam: marked leads cannot be texted and leave the inbox; unmarking brings them back', async () => {
  const jar = await login('agent@acme.example');
  const c = makeLead('+19175550250', { name: 'Spammy Lead' });
  sql(`UPDATE conversations SET last_activity_at = NOW(3) + INTERVAL 2 MINUTE WHERE id = ${c.conv}`);
  const page = await get(`/conversations/${c.conv}`, { jar });
  const mark = await post(`/leads/${c.lead}/spam`, { csrf: csrfOf(page.text), spam: '1', back: 'conversation' }, { jar });
  assert.equal(mark.status, 303);
  assert.equal(mark.headers.location, `/conversations/${c.conv}`);
  assert.ok(!(await inbox(jar, 'filter=all')).ids.includes(c.conv));
  assert.match((await get(`/conversations/${c.conv}`, { jar })).text, /marked as spam and cannot be texted/);
  const send = await compose(jar, c.conv, 'Hello from Acme Roofing', { confirm: '1' });
  assert.equal(send.status, 409);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE conversation_id = ${c.conv}`), '0');
  const un = await post(`/leads/${c.lead}/spam`, { csrf: csrfOf(page.text), spam: '0' }, { jar });
  assert.equal(un.status, 303);
  assert.ok((await inbox(jar, 'filter=all')).ids.includes(c.conv));
  assert.match((await get(`/leads/${c.lead}`, { jar })).text, /<td>Spam<\/td><td>yes<\/td><td>no<\/td>/);
});

test('CSV import: each row checked, a report of what was imported and refused', async () => {
  const jar = await login('agent@acme.example');
  makeLead('+19175550260', { name: 'Already Here' });
  const csrf = csrfOf((await get('/leads/import', { jar })).text);
  const csv = 'Mobile,First Name,Last Name,Email\r\n' +
    '(917) 555-0261,Imp,One,imp1@example.com\r\n' +
    '917-555-0261,Imp,Dup,\r\n' +
    '917 555 0260,Imp,Existing,\r\n' +
    '12345,Imp,Short,\r\n' +
    '+44 20 7946 0958,Imp,Landline,\r\n' +
    '+19175550262,"Imp, ""Q""",Three,bad@\r\n' +
    '+1 917 555 0263,<script>alert(1)</script>,Four,\r\n';
  const { body, headers } = multipart({ csrf }, { name: 'leads.csv', text: csv });
  const r = await request('POST', '/leads/import', { body, headers, jar });
  assert.equal(r.status, 200);
  assert.match(r.text, /<strong>2<\/strong> imported, <strong>5<\/strong> refused/);
  assert.match(r.text, /<td>3<\/td><td>Imp Dup<\/td><td>917-555-0261<\/td><td>The same number as line 2 of the file.<\/td>/);
  assert.match(r.text, /<td>4<\/td><td>Imp Existing<\/td><td>917 555 0260<\/td><td>Already a lead of your business.<\/td>/);
  assert.match(r.text, /<td>5<\/td><td>Imp Short<\/td><td>12345<\/td><td>The number is too short.<\/td>/);
  assert.match(r.text, /Imp Landline<\/td><td>\+44 20 7946 0958<\/td><td>Landline number/);
  assert.match(r.text, /Imp, &quot;Q&quot; Three<\/td><td>\+19175550262<\/td><td>The email address is not valid.<\/td>/);
  assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Four/);
  assert.ok(!r.text.includes('<script>alert'));
  assert.equal(sql(`SELECT COUNT(*) FROM leads WHERE business_id = ${acmeId()} AND phone_e164 IN ('+19175550261', '+19175550263')`), '2');
  assert.equal(sql("SELECT COUNT(*) FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.phone_e164 = '+19175550261'"), '1');
  // pasted text works too, with no header row
  const pasted = await post('/leads/import', { csrf, csv: 'Pat Paste,917-555-0264,pat@example.com\n' }, { jar });
  assert.match(pasted.text, /<strong>1<\/strong> imported, <strong>0<\/strong> refused/);
  // nothing to import, or a quote never closed
  assert.equal((await post('/leads/import', { csrf, csv: '' }, { jar })).status, 422);
  const broken = await post('/leads/import', { csrf, csv: 'Ok Row,917-555-0265,\n"Broken,917-555-0266\n' }, { jar });
  assert.equal(broken.status, 422);
  assert.match(broken.text, /Line 2: a quoted field never ends[\s\S]*Nothing was imported/);
  assert.equal(sql("SELECT COUNT(*) FROM leads WHERE phone_e164 = '+19175550265'"), '0', 'nothing half-imported');
  // a header without a phone column, too many rows, a binary file: refused whole
  const nophone = await post('/leads/import', { csrf, csv: 'name,email\nNo Phone,np@example.com\n' }, { jar });
  assert.equal(nophone.status, 422);
  assert.match(nophone.text, /none of them is the phone number/);
  const many = 'name,phone\n' + Array.from({ length: 5001 }, (_, i) => `Row ${i},+1917556${String(i).padStart(4, '0')}`).join('\n');
  const big = await post('/leads/import', { csrf, csv: many }, { jar });
  assert.equal(big.status, 422);
  assert.match(big.text, /The file has 5001 rows: import at most 5,000 at a time. Nothing was imported./);
  assert.equal(sql("SELECT COUNT(*) FROM leads WHERE phone_e164 LIKE '+1917556%'"), '0');
  const bin = multipart({ csrf }, { name: 'leads.xlsx', text: 'PK\u0003\u0004\u0000\u0000\u00ff\u00fe binary' });
  const b = await request('POST', '/leads/import', { ...bin, jar });
  assert.ok(b.status === 422 || b.status === 400, `binary: ${b.status}`);
  assert.match(b.text, /not UTF-8 text|malformed|not valid/);
  const latin1 = multipart({ csrf }, { name: 'latin1.csv', text: Buffer.from('name,phone\nJos\xe9 Garc\xeda,917-555-0267', 'latin1') });
  const l1 = await request('POST', '/leads/import', { ...latin1, jar });
  assert.equal(l1.status, 422);
  assert.match(l1.text, /not UTF-8 text/);
  assert.equal(sql("SELECT COUNT(*) FROM leads WHERE phone_e164 = '+19175550267'"), '0');
});

test('templates: fields checked, filled in for the lead, scoped to the business', async () => {
  const jar = await login('agent@acme.example');
  const csrf = csrfOf((await get('/templates', { jar })).text);
  const bad = await post('/templates', { csrf, name: 'Bad <i>fields</i>', body: 'Hi {firstname}, from {business_name}' }, { jar });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Unknown field \{firstname\}/);
  assert.match(bad.text, /Hi \{firstname\}, from \{business_name\}<\/textarea>/, 'what was typed is kept');
  assert.match(bad.text, /value="Bad &lt;i&gt;fields&lt;\/i&gt;"/);
  const ok = await post('/templates', { csrf, name: 'Test greeting', body: 'Hi {first_name}, {business_name} here. Is the quote still of interest?' }, { jar });
  assert.equal(ok.status, 303);
  const tid = Number(sql(`SELECT id FROM message_templates WHERE name = 'Test greeting' AND business_id = ${acmeId()}`));
  assert.equal((await post('/templates', { csrf, name: 'Test greeting', body: 'x' }, { jar })).status, 409);
  const c = makeLead('+19175550270', { name: 'Wanda Template' });
  const pick = await get(`/conversations/${c.conv}/templates`, { jar });
  assert.match(pick.text, /Hi Wanda, Acme Roofing here\. Is the quote still of interest\?/);
  const use = await get(`/conversations/${c.conv}?template=${tid}`, { jar });
  assert.match(use.text, />Hi Wanda, Acme Roofing here\. Is the quote still of interest\?<\/textarea>/);
  const noname = makeLead('+19175550271', { name: ' ' });
  assert.match((await get(`/conversations/${noname.conv}?template=${tid}`, { jar })).text, />Hi there, Acme Roofing here/);
  // Birch sees neither the template nor can use it
  const birch = await login('agent@birch.example');
  assert.equal((await get(`/templates/${tid}`, { jar: birch })).status, 404);
  const bconv = makeLead('+19175550272', { business: 'Birch Dental' });
  assert.equal((await get(`/conversations/${bconv.conv}?template=${tid}`, { jar: birch })).status, 404);
  assert.doesNotMatch((await get('/templates', { jar: birch })).text, /Test greeting/);
  // edit and delete
  const edit = await post(`/templates/${tid}`, { csrf, name: 'Test greeting', body: 'Hello {first_name}!' }, { jar });
  assert.equal(edit.status, 303);
  assert.equal(sql(`SELECT body FROM message_templates WHERE id = ${tid}`), 'Hello {first_name}!');
  assert.equal((await post(`/templates/${tid}/delete`, { csrf }, { jar })).status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM message_templates WHERE id = ${tid}`), '0');
});

test('the thread poll: its version changes with a new text and a status, and is scoped', async () => {
  const jar = await login('agent@acme.example');
  const c = makeLead('+19175550280', { name: 'Live Lead' });
  const v1 = JSON.parse((await get(`/conversations/${c.conv}/poll`, { jar })).text);
  assert.equal(v1.latest, 0);
  // the page carries the version it shows: a change between the page and
  // the first poll is not lost
  const page = (await get(`/conversations/${c.conv}`, { jar })).text;
  assert.equal(page.match(/data-version="([^"]*)"/)[1], v1.version);
  assert.equal(page.match(/data-lead="([^"]*)"/)[1], v1.lead);
  const r = await simPost('/sim/inbound', { From: '+19175550280', To: ACME, Body: 'Are you there?' });
  assert.equal(r.portal_status, 200);
  const v2 = JSON.parse((await get(`/conversations/${c.conv}/poll`, { jar })).text);
  assert.notEqual(v2.version, v1.version);
  assert.ok(v2.latest > 0);
  sql(`UPDATE leads SET opted_out = 1, updated_at = NOW(3) WHERE id = ${c.lead}`);
  const v3 = JSON.parse((await get(`/conversations/${c.conv}/poll`, { jar })).text);
  assert.notEqual(v3.lead, v2.lead, 'the lead part tells a state change');
  sql(`UPDATE leads SET opted_out = 0 WHERE id = ${c.lead}`);
  const birch = await login('agent@birch.example');
  assert.equal((await get(`/conversations/${c.conv}/poll`, { jar: birch })).status, 404);
});
