// workspace.test.mjs (browser): an agent's day in Chromium: the inbox with
// its filters and search, a thread that updates itself, compose with the
// live check, a template, a lead's page, an import; at 1440 and 360 px,
// with the keyboard, without JavaScript; axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql, makeLead, simPost } from '../http/lib.mjs';
import { launch, open, signIn, checkA11y, shot, fitsWidth } from './lib.mjs';

const ACME = '+12127365001';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('inbox: filters, search in any format, badges; desktop and phone widths', async () => {
  const c = makeLead('+19175550301', { name: 'Browser Inbox' });
  sql(`UPDATE leads SET cooldown_until = NOW() + INTERVAL 20 MINUTE WHERE id = ${c.lead}`);
  sql(`UPDATE conversations SET last_activity_at = NOW(3) + INTERVAL 5 MINUTE WHERE id = ${c.conv}`);
  for (const width of [1440, 360]) {
    const page = await open(browser, { width });
    await signIn(page, 'agent@acme.example');
    await page.goto('/conversations');
    await checkA11y(page, `inbox at ${width}px`);
    await fitsWidth(page);
    await shot(page, `inbox-${width}`);
    await page.getByRole('link', { name: 'Failed', exact: true }).click();
    await page.waitForURL(/filter=failed/);
    assert.equal(await page.locator('.tabs a[aria-current=page]').textContent(), 'Failed');
    const rows = await page.locator('.inbox li').count();
    assert.equal(await page.locator('.inbox li .badge-failed').count(), rows, 'every row says its last send failed');
    await checkA11y(page, `failed filter at ${width}px`);
    await page.getByRole('link', { name: 'All', exact: true }).click();
    await page.getByLabel('Search').fill('917.555.0301');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/q=917/);
    assert.equal(await page.locator('.inbox li').count(), 1);
    assert.match(await page.locator('.inbox li').textContent(), /Browser Inbox[\s\S]*Cool-down/);
    await page.context().close();
  }
});

test('thread: live lint, send, status and an inbound text appear without a reload', async () => {
  const c = makeLead('+19175550302', { name: 'Browser Live' });
  sql(`UPDATE leads SET email = 'live@example.com' WHERE id = ${c.lead}`);
  const page = await open(browser);
  await signIn(page, 'agent@acme.example');
  await page.goto(`/conversations/${c.conv}`);
  await checkA11y(page, 'empty thread');
  const box = page.getByLabel('Message');
  await box.fill('Hi, this is Acme Roofing. Your roof estimate is ready, call us any time.');
  await page.waitForFunction(() => /segment/.test(document.getElementById('counter').textContent));
  assert.match(await page.locator('#counter').textContent(), /1 segment\(s\)/);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /^Send/ }).click()]);
  if (await page.getByRole('button', { name: 'Send anyway' }).count())
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send anyway' }).click()]);
  const msg = page.locator('#messages li.msg-out').last();
  assert.match(await msg.textContent(), /Sending|Delivered/);
  // the sender and the simulator deliver it; the page shows it by itself
  await page.locator('#messages li.msg-out .status-delivered').last().waitFor({ timeout: 20000 });
  await checkA11y(page, 'thread with a delivered text');
  // the lead answers; the text appears, no reload
  const marker = await page.evaluate(() => { window.__same = 1; return 1; });
  await simPost('/sim/inbound', { From: '+19175550302', To: ACME, Body: 'Great, see you Thursday' });
  await page.locator('#messages li.msg-in', { hasText: 'see you Thursday' }).waitFor({ timeout: 15000 });
  assert.equal(await page.evaluate(() => window.__same), marker, 'the page was not reloaded');
  // STOP: the banner comes by itself too, with the other channel
  await simPost('/sim/inbound', { From: '+19175550302', To: ACME, Body: 'STOP' });
  await page.locator('#banners', { hasText: 'this lead opted out' }).waitFor({ timeout: 15000 });
  assert.equal(await page.locator('#banners a[href^="mailto:"]').count(), 1);
  await shot(page, 'thread-opted-out-1440');
  await checkA11y(page, 'thread with the opt-out banner');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('templates, the lead page and an import, with the keyboard', async () => {
  const c = makeLead('+19175550303', { name: 'Keyboard Kim' });
  const page = await open(browser);
  await signIn(page, 'agent@acme.example');
  await page.goto('/conversations');
  // the first Tab reaches the skip link, and it shows where focus is
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.goto(`/conversations/${c.conv}`);
  await page.getByRole('link', { name: 'Use a template' }).click();
  await checkA11y(page, 'template picker');
  await page.getByRole('link', { name: 'Use this text' }).first().click();
  assert.match(await page.getByLabel('Message').inputValue(), /Hi Keyboard,/);
  await page.getByRole('link', { name: 'Edit lead' }).click();
  await checkA11y(page, 'lead page');
  await page.getByLabel(/Mobile number/).fill('917 555 03');
  await page.getByLabel(/Mobile number/).press('Enter');
  await page.locator('.alert', { hasText: 'too short' }).waitFor();
  assert.equal(await page.getByLabel(/Mobile number/).inputValue(), '917 555 03', 'what was typed is kept');
  await page.getByLabel(/Mobile number/).fill('(917) 555-0304');
  await page.getByLabel(/Mobile number/).press('Enter');
  await page.locator('.notice', { hasText: 'Saved' }).waitFor();
  assert.match(await page.locator('table.list').textContent(), /\+19175550304/);
  await shot(page, 'lead-1440');
  await page.goto('/leads/import');
  await checkA11y(page, 'import form');
  await page.getByLabel('Or paste the rows').fill('name,phone,email\nImport One,917-555-0305,\nImport Bad,555,\n');
  await page.getByRole('button', { name: 'Import' }).click();
  await page.locator('#refused').waitFor();
  assert.match(await page.locator('#refused').textContent(), /Import Bad[\s\S]*too short/);
  await checkA11y(page, 'import report');
  await page.goto('/templates');
  await checkA11y(page, 'templates');
  await page.goto('/leads/new');
  await checkA11y(page, 'new lead');
  await page.context().close();
});

