// tickets.test.mjs: support tickets carry an immutable snapshot of the
// conversation; customers see their business's, support works the queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, login, csrfOf, sql, makeLead } from './lib.mjs';

const acmeId = () => Number(sql("SELECT id FROM businesses WHERE name = 'Acme Roofing'"));
const nonceOf = (html) => (html.match(/name="nonce" value="([0-9a-f]{32})"/) || [])[1];

// a conversation with a text that failed with 30007, its events and a STOP
function failedConversation(phone) {
  const c = makeLead(phone, { name: 'Ticket Lead' });
  sql(`UPDATE leads SET email = 'private@example.com' WHERE id = ${c.lead}`);
  sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, reason, error_code, provider_sid, lint)
       VALUES (${acmeId()}, ${c.conv}, 'out', 'Act now! FREE offer, click bit.ly/x', 'undelivered', 'carrier_filtered', 30007,
       'SM${phone.slice(2)}aaaaaaaaaaaaaaaaaaaaaa', '[{"rule":"shortener","severity":"warn","message":"Link shorteners are often filtered"}]')`);
  const msg = Number(sql(`SELECT MAX(id) FROM messages WHERE conversation_id = ${c.conv}`));
  sql(`INSERT INTO message_events (provider_sid, message_id, status, error_code) VALUES
       ('SM${phone.slice(2)}aaaaaaaaaaaaaaaaaaaaaa', ${msg}, 'sent', 0),
       ('SM${phone.slice(2)}aaaaaaaaaaaaaaaaaaaaaa', ${msg}, 'undelivered', 30007)`);
  sql(`INSERT INTO number_lookups (e164, valid, line_type, carrier, checked_at) VALUES ('${phone}', 1, 'mobile', 'Test Wireless', NOW(3))`);
  sql(`INSERT INTO consent_ledger (business_id, lead_id, e164, action, keyword, source) VALUES (${acmeId()}, ${c.lead}, '${phone}', 'opt_out', 'STOP', 'inbound')`);
  return { ...c, msg };
}

async function file(jar, query, fields) {
  const form = await get(`/tickets/new${query}`, { jar });
  assert.equal(form.status, 200);
  return post('/tickets', { csrf: csrfOf(form.text), nonce: nonceOf(form.text), ...fields }, { jar });
}

test('filing from a failed message attaches an immutable snapshot of the conversation', async () => {
  const jar = await login('manager@acme.example');
  const c = failedConversation('+19175550401');
  const page = await get(`/messages/${c.msg}`, { jar });
  assert.match(page.text, new RegExp(`href="/tickets/new\\?message=${c.msg}"`));
  const thread = await get(`/conversations/${c.conv}`, { jar });
  assert.match(thread.text, new RegExp(`href="/tickets/new\\?conversation=${c.conv}"`));
  // the form starts with a subject naming what it is about
  const form = await get(`/tickets/new?message=${c.msg}`, { jar });
  assert.match(form.text, new RegExp(`name="subject"[^>]*value="Message #${c.msg}, conversation with Ticket Lead"`));
  const byConv = await get(`/tickets/new?conversation=${c.conv}`, { jar });
  assert.match(byConv.text, /name="subject"[^>]*value="Conversation with Ticket Lead"/);
  assert.match((await get('/tickets/new', { jar })).text, /name="subject"[^>]*value=""/);
  const r = await file(jar, `?message=${c.msg}`, { message: c.msg, subject: 'Filtered text', category: 'not_sending', description: 'It failed' });
  assert.equal(r.status, 303);
  const id = Number(r.headers.location.match(/\/tickets\/(\d+)$/)[1]);
  const snap = JSON.parse(sql(`SELECT snapshot FROM tickets WHERE id = ${id}`));
  assert.equal(snap.conversation_id, c.conv);
  assert.equal(snap.message_id, c.msg);
  assert.equal(snap.sending_number, '+12127365001');
  assert.equal(snap.registration, sql(`SELECT registration_status FROM businesses WHERE id = ${acmeId()}`));
  assert.ok(['not_started', 'pending', 'approved', 'rejected'].includes(snap.registration));
  assert.equal(snap.lookup.carrier, 'Test Wireless');
  const m = snap.messages.find((x) => x.id === c.msg);
  assert.equal(m.status, 'undelivered');
  assert.equal(m.error_code, 30007);
  assert.equal(m.shown, 'Failed');
  assert.match(m.reason_shown, /Carrier filtering/);
  assert.match(m.sid, /^SM/);
  assert.deepEqual(m.events.map((e) => [e.status, e.error_code]), [['sent', 0], ['undelivered', 30007]]);
  assert.equal(m.lint[0].rule, 'shortener');
  assert.deepEqual(snap.consent.map((x) => [x.action, x.keyword]), [['opt_out', 'STOP']]);
  assert.ok(!JSON.stringify(snap).includes('private@example.com'), 'the lead\'s email stays out');
  const shown = await get(`/tickets/${id}`, { jar });
  assert.match(shown.text, /error 30007/);
  assert.match(shown.text, /the message this ticket is about/);

  // the conversation changes later; the ticket does not
  sql(`UPDATE messages SET status = 'delivered', reason = NULL, error_code = NULL WHERE id = ${c.msg}`);
  sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status) VALUES (${acmeId()}, ${c.conv}, 'in', 'later text', 'received')`);
  assert.deepEqual(JSON.parse(sql(`SELECT snapshot FROM tickets WHERE id = ${id}`)), snap);
  assert.doesNotMatch((await get(`/tickets/${id}`, { jar })).text, /later text/);
  assert.throws(() => sql(`UPDATE tickets SET snapshot = '{}' WHERE id = ${id}`), /immutable/);
  // support sees the snapshot beside the conversation as it is now
  const sup = await login('support@salespartner.example');
  const sp = await get(`/tickets/${id}`, { jar: sup });
  assert.equal(sp.status, 200);
  const [then, now] = sp.text.split('id="now"');
  assert.match(then, /error 30007/);
  assert.match(now, /later text/);
});

