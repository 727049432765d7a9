// settings.test.mjs: a business's settings through the real stack: the
// profile and HELP reply, carrier registration, sending numbers (a paused
// one sends nothing), quiet hours (held, then released), the team
// (deactivated means signed out at once), the audit log, and role checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  get, post, login, csrfOf, sql, makeLead, compose, simMessages, simPost, sleep, waitStatus, lastMessage,
  ROOT, VAR,
} from './lib.mjs';

const ACME = '+12127365001';
const acmeId = () => Number(sql("SELECT id FROM businesses WHERE name = 'Acme Roofing'"));
const adminIn = (input, ...args) => execFileSync(`${process.env.SP_BUILD || `${ROOT}/build`}/sp-admin`, ['-c', `${VAR}/sp.hdf`, ...args],
  { encoding: 'utf8', input });
const admin = (...args) => adminIn('', ...args);
// an Acme agent with a first password (sp-admin reads it from standard input)
const acmeAgent = (email, name, password) => adminIn(`${password}\n`, 'create-user', '--email', email, '--role', 'agent',
  '--name', name, '--business', String(acmeId()));

test('agents cannot see or change settings: 403 on every settings route', async () => {
  const jar = await login('agent@acme.example');
  const csrf = csrfOf((await get('/conversations', { jar })).text);
  for (const path of ['/settings', '/settings/registration', '/settings/numbers', '/settings/team', '/settings/audit'])
    assert.equal((await get(path, { jar })).status, 403, path);
  for (const path of ['/settings/profile', '/settings/quiet-hours', '/settings/registration', '/settings/numbers',
    '/settings/numbers/1', '/settings/numbers/1/pause', '/settings/numbers/1/remove', '/settings/team',
    '/settings/team/1/active', '/settings/team/1/password'])
    assert.equal((await post(path, { csrf, name: 'x' }, { jar })).status, 403, path);
  assert.doesNotMatch((await get('/conversations', { jar })).text, /href="\/settings"/);
});

test('profile: unknown time zone and short names refused as they were; the HELP reply is the business\'s', async () => {
  const jar = await login('manager@acme.example');
  const page = await get('/settings', { jar });
  assert.equal(page.status, 200);
  const csrf = csrfOf(page.text);
  const before = sql(`SELECT CONCAT_WS('|', name, time_zone) FROM businesses WHERE id = ${acmeId()}`);
  const bad = await post('/settings/profile', { csrf, name: 'Acme Roofing LLC', tz: 'Mars/Olympus_Mons', website: '', support: '', help: '' }, { jar });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /no such time zone/);
  assert.match(bad.text, /value="Mars\/Olympus_Mons"/);
  assert.equal((await post('/settings/profile', { csrf, name: 'Acme Roofing', tz: '../../etc/passwd' }, { jar })).status, 422);
  assert.equal((await post('/settings/profile', { csrf, name: 'AR', tz: 'America/New_York' }, { jar })).status, 422);
  assert.equal((await post('/settings/profile', { csrf, name: 'Acme Roofing', tz: 'America/New_York', website: 'acme' }, { jar })).status, 422);
  assert.equal(sql(`SELECT CONCAT_WS('|', name, time_zone) FROM businesses WHERE id = ${acmeId()}`), before, 'the settings as they were');
  const ok = await post('/settings/profile', { csrf, name: 'Acme Roofing', tz: 'America/New_York', website: 'https://acme.example',
    support: 'help@acme.example', help: 'Acme Roofing: call (212) 736-5001 or reply here. Reply STOP to opt out.' }, { jar });
  assert.equal(ok.status, 303);
  const lead = makeLead('+19175550501');
  const r = await simPost('/sim/inbound', { From: '+19175550501', To: ACME, Body: 'HELP' });
  assert.equal(r.portal_status, 200);
  assert.equal(sql(`SELECT body FROM messages WHERE conversation_id = ${lead.conv} AND kind = 'help'`),
    'Acme Roofing: call (212) 736-5001 or reply here. Reply STOP to opt out.');
  assert.match((await get('/settings/audit', { jar })).text, /profile: saved name &quot;Acme Roofing&quot;/);
});

