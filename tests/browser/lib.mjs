// lib.mjs (browser): Debian's Chromium driven by playwright-core, axe-core
// on every page a test visits, screenshots under var/screenshots.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { BASE, ROOT, PASSWORD } from '../http/lib.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
export const SHOTS = `${ROOT}/var/screenshots`;
mkdirSync(SHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.SP_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page of its own (its own cookies) at a desktop or phone width.
export async function open(browser, { width = 1440, height = 900, js = true } = {}) {
  // bypassCSP lets axe-core in: the portal's policy allows no inline script
  const context = await browser.newContext({ baseURL: BASE, viewport: { width, height }, javaScriptEnabled: js, bypassCSP: true });
  const page = await context.newPage();
  page.jsEnabled = js;
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text()); });
  page.jsErrors = errors;
  return page;
}

export async function signIn(page, email, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /sign in/i }).click()]);
  assert.doesNotMatch(page.url(), /\/login/, `signed in as ${email}`);
}

// axe-core on the page as it is: any serious or critical violation fails.
export async function checkA11y(page, label) {
  let results;
  if (page.jsEnabled) {
    await page.addScriptTag({ path: AXE });
    results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  } else {
    // scripts are off in this context: check the same HTML in one with scripts
    const html = await page.content();
    const ctx = await page.context().browser().newContext({ bypassCSP: true, viewport: page.viewportSize() });
    const other = await ctx.newPage();
    await other.route('**/*', (route) => route.abort());
    await other.setContent(html);
    await other.addScriptTag({ path: AXE });
    results = await other.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    await ctx.close();
  }
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
    `axe on ${label}`);
}

export async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// The page fits its width: nothing scrolls sideways.
export async function fitsWidth(page) {
  const [sw, w] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(sw <= w + 1, `page is ${sw}px wide in a ${w}px window`);
}
