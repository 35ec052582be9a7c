/* global document -- the functions given to waitForFunction run in the page */
// The account page's sign-in through an OpenID Connect provider, in Chromium: a real provider (oidc-provider on
// loopback, test/helpers/oidc-test-provider.mjs) and the built server. The page's button, the provider's login
// and consent pages, the callback's one-time code exchanged by the page, the identity listed, a reload still
// signed in, and unlinking the account's only way in refused with a readable message. Exits non-zero on a failure.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { finishCheck, launchChromium } from './chromium.mjs';
import { serveForCheck } from './serve-for-check.mjs';

const problems = [];
const passed = (step) => console.log(`ok   ${step}`);
const CLIENT = { id: 'account-page', secret: 'account-page-client-secret' };
let provider;
let base;

async function startProvider(redirectUri) {
  const clients = [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [redirectUri] }];
  provider = spawn(process.execPath, ['test/helpers/oidc-test-provider.mjs'], {
    env: { ...process.env, OIDC_TEST_CLIENTS: JSON.stringify(clients) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(await new Promise((resolve) => createInterface({ input: provider.stdout }).once('line', resolve)))
    .issuer;
}

const { stop } = await serveForCheck('account-oidc', async (port) => {
  base = `http://localhost:${port}`;
  const issuer = await startProvider(`${base}/auth/oidc/test/callback`);
  // development: the test provider speaks plain http on loopback, which production refuses for an issuer
  return {
    NODE_ENV: 'development',
    APP_URL: base,
    API_URL: base,
    OIDC_PROVIDERS: JSON.stringify([{ id: 'test', issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret }]),
  };
});
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${base}/account`, { waitUntil: 'networkidle' });
  await page.click('#oidc-signin a');
  await page.waitForSelector('input[name=login]', { timeout: 15000 });
  await page.fill('input[name=login]', `oidc-${Date.now()}@example.com`); // with an @: the email, verified
  if (await page.$('input[name=password]')) await page.fill('input[name=password]', 'the dev login takes any');
  await page.click('[type=submit]');
  await page.waitForSelector('[type=submit]', { timeout: 15000 });
  await page.click('[type=submit]'); // the consent page
  await page.waitForSelector('#signed-in:not([hidden])', { timeout: 15000 });
  passed('signed in through the provider: its login and consent, then the page exchanged the one-time code');
  if (page.url().includes('#')) problems.push(`the fragment stayed in the address bar: ${page.url()}`);
  await page.waitForFunction(() => document.querySelector('#identities')?.textContent?.includes('test'), null, {
    timeout: 10000,
  });
  passed('the linked identity is listed on the account page');
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForSelector('#signed-in:not([hidden])', { timeout: 10000 });
  passed('a reload keeps the session (the refresh cookie)');
  await page.click('#identities button.danger');
  await page.waitForFunction(
    () => /only way in/.test(document.querySelector('#message:not([hidden])')?.textContent ?? ''),
    null,
    { timeout: 10000 },
  );
  passed('unlinking the only way in is refused with a readable message');
} catch (error) {
  problems.push(`step failed: ${error.message.split('\n')[0]}`);
} finally {
  await browser.close();
  await stop();
  provider?.kill('SIGTERM');
}
finishCheck(problems, 'ok   sign-in with OpenID Connect on the account page');