test('carrier registration: checked, sent for review, its status shown in the thread', async () => {
  const jar = await login('manager@acme.example');
  const page = await get('/settings/registration', { jar });
  const csrf = csrfOf(page.text);
  assert.match(page.text, /Not started/);
  const c = makeLead('+19175550502');
  assert.match((await get(`/conversations/${c.conv}`, { jar })).text, /not registered with carriers yet/);
  const missing = await post('/settings/registration', { csrf, submit: '1', legal: 'Acme Roofing LLC' }, { jar });
  assert.equal(missing.status, 422);
  assert.match(missing.text, /The EIN is required/);
  assert.match(missing.text, /value="Acme Roofing LLC"/);
  const form = { csrf, legal: 'Acme Roofing LLC', ein: '12-3456789', vertical: 'Construction', use_case: 'Customer care',
    samples: 'Hi Olivia, this is Acme Roofing: your estimate is ready.', optin: 'Leads ask for a quote on acme.example and tick a box.' };
  assert.equal((await post('/settings/registration', { ...form, ein: '123456789', submit: '1' }, { jar })).status, 422);
  assert.equal((await post('/settings/registration', { ...form, vertical: 'Piracy', submit: '1' }, { jar })).status, 422);
  assert.equal(sql(`SELECT registration_status FROM businesses WHERE id = ${acmeId()}`), 'not_started');
  assert.equal((await post('/settings/registration', { ...form, submit: '1' }, { jar })).status, 303);
  assert.equal(sql(`SELECT registration_status FROM businesses WHERE id = ${acmeId()}`), 'pending');
  assert.match((await get('/settings/registration', { jar })).text, /Pending review/);
  admin('registration', '--business', String(acmeId()), 'rejected', '--reason', 'Sample messages lack an opt-out');
  assert.match((await get('/settings/registration', { jar })).text, /Rejected[\s\S]*Sample messages lack an opt-out/);
  admin('registration', '--business', String(acmeId()), 'approved');
  const fresh = await login('manager@acme.example');
  assert.doesNotMatch((await get(`/conversations/${c.conv}`, { jar: fresh })).text, /not registered with carriers yet/);
  // 30034 failures point to the registration
  sql(`INSERT INTO messages (business_id, conversation_id, direction, body, status, reason, error_code)
       VALUES (${acmeId()}, ${c.conv}, 'out', 'x', 'failed', 'unregistered', 30034)`);
  assert.match((await get(`/messages/${lastMessage(c.conv)}`, { jar: fresh })).text, /href="\/settings\/registration"/);
});

