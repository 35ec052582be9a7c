// The cookie transport in a real browser: Debian's Chromium, driven by playwright-core, opens the app's own
// page /session-demo (served by the built server in production, so the cookie is Secure: Chromium accepts
// that from http://localhost only), registers with X-Session-Transport: cookie, reloads and must still be
// signed in through POST /auth/refresh; document.cookie must never show the token. Then it logs out.
/* global document, localStorage, sessionStorage -- inside page.evaluate and waitForFunction, which run in the page */
import { finishCheck, launchChromium } from './chromium.mjs';
import { serveForCheck } from './serve-for-check.mjs';

const { base: served, stop } = await serveForCheck('session');
const base = served.replace('127.0.0.1', 'localhost');
const browser = await launchChromium();
const problems = [];
const check = (ok, message) => (ok ? console.log(`ok   ${message}`) : problems.push(message));
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on(
    'console',
    (message) =>
      /Content.Security.Policy|Refused to/i.test(message.text()) && problems.push(`console: ${message.text()}`),
  );
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  const refreshes = [];
  page.on('response', (response) => response.url().endsWith('/auth/refresh') && refreshes.push(response.status()));
  const sessionCookie = async () => (await context.cookies()).find((cookie) => cookie.name === 'authgate_refresh');
  const status = (text) =>
    page.waitForFunction((expected) => document.getElementById('status').textContent.startsWith(expected), text, {
      timeout: 10000,
    });

  await page.goto(`${base}/session-demo`);
  await status('Signed out');
  const email = `browser-${Date.now()}@example.com`;
  await page.fill('#email', email);
  await page.fill('#password', 'correct horse battery');
  await page.click('#register');
  await status(`Signed in as ${email}`);
  const first = await sessionCookie();
  check(
    first?.httpOnly && first.secure && first.sameSite === 'Strict' && first.path === '/auth',
    'register set authgate_refresh: HttpOnly, Secure, SameSite=Strict, Path=/auth',
  );
  const visible = await page.evaluate(() => document.cookie);
  check(
    !visible.includes('authgate_refresh') && !visible.includes(first?.value),
    `document.cookie does not show the token (it is ${JSON.stringify(visible)})`,
  );
  check(
    await page.evaluate(() => localStorage.length === 0 && sessionStorage.length === 0),
    'nothing in localStorage or sessionStorage',
  );

  refreshes.length = 0;
  await page.reload();
  await status(`Signed in as ${email}`);
  const second = await sessionCookie();
  check(
    refreshes.join() === '200',
    `after a reload the page is signed in again through POST /auth/refresh (${refreshes.join() || 'no refresh'})`,
  );
  check(second && second.value !== first?.value, 'the refresh rotated the cookie');

  await page.click('#logout');
  await status('Signed out');
  check((await sessionCookie()) === undefined, 'logout cleared the cookie');
  await page.reload();
  await status('Signed out');
  console.log('ok   after logout and a reload the page is signed out');
} finally {
  await browser.close();
  await stop();
}
finishCheck(problems, 'ok   no page errors, no CSP refusals');
