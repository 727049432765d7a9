// hostile.test.mjs (browser): hostile text in every form field and in the
// lead's texts; then Chromium opens every page that shows it: no script
// runs, and the text is shown as typed. Overlong, invalid UTF-8 and NUL
// bytes get clear refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, login, csrfOf, sql, makeLead, simPost, request, compose } from '../http/lib.mjs';
import { launch, open, signIn } from './lib.mjs';

const ACME = '+12127365001';
const P = `"><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">' OR '1'='1; DROP TABLE leads; --`;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('hostile text everywhere is stored and shown as typed, and no script runs', async () => {
  const mgr = await login('manager@acme.example');
  const csrf = csrfOf((await get('/conversations', { jar: mgr })).text);
  const ok = (r, what) => assert.ok([200, 303].includes(r.status), `${what}: ${r.status}`);
  // a lead, its texts, an opt-out note
  ok(await post('/leads', { csrf, name: P.slice(0, 200), phone: '(917) 555-0601', email: '' }, { jar: mgr }), 'lead');
  const conv = Number(sql("SELECT c.id FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.phone_e164 = '+19175550601'"));
  const lead = Number(sql("SELECT id FROM leads WHERE phone_e164 = '+19175550601'"));
  assert.equal((await simPost('/sim/inbound', { From: '+19175550601', To: ACME, Body: P })).portal_status, 200);
  const sent = await compose(mgr, conv, `Acme Roofing: ${P}`, { confirm: '1' });
  assert.ok([303, 422, 200].includes(sent.status), `compose: ${sent.status}`);
  ok(await post('/templates', { csrf, name: P.slice(0, 100), body: `Hi {first_name}, ${P}` }, { jar: mgr }), 'template');
  const tform = await get(`/tickets/new?conversation=${conv}`, { jar: mgr });
  const nonce = tform.text.match(/name="nonce" value="([0-9a-f]{32})"/)[1];
  ok(await post('/tickets', { csrf, nonce, conversation: conv, subject: P.slice(0, 200), category: 'other', description: P }, { jar: mgr }), 'ticket');
  ok(await post('/settings/numbers', { csrf, number: '(646) 736-5021', label: P.slice(0, 100), per_minute: '30', daily: '2000' }, { jar: mgr }), 'number');
  ok(await post('/settings/team', { csrf, name: P.slice(0, 200), email: 'hostile@acme.example', role: 'agent', password: 'hostile-password' }, { jar: mgr }), 'team');
  ok(await post('/settings/registration', { csrf, submit: '0', legal: P.slice(0, 200), samples: P, optin: P }, { jar: mgr }), 'registration');
  ok(await post(`/conversations/${conv}/optout`, { csrf, note: P.slice(0, 300) }, { jar: mgr }), 'opt-out note');
  assert.ok(Number(sql('SELECT COUNT(*) FROM leads')) > 0, 'the tables are all there');

  const ticket = sql(`SELECT MAX(id) FROM tickets WHERE conversation_id = ${conv}`);
  const pages = ['/conversations', `/conversations/${conv}`, `/leads/${lead}`, '/templates', `/conversations/${conv}/templates`,
    '/tickets', `/tickets/${ticket}`, '/settings/numbers', '/settings/team', '/settings/registration', '/settings/audit',
    `/settings/team/${sql("SELECT id FROM users WHERE email = 'hostile@acme.example'")}`,
    '/optouts', `/optouts/${lead}`, `/messages/${sql(`SELECT MAX(id) FROM messages WHERE conversation_id = ${conv} AND direction = 'in'`)}`];
  const page = await open(browser);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await signIn(page, 'manager@acme.example');
  for (const path of pages) {
    await page.goto(path);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, `a script ran on ${path}`);
    // shown as text, or kept as typed in the form's fields
    const text = await page.locator('main').innerText() + await page.evaluate(() =>
      [...document.querySelectorAll('main input, main textarea')].map((e) => e.value).join('\n'));
    assert.ok(text.includes('<script>window.__pwned=1</script>'), `${path} shows the text as typed`);
  }
  // the member of that name: their name in the header and on their own
  // account page; hostile text in the password form changes nothing
  const own = await open(browser);
  own.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await signIn(own, 'hostile@acme.example', 'hostile-password');
  await own.goto('/account');
  assert.equal(await own.evaluate(() => window.__pwned), undefined, 'a script ran on /account');
  assert.ok((await own.locator('main dl').innerText()).includes('<script>window.__pwned=1</script>'));
  assert.ok((await own.locator('header .who').innerText()).includes('<script>window.__pwned=1</script>'));
  const hash = sql("SELECT password_hash FROM users WHERE email = 'hostile@acme.example'");
  await own.getByLabel('Current password').fill(P);
  await own.getByLabel('New password', { exact: true }).fill(P);
  await own.getByLabel('New password again').fill(P);
  await Promise.all([own.waitForNavigation(), own.getByRole('button', { name: 'Change password' }).click()]);
  assert.match(await own.locator('main [role=alert]').innerText(), /current password is not right/);
  assert.equal(await own.evaluate(() => window.__pwned), undefined);
  assert.equal(sql("SELECT password_hash FROM users WHERE email = 'hostile@acme.example'"), hash);
  sql("DELETE FROM login_failures WHERE subject = 'hostile@acme.example'");
  await own.context().close();
  // the support side shows the ticket's snapshot and the conversation now
  const sup = await open(browser);
  await signIn(sup, 'support@salespartner.example');
  await sup.goto(`/tickets/${ticket}`);
  assert.equal(await sup.evaluate(() => window.__pwned), undefined);
  assert.ok((await sup.locator('#snapshot').innerText()).includes('<script>window.__pwned=1</script>'));
  assert.deepEqual(dialogs, []);
  await page.context().close();
  await sup.context().close();
});

test('overlong text, invalid UTF-8 and NUL bytes: clear refusals, nothing stored', async () => {
  const jar = await login('agent@acme.example');
  const csrf = csrfOf((await get('/conversations', { jar })).text);
  const long = await post('/leads', { csrf, name: 'x'.repeat(5000), phone: '(917) 555-0602' }, { jar });
  assert.equal(long.status, 422);
  assert.match(long.text, /too long/);
  for (const raw of [`csrf=${csrf}&name=caf%E9&phone=9175550603`, `csrf=${csrf}&name=a%00b&phone=9175550603`]) {
    const r = await request('POST', '/leads', { jar, body: raw, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.ok([400, 422].includes(r.status), `${raw}: ${r.status}`);
    assert.match(r.text, /malformed|not valid|characters/);
  }
  assert.equal(sql("SELECT COUNT(*) FROM leads WHERE phone_e164 IN ('+19175550602', '+19175550603')"), '0');
  const q = await get('/conversations?q=%FF%FE', { jar });
  assert.equal(q.status, 400);
});
