// foundation.test.mjs: sign-in, sessions, CSRF, the tenant wall, escaping,
// error pages and a MariaDB restart, through nginx and the FastCGI workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { get, post, request, login, csrfOf, sql, stack, conversationIds, PASSWORD, VAR } from './lib.mjs';

test('signing in with the right password lands in the inbox', async () => {
  const jar = await login('agent@acme.example');
  const home = await get('/', { jar });
  assert.equal(home.status, 303);
  assert.equal(home.headers.location, '/conversations');
  const inbox = await get('/conversations', { jar });
  assert.equal(inbox.status, 200);
  assert.match(inbox.text, /Acme Roofing/);
  assert.equal(conversationIds(inbox.text).length, 50, 'fifty a page');
  const cookie = [].concat(inbox.headers['set-cookie'] || []);
  assert.equal(cookie.length, 0, 'no cookie churn on page views');
});

test('the session cookie is HttpOnly and SameSite=Lax', async () => {
  const jar = new Map();
  const form = await get('/login', { jar });
  const res = await post('/login', { csrf: csrfOf(form.text), email: 'agent@acme.example', password: PASSWORD }, { jar });
  const c = [].concat(res.headers['set-cookie']).find((x) => x.startsWith('sp_session='));
  assert.ok(c, 'session cookie set');
  assert.match(c, /HttpOnly/);
  assert.match(c, /SameSite=Lax/);
  assert.match(c.split(';')[0], /^sp_session=[0-9a-f]{64}$/, '256-bit token');
  const token = c.split(';')[0].split('=')[1];
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE csrf_token = '${token}'`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2('${token}', 256))`), '1',
    'only the hash of the token is stored');
});

test('a wrong password is refused with the email kept', async () => {
  const jar = new Map();
  const form = await get('/login', { jar });
  const res = await post('/login', { csrf: csrfOf(form.text), email: 'manager@acme.example', password: 'not-the-password' }, { jar });
  assert.equal(res.status, 401);
  assert.match(res.text, /Wrong email or password/);
  assert.match(res.text, /Forgot your password\? A manager of your business sets a new one/, 'and who can set a new one');
  assert.match(res.text, /value="manager@acme.example"/);
  assert.ok(!jar.has('sp_session'));
  sql("DELETE FROM login_failures WHERE subject = 'manager@acme.example'");
});

test('signing out ends the session', async () => {
  const jar = await login('agent@acme.example');
  const page = await get('/conversations', { jar });
  const conv = conversationIds(page.text)[0];
  assert.equal((await get(`/conversations/${conv}`, { jar })).status, 200);
  const old = new Map(jar);
  const out = await post('/logout', { csrf: csrfOf(page.text) }, { jar });
  assert.equal(out.status, 303);
  assert.equal(out.headers.location, '/login');
  const again = await get('/conversations', { jar: old });
  assert.equal(again.status, 303, 'the old cookie no longer works');
  assert.match(again.headers.location, /^\/login\?next=/);
  // nor at a thread, whose statement reads the session with the page
  const thread = await get(`/conversations/${conv}`, { jar: old });
  assert.equal(thread.status, 303);
  assert.equal(thread.headers.location, `/login?next=%2Fconversations%2F${conv}`);
  assert.doesNotMatch(thread.text, /Sign out/);
});

test('five failures lock the account for a while with a clear message', async () => {
  const email = 'agent2@acme.example';
  const jar = new Map();
  let form = await get('/login', { jar });
  for (let i = 0; i < 5; i++) {
    const r = await post('/login', { csrf: csrfOf(form.text), email, password: `wrong-${i}` }, { jar });
    assert.equal(r.status, 401);
  }
  const locked = await post('/login', { csrf: csrfOf(form.text), email, password: PASSWORD }, { jar });
  assert.equal(locked.status, 429, 'even the right password waits');
  assert.match(locked.text, /Too many failed sign-ins for this account\. Try again in 1[45] minutes/);
  assert.ok(!jar.has('sp_session'));
  // other accounts from the same address still sign in
  await login('agent@acme.example');
  sql(`DELETE FROM login_failures WHERE subject = '${email}'`);
  await login(email);
});

