// dashboard.test.mjs (browser): a manager opens the delivery dashboard,
// follows a figure to its messages, and a screenshot is kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, signIn, checkA11y, shot, fitsWidth } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the delivery dashboard: charts with their numbers, a drill-down to messages', async () => {
  const page = await open(browser);
  await signIn(page, 'manager@acme.example');
  await page.getByRole('link', { name: 'Delivery' }).click();
  await page.waitForURL(/\/dashboard$/);
  // the demo's month
  const to = await page.getByLabel('To').inputValue();
  const from = new Date(Date.parse(to) - 29 * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('From').fill(from);
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/from=/);
  assert.ok(await page.locator('svg.daychart rect').count() > 0, 'failures drawn by day');
  assert.ok(await page.locator('svg.hbars rect').count() > 0, 'failures drawn by reason');
  await checkA11y(page, 'dashboard');
  await shot(page, 'dashboard-1440');
  await page.locator('.card', { hasText: 'Why texts failed' }).getByRole('link').first().click();
  await page.waitForURL(/\/dashboard\/messages\?.*reason=/);
  assert.ok(await page.locator('#drill tbody tr').count() > 0);
  await checkA11y(page, 'drill-down');
  await page.locator('#drill tbody tr a[href^="/messages/"]').first().click();
  await page.waitForURL(/\/messages\/\d+$/);
  assert.match(await page.locator('h1').textContent(), /Failed/);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/dashboard?from=${from}&to=${to}`);
  await fitsWidth(page);
  await page.context().close();
});