test('a failed text shows its reason; marking spam; a CSV file imported', async () => {
  const c = makeLead('+19175550352', { name: 'Browser Failed' });
  const page = await open(browser);
  await signIn(page, 'agent@acme.example');
  await page.goto(`/conversations/${c.conv}`);
  // the simulator answers numbers ending in 52 with 30007 (carrier filtering)
  await page.getByLabel('Message').fill('Hi, this is Acme Roofing about your estimate.');
  await page.getByRole('button', { name: /^Send/ }).click();
  if (await page.getByRole('button', { name: 'Send anyway' }).count())
    await page.getByRole('button', { name: 'Send anyway' }).click();
  const failed = page.locator('#messages li.msg-out .status-failed');
  await failed.first().waitFor({ timeout: 20000 });
  assert.match(await page.locator('#messages li.msg-out').last().textContent(), /Failed[\s\S]*\S/);
  assert.ok(await page.locator('#messages li.msg-out .reason').count() > 0, 'the reason is shown');
  await page.getByRole('button', { name: 'Mark as spam' }).click();
  await page.locator('#banners', { hasText: 'marked as spam' }).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Send/ }).isDisabled(), true);
  await checkA11y(page, 'thread of a spam lead');
  await shot(page, 'thread-failed-spam-1440');
  await page.goto('/leads/import');
  await page.getByLabel('CSV file').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv',
    buffer: Buffer.from('Mobile,Name\n(917) 555-0353,File One\n917-555-0353,File Dup\n') });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.locator('#imported').waitFor();
  assert.match(await page.locator('#imported').textContent(), /File One/);
  assert.match(await page.locator('#refused').textContent(), /File Dup[\s\S]*same number as line 2/);
  await page.context().close();
});

test('without JavaScript the thread still sends and shows its state', async () => {
  const c = makeLead('+19175550306', { name: 'No Script' });
  const page = await open(browser, { width: 360, js: false });
  await signIn(page, 'agent@acme.example');
  await page.goto(`/conversations/${c.conv}`);
  await page.getByLabel('Message').fill('Hi, Acme Roofing here: your estimate is ready.');
  await page.getByRole('button', { name: /^Send/ }).click();
  if (await page.getByRole('button', { name: 'Send anyway' }).count())
    await page.getByRole('button', { name: 'Send anyway' }).click();
  await page.locator('#messages li.msg-out').first().waitFor();
  assert.match(await page.locator('#messages li.msg-out').first().textContent(), /Sending|Delivered/);
  await fitsWidth(page);
  await shot(page, 'thread-nojs-360');
  await checkA11y(page, 'thread without JavaScript');
  await page.context().close();
});