test('sending numbers: validated, unique across businesses, rates bounded; a paused number sends nothing', async () => {
  const jar = await login('manager@acme.example');
  const page = await get('/settings/numbers', { jar });
  const csrf = csrfOf(page.text);
  assert.match(page.text, /\+12127365001/);
  const count = () => sql(`SELECT COUNT(*) FROM sending_numbers WHERE business_id = ${acmeId()}`);
  const n0 = count();
  for (const [form, why] of [
    [{ number: '212 555 01', per_minute: '30', daily: '2000' }, /too short/],
    [{ number: '+1 312 736 5002', per_minute: '30', daily: '2000' }, /already in use/],
    [{ number: '+1 646 555 0299', per_minute: '0', daily: '2000' }, /from 1 to 240/],
    [{ number: '+1 646 555 0299', per_minute: '1000000', daily: '2000' }, /from 1 to 240/],
    [{ number: '+1 646 555 0299', per_minute: '30', daily: '0' }, /daily limit/],
  ]) {
    const r = await post('/settings/numbers', { csrf, label: 'x', ...form }, { jar });
    assert.ok(r.status === 422 || r.status === 409, `${form.number}: ${r.status}`);
    assert.match(r.text, why);
    assert.match(r.text, new RegExp(`value="${form.number.replace(/\+/g, '\\+')}"`), 'what was typed is kept');
  }
  assert.equal(count(), n0, 'the settings as they were');
  assert.equal((await post('/settings/numbers', { csrf, number: '(646) 736-5009', label: 'Second line', per_minute: '20', daily: '500' }, { jar })).status, 303);
  const id = Number(sql("SELECT id FROM sending_numbers WHERE e164 = '+16467365009'"));
  assert.match((await get('/settings/numbers', { jar })).text, /\+16467365009[\s\S]*0 of 500/);

  // a text on a paused number waits, then goes when it resumes
  const c = makeLead('+19175550503');
  sql(`UPDATE conversations SET sending_number_id = ${id} WHERE id = ${c.conv}`);
  assert.equal((await post(`/settings/numbers/${id}/pause`, { csrf, paused: '1' }, { jar })).status, 303);
  assert.equal((await compose(jar, c.conv, 'Hi from Acme Roofing: your estimate is ready.', { confirm: '1' })).status, 303);
  const m = lastMessage(c.conv);
  for (let i = 0; i < 50 && sql(`SELECT COALESCE(hold_note, '') FROM messages WHERE id = ${m}`) === ''; i++) await sleep(100);
  assert.match(sql(`SELECT hold_note FROM messages WHERE id = ${m}`), /paused/);
  // the thread and the message's page say why it waits, in words
  const held = await get(`/conversations/${c.conv}`, { jar });
  assert.match(held.text, /<span class="hold">Waiting: the sending number is paused<\/span>/);
  assert.match((await get(`/messages/${m}`, { jar })).text, /<dt>Goes out<\/dt><dd>when the sending number is resumed: it is paused<\/dd>/);
  await sleep(1500);
  assert.equal((await simMessages()).filter((x) => x.to === '+19175550503').length, 0, 'nothing sent from a paused number');
  assert.equal((await post(`/settings/numbers/${id}/remove`, { csrf }, { jar })).status, 409, 'a text still waits on it');
  assert.equal((await post(`/settings/numbers/${id}/pause`, { csrf, paused: '0' }, { jar })).status, 303);
  await waitStatus(m, ['sent', 'delivered']);
  assert.equal((await simMessages()).filter((x) => x.to === '+19175550503')[0].from, '+16467365009');
  assert.equal((await post(`/settings/numbers/${id}`, { csrf, label: 'Second', per_minute: '0', daily: '500' }, { jar })).status, 422);
  assert.equal((await post(`/settings/numbers/${id}`, { csrf, label: 'Second', per_minute: '10', daily: '400' }, { jar })).status, 303);
  assert.equal(sql(`SELECT CONCAT(per_minute, '/', daily_limit) FROM sending_numbers WHERE id = ${id}`), '10/400');
  // Birch cannot touch Acme's numbers
  const birch = await login('agent@birch.example');
  assert.equal((await get('/settings/numbers', { jar: birch })).status, 403);
  const audit = (await get('/settings/audit', { jar })).text;
  assert.match(audit, /numbers: added \+16467365009/);
  assert.match(audit, /numbers: paused number/);
  assert.match(audit, /numbers: resumed number/);
});

// Local minutes after midnight now in an IANA zone.
function localMinutes(tz) {
  const p = new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(new Date());
  return Number(p.find((x) => x.type === 'hour').value) * 60 + Number(p.find((x) => x.type === 'minute').value);
}
const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

