// settings.test.mjs (browser): a manager goes through the settings pages,
// adds a sending number and a teammate; axe-core on each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, signIn, checkA11y, shot, fitsWidth } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the settings pages: profile, registration, numbers, team, audit log', async () => {
  const page = await open(browser);
  await signIn(page, 'manager@acme.example');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.waitForURL(/\/settings$/);
  await checkA11y(page, 'settings');
  await shot(page, 'settings-1440');
  await page.getByLabel('Time zone').fill('Mars/Base');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await page.locator('.alert', { hasText: 'no such time zone' }).waitFor();
  assert.equal(await page.getByLabel('Time zone').inputValue(), 'Mars/Base');
  await page.getByRole('link', { name: 'Carrier registration' }).click();
  await checkA11y(page, 'registration');
  assert.match(await page.locator('.card').first().textContent(), /Status:/);
  await page.getByRole('link', { name: 'Sending numbers' }).click();
  await checkA11y(page, 'numbers');
  await page.getByLabel('Number', { exact: true }).fill('(646) 736-5011');
  await page.getByLabel('Label').fill('Browser line');
  await page.getByRole('button', { name: 'Add the number' }).click();
  await page.locator('#numbers', { hasText: '+16467365011' }).waitFor();
  await page.getByRole('button', { name: 'Pause +16467365011' }).click();
  await page.locator('#numbers tr', { hasText: '+16467365011' }).locator('text=Paused').waitFor();
  await shot(page, 'settings-numbers-1440');
  await page.getByRole('link', { name: 'Team' }).click();
  await checkA11y(page, 'team');
  await page.getByLabel('Name', { exact: true }).fill('Browser Agent');
  await page.getByLabel('Email').fill('browser.agent@acme.example');
  await page.getByLabel('First password').fill('browser-password');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator('#team', { hasText: 'browser.agent@acme.example' }).waitFor();
  await page.getByRole('link', { name: 'Audit log' }).click();
  await checkA11y(page, 'audit log');
  assert.match(await page.locator('#audit').textContent(), /added Browser Agent[\s\S]*paused number[\s\S]*added \+16467365011/);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/settings');
  await fitsWidth(page);
  await shot(page, 'settings-360');
  await page.context().close();
});

test('a new teammate changes the first password their manager gave them', async () => {
  const page = await open(browser);
  await signIn(page, 'browser.agent@acme.example', 'browser-password');
  await page.getByRole('link', { name: 'Browser Agent' }).click();
  await page.waitForURL(/\/account$/);
  await checkA11y(page, 'your account');
  await page.getByLabel('Current password').fill('browser-password');
  await page.getByLabel('New password', { exact: true }).fill('my-own-password');
  await page.getByLabel('New password again').fill('my-own-pasword');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('.alert', { hasText: 'differ' }).waitFor();
  assert.equal(await page.getByLabel('New password', { exact: true }).inputValue(), '', 'passwords are not sent back');
  await page.getByLabel('Current password').fill('browser-password');
  await page.getByLabel('New password', { exact: true }).fill('my-own-password');
  await page.getByLabel('New password again').fill('my-own-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('.notice', { hasText: 'Your password is changed' }).waitFor();
  await page.setViewportSize({ width: 360, height: 800 });
  await fitsWidth(page);
  await shot(page, 'account-360');
  await page.context().close();
  const again = await open(browser);
  await signIn(again, 'browser.agent@acme.example', 'my-own-password');
  await again.context().close();
});