test('twenty failures from one address lock that address only', async () => {
  const from = '127.0.0.2';
  const jar = new Map();
  const form = await get('/login', { jar, from });
  for (let i = 0; i < 20; i++) {
    const r = await post('/login', { csrf: csrfOf(form.text), email: `nobody${i}@nowhere.example`, password: 'x-wrong-pw' }, { jar, from });
    assert.equal(r.status, 401);
  }
  const r = await post('/login', { csrf: csrfOf(form.text), email: 'agent@acme.example', password: PASSWORD }, { jar, from });
  assert.equal(r.status, 429);
  assert.match(r.text, /Too many failed sign-ins from your network/);
  await login('agent@acme.example'); // 127.0.0.1 is not affected
  sql("DELETE FROM login_failures WHERE subject = '127.0.0.2' OR subject LIKE 'nobody%'");
});

test('a POST without or with a stale CSRF token is refused and changes nothing', async () => {
  // the login form without its token
  const jar0 = new Map();
  await get('/login', { jar: jar0 });
  const noTok = await post('/login', { email: 'agent@acme.example', password: PASSWORD }, { jar: jar0 });
  assert.equal(noTok.status, 403);
  assert.ok(!jar0.has('sp_session'));
  // a token from another browser's login form
  const other = new Map();
  const otherForm = await get('/login', { jar: other });
  const foreign = await post('/login', { csrf: csrfOf(otherForm.text), email: 'agent@acme.example', password: PASSWORD }, { jar: jar0 });
  assert.equal(foreign.status, 403);

  const jar = await login('agent@acme.example');
  const page = await get('/conversations', { jar });
  const stale = csrfOf(page.text);
  const before = sql('SELECT COUNT(*) FROM sessions');
  const none = await post('/logout', {}, { jar });
  assert.equal(none.status, 403);
  assert.match(none.text, /This form has expired/);
  assert.match(none.text, /Request id <code>[0-9a-f]{16}<\/code>/);
  assert.equal(sql('SELECT COUNT(*) FROM sessions'), before, 'still signed in');
  // a new session gets a new token: the old one is stale
  const jar2 = await login('agent@acme.example');
  const r = await post('/logout', { csrf: stale }, { jar: jar2 });
  assert.equal(r.status, 403);
  assert.equal((await get('/conversations', { jar: jar2 })).status, 200);
});

test('the tenant wall holds both ways', async () => {
  const acme = await login('agent@acme.example');
  const birch = await login('agent@birch.example');
  const birchInbox = await get('/conversations', { jar: birch });
  assert.equal(birchInbox.status, 200);
  assert.doesNotMatch(birchInbox.text, /Acme Roofing/);
  const birchIds = conversationIds(birchInbox.text);
  const acmeIds = conversationIds((await get('/conversations', { jar: acme })).text);
  assert.ok(birchIds.length > 0 && acmeIds.length > 0);
  assert.equal(birchIds.filter((id) => acmeIds.includes(id)).length, 0);
  for (const id of birchIds.slice(0, 3)) {
    const r = await get(`/conversations/${id}`, { jar: acme });
    assert.equal(r.status, 404, `acme cannot read birch's ${id}`);
    assert.doesNotMatch(r.text, /Birch/);
    assert.equal((await get(`/conversations/${id}`, { jar: birch })).status, 200);
  }
  for (const id of acmeIds.slice(0, 3)) {
    const r = await get(`/conversations/${id}`, { jar: birch });
    assert.equal(r.status, 404, `birch cannot read acme's ${id}`);
  }
  // support staff have no business inbox
  const support = await login('support@salespartner.example');
  assert.equal((await get('/conversations', { jar: support })).status, 403);
  assert.equal((await get(`/conversations/${acmeIds[0]}`, { jar: support })).status, 403);
});

