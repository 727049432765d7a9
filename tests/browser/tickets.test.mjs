// tickets.test.mjs (browser): a manager files a ticket from a failed
// message; support finds it in the queue and sees the snapshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../http/lib.mjs';
import { launch, open, signIn, checkA11y, shot } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a ticket filed from a message page carries the conversation to support', async () => {
  const msg = sql(`SELECT m.id FROM messages m JOIN businesses b ON b.id = m.business_id
                   WHERE b.name = 'Acme Roofing' AND m.error_code = 30007 ORDER BY m.id LIMIT 1`);
  const page = await open(browser);
  await signIn(page, 'manager@acme.example');
  await page.goto(`/messages/${msg}`);
  await checkA11y(page, 'message page');
  await page.getByRole('link', { name: 'Contact support about this' }).click();
  await page.waitForURL(/\/tickets\/new\?message=/);
  await checkA11y(page, 'ticket form');
  assert.equal(await page.getByLabel('About').inputValue(), 'not_sending');
  await page.getByLabel('Subject').fill('Texts to this lead are filtered <b>why</b>');
  // the first try without a description keeps the subject
  await page.getByLabel('What happened?').fill(' ');
  await page.getByRole('button', { name: 'Send to support' }).click();
  await page.locator('.alert', { hasText: 'Write the description' }).waitFor();
  assert.equal(await page.getByLabel('Subject').inputValue(), 'Texts to this lead are filtered <b>why</b>');
  await page.getByLabel('What happened?').fill('The text failed with carrier filtering.');
  await page.getByRole('button', { name: 'Send to support' }).click();
  await page.waitForURL(/\/tickets\/\d+$/);
  const id = page.url().match(/(\d+)$/)[1];
  assert.equal(await page.locator('h1').textContent(), `#${id} Texts to this lead are filtered <b>why</b>`);
  assert.match(await page.locator('#snapshot').textContent(), /error 30007[\s\S]*the message this ticket is about/);
  await checkA11y(page, 'ticket (customer)');
  await shot(page, 'ticket-customer-1440');
  await page.context().close();

  const sup = await open(browser);
  await signIn(sup, 'support@salespartner.example');
  assert.match(sup.url(), /\/tickets\?status=open/);
  await checkA11y(sup, 'support queue');
  await sup.getByRole('link', { name: new RegExp(`#${id} `) }).click();
  await sup.locator('#now').waitFor();
  await sup.getByLabel('Status').selectOption('investigating');
  await sup.getByRole('button', { name: 'Change' }).click();
  await sup.locator('#audit', { hasText: 'Open → Investigating' }).waitFor();
  await checkA11y(sup, 'ticket (support)');
  await shot(sup, 'ticket-support-1440');
  await sup.context().close();
});