test('quiet hours: texts outside the lead\'s window wait and the thread says until when; then they go', async () => {
  const jar = await login('manager@acme.example');
  const page = await get('/settings', { jar });
  const csrf = csrfOf(page.text);
  // wider than the law allows, or shorter than an hour: refused, as it was
  const was = sql(`SELECT CONCAT(quiet_start, '-', quiet_end) FROM businesses WHERE id = ${acmeId()}`);
  for (const [start, end] of [['07:00', '21:00'], ['08:00', '22:30'], ['12:00', '12:30'], ['25:00', '26:00'], ['x', 'y']])
    assert.equal((await post('/settings/quiet-hours', { csrf, start, end }, { jar })).status, 422, `${start}-${end}`);
  assert.equal(sql(`SELECT CONCAT(quiet_start, '-', quiet_end) FROM businesses WHERE id = ${acmeId()}`), was);

  // a Chicago lead (area code 312): a lawful window that is closed there now
  const now = localMinutes('America/Chicago');
  const [start, end] = now >= 8 * 60 && now < 20 * 60 ? [Math.floor(now / 60) * 60 + 60, 21 * 60] : [8 * 60, 9 * 60];
  assert.equal((await post('/settings/quiet-hours', { csrf, start: hhmm(start), end: hhmm(end) }, { jar })).status, 303);
  const c = makeLead('+13125550504', { name: 'Chicago Lead' });
  assert.equal((await compose(jar, c.conv, 'Hi from Acme Roofing: your estimate is ready.', { confirm: '1' })).status, 303);
  const m = lastMessage(c.conv);
  for (let i = 0; i < 50 && sql(`SELECT COALESCE(hold_note, '') FROM messages WHERE id = ${m}`) === ''; i++) await sleep(100);
  assert.equal(sql(`SELECT hold_note FROM messages WHERE id = ${m}`), `${Math.floor(start / 60)}:${hhmm(start).slice(3)} the lead's time (America/Chicago)`);
  const thread = await get(`/conversations/${c.conv}`, { jar });
  assert.match(thread.text, /<span class="hold">Scheduled for \d+:\d\d the lead&#39;s time \(America\/Chicago\)<\/span>/);
  assert.match(thread.text, /status-sending">Sending/);
  // the message's page says when it goes out, and why then
  const detail = await get(`/messages/${m}`, { jar });
  assert.match(detail.text, /<dt>Goes out<\/dt><dd>[^<]+ · \d+:\d\d the lead&#39;s time \(America\/Chicago\), when quiet hours end<\/dd>/);
  const due = Number(sql(`SELECT UNIX_TIMESTAMP(due_at) FROM messages WHERE id = ${m}`));
  assert.ok(due > Date.now() / 1000, 'held until the window opens');
  assert.equal((await simMessages()).filter((x) => x.to === '+13125550504').length, 0);
  // the rules' own replies are not held: HELP is answered at once
  await simPost('/sim/inbound', { From: '+13125550504', To: ACME, Body: 'HELP' });
  const help = Number(sql(`SELECT id FROM messages WHERE conversation_id = ${c.conv} AND kind = 'help'`));
  await waitStatus(help, ['sent', 'delivered']);
  // release: a window open now in Chicago, through the page when the law's
  // window is open there, else (at night) directly
  if (now >= 8 * 60 && now < 20 * 60)
    assert.equal((await post('/settings/quiet-hours', { csrf, start: '08:00', end: '21:00' }, { jar })).status, 303);
  else
    sql(`UPDATE businesses SET quiet_start = 0, quiet_end = 1440 WHERE id = ${acmeId()}; UPDATE messages SET due_at = NOW(3) WHERE id = ${m}`);
  await waitStatus(m, ['sent', 'delivered']);
  assert.equal(sql(`SELECT hold_note IS NULL FROM messages WHERE id = ${m}`), '1');
  sql(`UPDATE businesses SET quiet_start = 0, quiet_end = 1440 WHERE id = ${acmeId()}`);
});

test('team: added people sign in; deactivated ones are signed out at once; passwords reset; all audited', async () => {
  const jar = await login('manager@acme.example');
  const page = await get('/settings/team', { jar });
  const csrf = csrfOf(page.text);
  assert.equal((await post('/settings/team', { csrf, name: 'New Agent', email: 'new.agent@acme.example', role: 'agent', password: 'short' }, { jar })).status, 422);
  assert.equal((await post('/settings/team', { csrf, name: 'New Agent', email: 'new.agent@acme.example', role: 'owner', password: 'long-enough-pw' }, { jar })).status, 422);
  const dup = await post('/settings/team', { csrf, name: 'Dup', email: 'agent@birch.example', role: 'agent', password: 'long-enough-pw' }, { jar });
  assert.equal(dup.status, 409);
  assert.doesNotMatch(dup.text, /long-enough-pw/, 'a password is never sent back');
  assert.equal((await post('/settings/team', { csrf, name: 'New Agent', email: 'new.agent@acme.example', role: 'agent', password: 'long-enough-pw' }, { jar })).status, 303);
  const agent = await login('new.agent@acme.example', { password: 'long-enough-pw' });
  assert.equal((await get('/conversations', { jar: agent })).status, 200);
  const id = Number(sql("SELECT id FROM users WHERE email = 'new.agent@acme.example'"));
  assert.equal(sql(`SELECT business_id FROM users WHERE id = ${id}`), String(acmeId()));
  // deactivated: the open session ends at once, and no new one starts
  assert.equal((await post(`/settings/team/${id}/active`, { csrf, active: '0' }, { jar })).status, 303);
  const after = await get('/conversations', { jar: agent });
  assert.equal(after.status, 303);
  assert.match(after.headers.location, /\/login/);
  await assert.rejects(login('new.agent@acme.example', { password: 'long-enough-pw' }));
  assert.equal((await post(`/settings/team/${id}/active`, { csrf, active: '1' }, { jar })).status, 303);
  const again = await login('new.agent@acme.example', { password: 'long-enough-pw' });
  // a new password ends the sessions too
  assert.equal((await post(`/settings/team/${id}/password`, { csrf, password: 'another-password' }, { jar })).status, 303);
  assert.equal((await get('/conversations', { jar: again })).status, 303);
  await login('new.agent@acme.example', { password: 'another-password' });
  // not oneself; not another business's people
  const me = Number(sql("SELECT id FROM users WHERE email = 'manager@acme.example'"));
  assert.equal((await post(`/settings/team/${me}/active`, { csrf, active: '0' }, { jar })).status, 409);
  const own = await post(`/settings/team/${me}/password`, { csrf, password: 'no-current-asked' }, { jar });
  assert.equal(own.status, 409, 'one\'s own password: the account page, which asks for the current one');
  assert.match(own.text, /account page/);
  assert.equal((await get('/settings/team', { jar })).status, 200, 'still signed in');
  const birchUser = Number(sql("SELECT id FROM users WHERE email = 'agent@birch.example'"));
  assert.equal((await post(`/settings/team/${birchUser}/active`, { csrf, active: '0' }, { jar })).status, 404);
  assert.equal((await post(`/settings/team/${birchUser}/password`, { csrf, password: 'hijacked-password' }, { jar })).status, 404);
  await login('agent@birch.example');
  const audit = (await get('/settings/audit', { jar })).text;
  assert.match(audit, /team: added New Agent \(new.agent@acme.example, agent\)/);
  assert.match(audit, /team: deactivated New Agent/);
  assert.match(audit, /team: reset the password of New Agent/);
});

test('your own password: the current one first, the new one twice; other sessions end, a wrong guess counts', async () => {
  const email = 'self.agent@acme.example';
  acmeAgent(email, 'Self Agent', 'first-password-1');
  const here = await login(email, { password: 'first-password-1' });
  const elsewhere = await login(email, { password: 'first-password-1' });
  const page = await get('/account', { jar: here });
  assert.equal(page.status, 200);
  assert.match(page.text, /<a href="\/account" title="Your account"[^>]*>Self Agent<\/a>/, 'the name in the header leads here');
  assert.match(page.text, /<dd>self\.agent@acme\.example<\/dd>/);
  assert.match(page.text, /<dd>Agent<\/dd>/);
  assert.match(page.text, /<dd>Acme Roofing<\/dd>/);
  const csrf = csrfOf(page.text);
  const hashBefore = sql(`SELECT password_hash FROM users WHERE email = '${email}'`);
  const refused = [
    [{ password: 'second-password-2', again: 'second-password-2' }, /Enter your current password/],
    [{ current: 'not-my-password', password: 'second-password-2', again: 'second-password-2' }, /current password is not right/],
    [{ current: 'first-password-1', password: 'short', again: 'short' }, /at least 10 characters/],
    [{ current: 'first-password-1', password: 'second-password-2', again: 'second-password-3' }, /differ/],
    [{ current: 'first-password-1', password: 'first-password-1', again: 'first-password-1' }, /the password you have now/],
    [{ current: 'first-password-1', password: 'x'.repeat(300), again: 'x'.repeat(300) }, /too long/],
    [{ current: 'first-password-1', password: 'bell\u0007-password', again: 'bell\u0007-password' }, /not text/],
  ];
  for (const [form, why] of refused) {
    const r = await post('/account/password', { csrf, ...form }, { jar: here });
    assert.equal(r.status, 422, JSON.stringify(form).slice(0, 80));
    assert.match(r.text, why);
    for (const typed of Object.values(form)) assert.ok(!r.text.includes(typed), 'a password typed is never sent back');
  }
  assert.equal(sql(`SELECT password_hash FROM users WHERE email = '${email}'`), hashBefore, 'nothing changed');
  assert.equal((await post('/account/password', { current: 'first-password-1', password: 'second-password-2', again: 'second-password-2' },
    { jar: here })).status, 403, 'no change without the form\'s token');
  const ok = await post('/account/password', { csrf, current: 'first-password-1', password: 'second-password-2', again: 'second-password-2' },
    { jar: here });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.location, '/account?saved=password');
  const after = await get('/account?saved=password', { jar: here });
  assert.equal(after.status, 200, 'this session goes on');
  assert.match(after.text, /Your password is changed/);
  const other = await get('/conversations', { jar: elsewhere });
  assert.equal(other.status, 303, 'the other session ended');
  assert.match(other.headers.location, /\/login/);
  await assert.rejects(login(email, { password: 'first-password-1' }));
  await login(email, { password: 'second-password-2' });
  const audit = (await get('/settings/audit', { jar: await login('manager@acme.example') })).text;
  assert.match(audit, /<td>Self Agent<\/td><td>team: changed their own password/);
  // wrong current passwords count against the account like failed sign-ins
  sql(`DELETE FROM login_failures WHERE subject = '${email}'`);
  for (let i = 0; i < 5; i++) // Login.AccountFailures in the test stack's config
    assert.equal((await post('/account/password', { csrf, current: `guess-${i}-password`, password: 'third-password-3', again: 'third-password-3' },
      { jar: here })).status, 422);
  const locked = await post('/account/password', { csrf, current: 'second-password-2', password: 'third-password-3', again: 'third-password-3' },
    { jar: here });
  assert.equal(locked.status, 429, 'even the right one waits');
  assert.match(locked.text, /Too many wrong passwords/);
  await assert.rejects(login(email, { password: 'second-password-2' }), /429/, 'and so does signing in');
  sql(`DELETE FROM login_failures WHERE subject = '${email}'`);
  // SalesPartner's support staff have an account page too
  const staff = await get('/account', { jar: await login('support@salespartner.example') });
  assert.equal(staff.status, 200);
  assert.match(staff.text, /<dd>SalesPartner support<\/dd>/);
  assert.doesNotMatch(staff.text, /<dt>Business<\/dt>/);
});

test('a member\'s name, email and role: corrected by a manager, at once in their session; not one\'s own role', async () => {
  const email = 'member.edit@acme.example';
  acmeAgent(email, 'Membr Edit', 'member-password-1');
  const id = Number(sql(`SELECT id FROM users WHERE email = '${email}'`));
  const row = (html) => html.match(new RegExp(`<a href="/settings/team/${id}"[\\s\\S]*?</tr>`))[0];
  const mgr = await login('manager@acme.example');
  assert.match(row((await get('/settings/team', { jar: mgr })).text), /<span class="muted">Never<\/span>/, 'never signed in yet');
  const member = await login(email, { password: 'member-password-1' });
  assert.match(row((await get('/settings/team', { jar: mgr })).text), /<time title="\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [A-Z]+">[^<]*\d\d:\d\d<\/time>/,
    'signed in, and when');
  assert.equal(sql(`SELECT last_sign_in_at > NOW() - INTERVAL 1 MINUTE FROM users WHERE id = ${id}`), '1');
  assert.equal((await get('/settings', { jar: member })).status, 403, 'an agent yet');
  const jar = await login('manager@acme.example');
  const team = await get('/settings/team', { jar });
  assert.match(team.text, new RegExp(`<a href="/settings/team/${id}"[^>]*>Membr Edit</a>`), 'the name leads to the member');
  const page = await get(`/settings/team/${id}`, { jar });
  assert.equal(page.status, 200);
  assert.match(page.text, /value="Membr Edit"/);
  assert.match(page.text, /<option value="agent" selected>/);
  const csrf = csrfOf(page.text);
  const bad = await post(`/settings/team/${id}`, { csrf, name: 'Member Edit', email: 'not-an-address', role: 'manager' }, { jar });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Write the person&#39;s email address|Write the person's email address/);
  assert.match(bad.text, /value="Member Edit"/, 'what was typed comes back');
  assert.match(bad.text, /<option value="manager" selected>/);
  assert.equal((await post(`/settings/team/${id}`, { csrf, name: 'Member Edit', email: 'agent@birch.example', role: 'agent' }, { jar })).status, 409,
    'an email that has an account, in any business');
  assert.equal((await post(`/settings/team/${id}`, { csrf, name: 'Member Edit', email, role: 'owner' }, { jar })).status, 422);
  assert.equal(sql(`SELECT CONCAT_WS('|', name, email, role) FROM users WHERE id = ${id}`), `Membr Edit|${email}|agent`, 'nothing changed');
  const ok = await post(`/settings/team/${id}`, { csrf, name: 'Member Edit', email: 'member.edited@acme.example', role: 'manager' }, { jar });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.location, '/settings/team?saved=changed');
  assert.equal(sql(`SELECT CONCAT_WS('|', name, email, role) FROM users WHERE id = ${id}`), 'Member Edit|member.edited@acme.example|manager');
  assert.equal((await get('/settings', { jar: member })).status, 200, 'a manager now, in the session they had');
  await login('member.edited@acme.example', { password: 'member-password-1' });
  assert.match((await get('/settings/audit', { jar })).text,
    /team: changed Membr Edit, name: Member Edit, email: member.edited@acme.example, role: manager/);
  // one's own role stays (another manager changes it); one's own name may change
  const me = Number(sql("SELECT id FROM users WHERE email = 'manager@acme.example'"));
  const myName = sql(`SELECT name FROM users WHERE id = ${me}`);
  const own = await post(`/settings/team/${me}`, { csrf, name: myName, email: 'manager@acme.example', role: 'agent' }, { jar });
  assert.equal(own.status, 409);
  assert.match(own.text, /cannot change your own role/);
  assert.equal(sql(`SELECT role FROM users WHERE id = ${me}`), 'manager');
  assert.match((await get(`/settings/team/${me}`, { jar })).text, /<select id="m-role" disabled/);
  // another business's people are not there at all
  const birch = Number(sql("SELECT id FROM users WHERE email = 'agent@birch.example'"));
  assert.equal((await get(`/settings/team/${birch}`, { jar })).status, 404);
  assert.equal((await post(`/settings/team/${birch}`, { csrf, name: 'Taken', email: 'taken@acme.example', role: 'agent' }, { jar })).status, 404);
  assert.equal(sql(`SELECT email FROM users WHERE id = ${birch}`), 'agent@birch.example');
});

test('your account says where else you are signed in, and signs you out there', async () => {
  const email = 'two.places@acme.example';
  acmeAgent(email, 'Two Places', 'two-places-pw');
  const here = await login(email, { password: 'two-places-pw' });
  assert.match((await get('/account', { jar: here })).text, /<p id="others">Only here\.<\/p>/);
  const phone = await login(email, { password: 'two-places-pw' });
  const laptop = await login(email, { password: 'two-places-pw' });
  // an expired session is not counted
  const expired = await login(email, { password: 'two-places-pw' });
  sql(`UPDATE sessions SET last_seen_at = NOW(3) - INTERVAL 1 DAY WHERE user_id = (SELECT id FROM users WHERE email = '${email}')
       ORDER BY id DESC LIMIT 1`);
  assert.equal((await get('/conversations', { jar: expired })).status, 303, 'that one has expired');
  const page = await get('/account', { jar: here });
  assert.match(page.text, /<p id="others">Here, and in 2 other browsers \(last used <time/);
  assert.equal((await post('/account/sessions', {}, { jar: here })).status, 403, 'not without the form\'s token');
  const ok = await post('/account/sessions', { csrf: csrfOf(page.text) }, { jar: here });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.location, '/account?saved=sessions');
  for (const jar of [phone, laptop]) assert.equal((await get('/conversations', { jar })).status, 303, 'signed out there');
  const after = await get('/account?saved=sessions', { jar: here });
  assert.equal(after.status, 200, 'and still here');
  assert.match(after.text, /You are signed out everywhere else/);
  assert.match(after.text, /<p id="others">Only here\.<\/p>/);
});