test('tickets are the business\'s: other customers get 404, support sees them all', async () => {
  const jar = await login('agent@acme.example');
  const r = await file(jar, '', { subject: 'General question', category: 'other', description: 'How do I add a number?' });
  assert.equal(r.status, 303);
  const id = Number(r.headers.location.match(/(\d+)$/)[1]);
  assert.equal(sql(`SELECT snapshot IS NULL FROM tickets WHERE id = ${id}`), '1');
  assert.match((await get('/tickets', { jar })).text, /General question/);
  const birch = await login('agent@birch.example');
  assert.equal((await get(`/tickets/${id}`, { jar: birch })).status, 404);
  assert.doesNotMatch((await get('/tickets', { jar: birch })).text, /General question/);
  const bform = await get('/tickets/new', { jar: birch });
  assert.equal((await post(`/tickets/${id}/replies`, { csrf: csrfOf(bform.text), nonce: 'a'.repeat(32), body: 'hi' }, { jar: birch })).status, 404);
  assert.equal((await post(`/tickets/${id}/status`, { csrf: csrfOf(bform.text), status: 'resolved' }, { jar: birch })).status, 403);
  // the support queue: every business, oldest first, by status and category
  const sup = await login('support@salespartner.example');
  const q = await get('/tickets?status=open&category=other', { jar: sup });
  assert.equal(q.status, 200);
  assert.match(q.text, /General question/);
  assert.match(q.text, /<td>Acme Roofing<\/td>/);
  const ids = [...q.text.matchAll(/href="\/tickets\/(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'oldest first');
  assert.doesNotMatch((await get('/tickets?category=not_sending', { jar: sup })).text, /General question/);
  assert.equal((await get('/tickets?status=bogus', { jar: sup })).status, 400);
  // support cannot file tickets or read conversations directly
  assert.equal((await get('/tickets/new', { jar: sup })).status, 403);
  assert.equal((await get('/conversations', { jar: sup })).status, 403);
});

test('replies and status changes: an audit trail; a customer reply reopens a waiting ticket', async () => {
  const jar = await login('manager@acme.example');
  const r = await file(jar, '', { subject: 'Replies', category: 'number', description: 'Number question' });
  const id = Number(r.headers.location.match(/(\d+)$/)[1]);
  const sup = await login('support@salespartner.example');
  let page = await get(`/tickets/${id}`, { jar: sup });
  assert.equal((await post(`/tickets/${id}/status`, { csrf: csrfOf(page.text), status: 'investigating' }, { jar: sup })).status, 303);
  const reply = { csrf: csrfOf(page.text), nonce: nonceOf(page.text), body: 'Which number? <script>x()</script>' };
  assert.equal((await post(`/tickets/${id}/replies`, reply, { jar: sup })).status, 303);
  assert.equal((await post(`/tickets/${id}/replies`, reply, { jar: sup })).status, 303, 'a double submit');
  assert.equal(sql(`SELECT COUNT(*) FROM ticket_replies WHERE ticket_id = ${id}`), '1', 'one reply');
  assert.equal((await post(`/tickets/${id}/status`, { csrf: csrfOf(page.text), status: 'waiting' }, { jar: sup })).status, 303);
  assert.equal((await post(`/tickets/${id}/status`, { csrf: csrfOf(page.text), status: 'closed' }, { jar: sup })).status, 400);
  // the customer sees the reply, as text, and answers
  page = await get(`/tickets/${id}`, { jar });
  assert.match(page.text, /Which number\? &lt;script&gt;x\(\)&lt;\/script&gt;/);
  assert.match(page.text, /Waiting on customer/);
  const empty = await post(`/tickets/${id}/replies`, { csrf: csrfOf(page.text), nonce: nonceOf(page.text), body: '   ' }, { jar });
  assert.equal(empty.status, 422);
  assert.equal((await post(`/tickets/${id}/replies`, { csrf: csrfOf(page.text), nonce: nonceOf(page.text), body: 'The main one' }, { jar })).status, 303);
  assert.equal(sql(`SELECT status FROM tickets WHERE id = ${id}`), 'open');
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(COALESCE(old_status, ''), '>', new_status) ORDER BY id) FROM ticket_events WHERE ticket_id = ${id}`),
    'open>investigating,investigating>waiting,waiting>open');
  page = await get(`/tickets/${id}`, { jar: sup });
  assert.match(page.text, /Open → Investigating by SalesPartner Support/);
});

test('bad input: empty and 100 KB descriptions, HTML, another business\'s conversation, double submit', async () => {
  const jar = await login('agent@acme.example');
  const form = await get('/tickets/new', { jar });
  const base = { csrf: csrfOf(form.text), nonce: nonceOf(form.text) };
  const empty = await post('/tickets', { ...base, subject: 'Kept <i>subject</i>', category: 'other', description: '' }, { jar });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Write the description/);
  assert.match(empty.text, /value="Kept &lt;i&gt;subject&lt;\/i&gt;"/);
  const big = 'x'.repeat(100 * 1024);
  const long = await post('/tickets', { ...base, subject: 'Long', category: 'other', description: big }, { jar });
  assert.equal(long.status, 422);
  assert.match(long.text, /too long: 102400 characters/);
  assert.ok(long.text.includes(big), 'all 100 KB typed come back');
  const birchConv = makeLead('+19175550402', { business: 'Birch Dental' }).conv;
  const other = await post('/tickets', { ...base, conversation: birchConv, subject: 'Theirs', category: 'other', description: 'Kept text' }, { jar });
  assert.equal(other.status, 422);
  assert.match(other.text, /not one of your business/);
  assert.match(other.text, />Kept text<\/textarea>/);
  assert.equal(sql("SELECT COUNT(*) FROM tickets WHERE subject = 'Theirs'"), '0');
  assert.equal((await get(`/tickets/new?conversation=${birchConv}`, { jar })).status, 404);
  const badcat = await post('/tickets', { ...base, subject: 'Cat', category: 'nonsense', description: 'd' }, { jar });
  assert.equal(badcat.status, 422);
  const xss = { ...base, subject: '<img src=x onerror=alert(1)>', category: 'other', description: '"><script>alert(2)</script>' };
  const one = await post('/tickets', xss, { jar });
  const two = await post('/tickets', xss, { jar });
  assert.equal(one.status, 303);
  assert.equal(two.headers.location, one.headers.location, 'a double submit files one ticket');
  assert.equal(sql("SELECT COUNT(*) FROM tickets WHERE subject = '<img src=x onerror=alert(1)>'"), '1');
  const shown = await get(one.headers.location, { jar });
  assert.match(shown.text, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(shown.text, /&quot;&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
});