test('a message body with script is shown as text', async () => {
  const jar = await login('agent@acme.example');
  const id = conversationIds((await get('/conversations', { jar })).text)[0];
  const body = '<script>alert(1)</script> & "quotes" \'too\'';
  const esc = body.replace(/'/g, "''");
  sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status)
       SELECT business_id, id, 'in', '${esc}', 'received' FROM conversations WHERE id = ${id}`);
  const page = await get(`/conversations/${id}`, { jar });
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;'));
  assert.ok(!page.text.includes('<script>alert(1)'));
  assert.match(page.headers['content-security-policy'], /script-src 'self'/);
  sql(`DELETE FROM messages WHERE conversation_id = ${id} AND body LIKE '<script>%'`);
});

test('every answer carries the security headers; private pages are no-store', async () => {
  const jar = await login('agent@acme.example');
  for (const path of ['/login', '/conversations', '/nope']) {
    const r = await get(path, { jar });
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.match(r.headers['content-security-policy'], /frame-ancestors 'none'/);
    assert.doesNotMatch(r.headers['content-security-policy'], /unsafe-inline/);
    assert.equal(r.headers['cache-control'], 'no-store');
  }
  const css = await get('/static/style.css');
  assert.equal(css.status, 200);
  assert.equal(css.headers['x-content-type-options'], 'nosniff');
});

test('unknown paths, wrong methods and foreign or malformed ids get clear error pages', async () => {
  const jar = await login('agent@acme.example');
  const nf = await get('/no/such/page', { jar });
  assert.equal(nf.status, 404);
  assert.match(nf.text, /There is no page at this address/);
  assert.match(nf.text, /Request id <code>[0-9a-f]{16}<\/code>/);
  assert.equal(nf.headers['x-request-id'].length, 16);
  for (const p of ['/conversations/abc', '/conversations/-1', '/conversations/99999999999', '/conversations/1x']) {
    const r = await get(p, { jar });
    assert.equal(r.status, 404, p);
    assert.match(r.text, /<h1>404/);
  }
  const m = await request('DELETE', '/conversations', { jar });
  assert.equal(m.status, 405);
  const m2 = await post('/conversations', { x: 1 }, { jar });
  assert.equal(m2.status, 405);
  assert.equal(m2.headers.allow, 'GET');
  assert.match(m2.text, /does not accept that kind of request/);
});

test('an oversized body gets the 413 page and saves nothing', async () => {
  const jar = new Map();
  const form = await get('/login', { jar });
  const big = 'x'.repeat(2 * 1024 * 1024);
  const r = await post('/login', { csrf: csrfOf(form.text), email: 'agent@acme.example', password: big }, { jar });
  assert.equal(r.status, 413);
  assert.match(r.text, /larger than this site accepts/);
  assert.ok(!jar.has('sp_session'));
});

test('malformed encoding and invalid UTF-8 are refused with 400', async () => {
  const jar = new Map();
  const form = await get('/login', { jar });
  const tok = csrfOf(form.text);
  const failures = sql('SELECT COUNT(*) FROM login_failures');
  const bad = await request('POST', '/login', {
    jar, body: `csrf=${tok}&email=agent%zz@acme.example&password=x`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /malformed/);
  const utf = await request('POST', '/login', {
    jar, body: `csrf=${tok}&email=agent%C3%28@acme.example&password=demo-password`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(utf.status, 400);
  assert.match(utf.text, /characters that are not valid text/);
  const q = await get('/conversations?after=%', { jar });
  assert.equal(q.status, 400);
  assert.equal(sql('SELECT COUNT(*) FROM login_failures'), failures, 'nothing written');
  const acme = await login('agent@acme.example');
  const cur = await get('/conversations?after=garbage', { jar: acme });
  assert.equal(cur.status, 400);
  // each broken page link says so and offers the way back
  assert.match(cur.text, /href="\/conversations">First page of the inbox</);
  const [id] = conversationIds((await get('/conversations', { jar: acme })).text);
  const thread = await get(`/conversations/${id}?before=abc`, { jar: acme });
  assert.equal(thread.status, 400);
  assert.match(thread.text, /does not say which earlier messages/);
  assert.match(thread.text, new RegExp(`href="/conversations/${id}">Latest messages`));
  const mgr = await login('manager@acme.example');
  const oo = await get('/optouts?after=1.x', { jar: mgr });
  assert.equal(oo.status, 400);
  assert.match(oo.text, /href="\/optouts">First page of the opt-out list</);
  const drill = await get('/dashboard/messages?outcome=failed&before=%FF', { jar: mgr });
  assert.equal(drill.status, 400);
  assert.match(drill.text, /showing the first page of these messages/);
  assert.match(drill.text, /<h1>/, 'the drill-down itself, with its filters');
});

test('the inbox pages by keyset, newest activity first', async () => {
  const jar = await login('manager@acme.example');
  const seen = [];
  let path = '/conversations';
  for (let i = 0; i < 10 && path; i++) {
    const r = await get(path, { jar });
    assert.equal(r.status, 200);
    seen.push(...conversationIds(r.text));
    const next = r.text.match(/href="(\/conversations\?[^"]*after=[^"]+)"/);
    path = next ? next[1].replace(/&amp;/g, '&') : null;
  }
  // the default inbox leaves the demo's spam leads out
  const order = sql(`SELECT c.id FROM conversations c JOIN leads l ON l.id = c.lead_id
                     WHERE c.business_id = (SELECT id FROM businesses WHERE name = 'Acme Roofing') AND l.is_spam = 0
                     ORDER BY c.last_activity_at DESC, c.id DESC`).split('\n').map(Number);
  assert.ok(order.length > 150);
  assert.equal(seen.length, order.length, 'every Acme conversation once');
  assert.equal(new Set(seen).size, order.length);
  assert.deepEqual(seen, order);
});

test('the thread shows each message with the article\'s status words', async () => {
  const jar = await login('agent@acme.example');
  // lead 50 is the demo's landline
  const id = sql(`SELECT c.id FROM conversations c JOIN leads l ON l.id = c.lead_id
                  WHERE l.line_type = 'landline' AND l.business_id = (SELECT id FROM businesses WHERE name = 'Acme Roofing')`);
  const r = await get(`/conversations/${id}`, { jar });
  assert.equal(r.status, 200);
  assert.match(r.text, /Landline number: texts can&#39;t be sent to landlines/);
  assert.match(r.text, /status-failed">Failed/);
  const failed = sql(`SELECT c.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
                      WHERE m.error_code = 30007 AND m.business_id = c.business_id AND c.business_id =
                      (SELECT id FROM businesses WHERE name = 'Acme Roofing') LIMIT 1`);
  const f = await get(`/conversations/${failed}`, { jar });
  assert.match(f.text, /Carrier filtering: wait 15-30 minutes, review content/);
  assert.match(f.text, /Delivered|Sending|Received/);
  const opted = sql(`SELECT c.id FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.opted_out = 1
                     AND l.business_id = (SELECT id FROM businesses WHERE name = 'Acme Roofing') LIMIT 1`);
  const o = await get(`/conversations/${opted}`, { jar });
  assert.equal(o.status, 200);
  assert.match(o.text, /Messages are blocked: this lead opted out/);
  assert.match(o.text, /<p class="body">STOP<\/p>/);
});

test('pages answer again after a MariaDB restart', async () => {
  const jar = await login('agent@acme.example');
  assert.equal((await get('/conversations', { jar })).status, 200);
  // load while the database goes away and comes back
  let stop = false;
  const statuses = [];
  const load = (async () => {
    while (!stop) statuses.push((await get('/conversations', { jar })).status);
  })();
  stack('restart-db');
  stop = true;
  await load;
  assert.ok(statuses.every((s) => s === 200 || s === 503), `only 200 or 503 during the restart: ${[...new Set(statuses)]}`);
  // a request that arrives while the server is down waits for it
  // (DB.WaitMs): only the one in flight at the shutdown may fail
  assert.ok(statuses.filter((s) => s !== 200).length <= 1, `one request in flight, ${statuses.filter((s) => s !== 200).length} failed`);
  // every worker's connection is stale now: each must recover at once
  for (let i = 0; i < 40; i++) {
    const r = await get('/conversations', { jar });
    assert.equal(r.status, 200, `request ${i} after the restart`);
  }
});

test('sessions end after the idle limit and after the absolute limit', async () => {
  const idle = await login('agent@acme.example');
  const abs = await login('agent@acme.example');
  assert.equal((await get('/conversations', { jar: idle })).status, 200);
  const hash = (jar) => `UNHEX(SHA2('${jar.get('sp_session')}', 256))`;
  sql(`UPDATE sessions SET last_seen_at = NOW(3) - INTERVAL 121 MINUTE WHERE token_hash = ${hash(idle)}`);
  sql(`UPDATE sessions SET created_at = NOW(3) - INTERVAL 721 MINUTE WHERE token_hash = ${hash(abs)}`);
  const r1 = await get('/conversations', { jar: idle });
  assert.equal(r1.status, 303);
  assert.match(r1.headers.location, /^\/login/);
  const r2 = await get('/conversations', { jar: abs });
  assert.equal(r2.status, 303, 'even a session in use ends at the absolute limit');
});

test('sp-admin creates users and a password reset ends their sessions', async () => {
  const admin = (args, input) => execFileSync(`${process.env.SP_BUILD}/sp-admin`, ['-c', `${VAR}/sp.hdf`, ...args],
    { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  const biz = sql("SELECT id FROM businesses WHERE name = 'Birch Dental'");
  admin(['create-user', '--email', 'new.agent@birch.example', '--role', 'agent', '--name', 'New Agent', '--business', biz], 'first-password-1\n');
  const jar = await login('new.agent@birch.example', { password: 'first-password-1' });
  assert.equal((await get('/conversations', { jar })).status, 200);
  assert.throws(() => admin(['create-user', '--email', 'new.agent@birch.example', '--role', 'agent', '--name', 'Again', '--business', biz], 'first-password-1\n'),
    /already exists/);
  assert.throws(() => admin(['reset-password', '--email', 'new.agent@birch.example'], 'short\n'), /at least 10/);
  admin(['reset-password', '--email', 'new.agent@birch.example'], 'second-password-2\n');
  assert.equal((await get('/conversations', { jar })).status, 303, 'the old session ended');
  await login('new.agent@birch.example', { password: 'second-password-2' });
  assert.equal(sql("SELECT role FROM users WHERE email = 'new.agent@birch.example'"), 'agent');
});

test('the main menu marks the section each page is under, and only that one', async () => {
  const jar = await login('manager@acme.example');
  const conv = conversationIds((await get('/conversations', { jar })).text)[0];
  const lead = sql(`SELECT lead_id FROM conversations WHERE id = ${conv}`);
  const msg = sql(`SELECT MAX(id) FROM messages WHERE conversation_id = ${conv}`);
  const current = (html) => [...html.matchAll(/<a href="([^"]*)"[^>]* aria-current="page">/g)].map((m) => m[1]);
  const cases = [
    ['/conversations', '/conversations'], [`/conversations/${conv}`, '/conversations'], [`/leads/${lead}`, '/conversations'],
    [`/messages/${msg}`, '/conversations'], ['/templates', '/templates'], ['/optouts', '/optouts'],
    ['/dashboard', '/dashboard'], ['/settings/team', '/settings'], ['/tickets', '/tickets'], ['/account', '/account'],
  ];
  for (const [path, want] of cases) {
    const page = await get(path, { jar });
    assert.equal(page.status, 200, path);
    const menu = current(page.text.slice(0, page.text.indexOf('<main')));
    assert.deepEqual(menu, [want], `${path} marks ${want} alone in the menu`);
  }
});
