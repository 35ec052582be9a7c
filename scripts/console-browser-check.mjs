/* global document, window, localStorage, sessionStorage, navigator, HashChangeEvent -- the functions given to evaluate run in the page */
// The operators' console in a real browser: Debian's Chromium, driven by playwright-core, on /console of the built
// server with ADMIN_API_KEYS set. A wrong key is refused; with the right one, search (by keyboard) finds a user
// the check registered, and 21 users of one prefix page as 20 and 1; premium granted from the page shows in that
// user's own profile through the API; Esc on the confirmation does nothing; disabling makes the user's token 401;
// the audit view lists those admin actions; a network failure and a 429 read as messages; nothing of the key in
// localStorage, sessionStorage or document.cookie, and a reload asks for it again; the phone's width has no
// sideways scroll. The user's page shows the organization the check made for that user (and its page its members),
// passkeys and linked identities. Webhooks: an endpoint added from the page shows its secret once (copied through
// the clipboard, in no storage, gone from the page after navigating away), is listed, lists its deliveries, has its
// secret rotated and is deleted. No console error is excused but the refusals a step provokes; screenshots at a
// phone's and a desktop's size. Exits non-zero on any failure.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { finishCheck, launchChromium, trackRequests } from './chromium.mjs';
import { serveForCheck } from './serve-for-check.mjs';

const shots = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const key = randomBytes(24).toString('hex'); // 48 characters: ADMIN_API_KEYS takes 32 or more
// WEBHOOK_ALLOW_PRIVATE: the check's endpoint is on 127.0.0.1 (port 9, where nothing answers: its deliveries fail)
const { base, stop, mail } = await serveForCheck('console', () => ({
  ADMIN_API_KEYS: key,
  WEBHOOK_ALLOW_PRIVATE: 'true',
}));
const browser = await launchChromium();
const problems = [];
const passed = (step) => console.log(`ok   ${step}`);
let refusalExpected = false; // the status a step provokes on purpose, which Chromium logs as a console error

const call = async (method, path, token) => {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, json: await res.json().catch(() => null) };
};
const stamp = Date.now();
const email = `grace-${stamp}@example.com`;
const register = (address, name = undefined) =>
  fetch(`${base}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, email: address, password: 'correct horse battery' }),
  }).then((res) => res.json());
const registered = await register(email, 'Grace Hopper');
const userToken = registered.token;
// an organization of the user's own: founding one takes a verified address, proven through the mailed link
const confirmLink = /verify-email\?token=([\w-]+)/.exec((await mail.waitFor(email, 'confirm your email'))?.text ?? '');
await fetch(`${base}/auth/verify-email`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ token: confirmLink?.[1] }),
});
const orgName = `Hopper Labs ${stamp}`;
const org = await fetch(`${base}/orgs`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${userToken}` },
  body: JSON.stringify({ name: orgName, slug: `hopper-${stamp}` }),
}).then((res) => res.json());
const hookUrl = `https://127.0.0.1:9/authgate-${stamp}`;
const oneYear = new Date(Date.now() + 365 * 86400_000).toISOString().slice(0, 10);

function watch(page) {
  page.on(
    'console',
    (message) =>
      message.type() === 'error' &&
      !(refusalExpected && message.text().includes(refusalExpected)) &&
      problems.push(`console: ${message.text()} (${message.location().url})`),
  );
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on(
    'requestfailed',
    (request) => refusalExpected !== 'ERR_FAILED' && problems.push(`request failed: ${request.url()}`),
  );
  page.on(
    'response',
    (response) =>
      response.status() >= 400 &&
      !(refusalExpected && String(response.status()) === refusalExpected.replace(/\D/g, '')) &&
      problems.push(`${response.status()} for ${response.url()}`),
  );
}

const messageMatching = (page, pattern, ok = false) =>
  page.waitForFunction(
    ([source, wantOk]) => {
      const box = document.querySelector('#message:not([hidden])');
      return box && new RegExp(source).test(box.textContent) && box.classList.contains('ok') === wantOk;
    },
    [pattern.source, ok],
    { timeout: 10000 },
  );
const pasteKey = async (page, given) => {
  await page.fill('#key-form [name=key]', given);
  await page.press('#key-form [name=key]', 'Enter');
};
const confirmYes = async (page) => {
  await page.waitForSelector('#confirm[open]');
  await page.click('#confirm-yes');
};

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const settled = trackRequests(page);
  watch(page);
  await page.goto(`${base}/console`, { waitUntil: 'networkidle' });
  await page.screenshot({ path: `${shots}console-key-desktop.png`, fullPage: true });

  refusalExpected = 'status of 401';
  await pasteKey(page, 'x'.repeat(48));
  await messageMatching(page, /admin key was refused/);
  refusalExpected = false;
  if (!(await page.isVisible('#key-form')) || (await page.isVisible('#sections')))
    problems.push('after a wrong key, the console opened');
  else passed(`a wrong key is refused: "${await page.textContent('#message')}"`);

  await pasteKey(page, key);
  await page.waitForSelector('#users:not([hidden])', { timeout: 10000 });
  if ((await page.inputValue('#key-form [name=key]')) !== '') problems.push('the key stayed in the key input');
  // by keyboard: the search field, typed into, Enter
  await page.focus('#search-form [name=email]');
  await page.keyboard.type(`grace-${stamp}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((address) => document.querySelector('#user-list a')?.textContent === address, email, {
    timeout: 10000,
  });
  passed(`with the right key, a search by email prefix finds the user the check registered (${email})`);
  await page.screenshot({ path: `${shots}console-users-desktop.png`, fullPage: true });
  // paging: 21 users of one prefix are a page of 20 and a page of 1
  for (let i = 0; i < 21; i++) await register(`page-${stamp}-${i}@example.com`);
  const listed = () => page.$$eval('#user-list a', (links) => links.map((link) => link.textContent));
  await page.fill('#search-form [name=email]', `page-${stamp}`);
  await page.click('#search-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#user-list a').length === 20, null, { timeout: 10000 });
  const first = await listed();
  await page.click('#users-next');
  await page.waitForFunction(() => document.querySelectorAll('#user-list a').length === 1, null, { timeout: 10000 });
  const second = await listed();
  await page.click('#users-previous');
  await page.waitForFunction(() => document.querySelectorAll('#user-list a').length === 20, null, { timeout: 10000 });
  if (
    second[0] !== `page-${stamp}-0@example.com` ||
    first.includes(second[0]) ||
    !(await page.isDisabled('#users-previous'))
  )
    problems.push(`paging the users went wrong: ${first.length} then ${JSON.stringify(second)}`);
  else passed('21 users of one prefix page as 20 (newest first) then 1, and back');
  await page.fill('#search-form [name=email]', `grace-${stamp}`);
  await page.click('#search-form button[type=submit]');
  await page.waitForFunction((address) => document.querySelector('#user-list a')?.textContent === address, email, {
    timeout: 10000,
  });
  await page.click(`#user-list a`);
  await page.waitForFunction((address) => document.querySelector('#user-title')?.textContent === address, email, {
    timeout: 10000,
  });
  const id = registered.id ?? (await call('GET', '/user/myprofile', userToken)).json.id;
  await page.waitForFunction((name) => document.querySelector('#user-orgs a')?.textContent === name, orgName, {
    timeout: 10000,
  });
  const orgRow = (await page.innerText('#user-orgs li')).replace(/\s*\n\s*/g, ' · ');
  const facts = await page.textContent('#user-facts');
  if (!orgRow.includes('owner') || !/Passkeys\s*0/.test(facts) || !/Linked identities\s*none/.test(facts))
    problems.push(`the user's page lacks the membership, passkeys or identities: ${orgRow} / ${facts}`);
  else passed(`the user's page shows their organization and role (${orgRow}), 0 passkeys, no linked identity`);
  await page.click('#user-orgs a');
  await page.waitForFunction((address) => document.querySelector('#org-members a')?.textContent === address, email, {
    timeout: 10000,
  });
  await page.click('#sections nav a[href="#orgs"]');
  await page.fill('#org-search-form [name=slug]', `hopper-${stamp}`);
  await page.click('#org-search-form button[type=submit]');
  await page.waitForFunction((slug) => document.querySelector('#org-list a')?.textContent === slug, `hopper-${stamp}`, {
    timeout: 10000,
  });
  passed(`the organization's page lists ${email} as a member; a search by slug finds it (${org.id})`);
  // a view is drawn when its heading has the focus (console.js moves it there last): the lists of the view
  // before are still in the page until then
  const drawn = (heading) =>
    page.waitForFunction((selector) => document.activeElement === document.querySelector(selector), heading, {
      timeout: 10000,
    });
  await page.click('#org-list a');
  await drawn('#org-title');
  await page.click('#org-members a');
  await drawn('#user-title');

  await page.fill('#premium-until', oneYear);
  await page.click('#premium-form button[type=submit]');
  await confirmYes(page);
  await messageMatching(page, new RegExp(`until ${oneYear}`), true);
  const profile = (await call('GET', '/user/myprofile', userToken)).json;
  const seen = (await call('GET', `/admin/users/${id}`, key)).json;
  if (profile?.premium !== true || !profile.premiumEnds?.startsWith(oneYear) || seen?.premium !== true)
    problems.push(`premium granted from the page is not in the profile: ${JSON.stringify(profile)}`);
  else passed(`premium granted from the page shows in the user's profile: premiumEnds ${profile.premiumEnds}`);

  await page.click('#premium-end');
  await page.waitForSelector('#confirm[open]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#confirm:not([open])', { state: 'attached' });
  if ((await call('GET', '/user/myprofile', userToken)).json?.premium !== true)
    problems.push('Esc on the confirmation ended premium all the same');
  else passed('Esc on the confirmation cancels: premium is still on');

  await page.click('#revoke');
  await confirmYes(page);
  await messageMatching(page, /Every session of .* was revoked/, true);
  passed(`revoking all sessions answers: "${await page.textContent('#message')}"`);

  const fresh = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  }).then((res) => res.json());
  await page.click('#disable');
  await confirmYes(page);
  await messageMatching(page, /is disabled/, true);
  const after = await call('GET', '/user/myprofile', fresh.token);
  if (after.status !== 401) problems.push(`the disabled user's token answered ${after.status}, not 401`);
  else passed(`disabling from the page makes the user's token 401 (${after.json?.code})`);
  await page.screenshot({ path: `${shots}console-user-desktop.png`, fullPage: true });

  await page.click('#sections nav a[href="#audit"]');
  await page.waitForSelector('#audit:not([hidden])');
  await page.fill('#audit-form [name=userId]', id);
  await page.selectOption('#audit-type', 'admin.user-updated');
  await page.click('#audit-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#audit-list li strong').length === 2, null, {
    timeout: 10000,
  });
  await page.selectOption('#audit-type', '');
  await page.click('#audit-form button[type=submit]');
  await page.waitForFunction(
    () =>
      ['admin.user-updated', 'admin.sessions-revoked', 'admin.user-read'].every((type) =>
        document.querySelector('#audit-list').textContent.includes(type),
      ),
    null,
    { timeout: 10000 },
  );
  passed('the audit view lists the admin actions on that user (filtered by user, and by type: 2 updates)');
  await page.screenshot({ path: `${shots}console-audit-desktop.png`, fullPage: true });

  // failures read as messages: the network, then the limits
  refusalExpected = 'ERR_FAILED';
  await page.route('**/admin/audit*', (route) => route.abort());
  await page.click('#audit-form button[type=submit]');
  await messageMatching(page, /could not be reached/);
  await page.unroute('**/admin/audit*');
  passed(`a network failure reads: "${await page.textContent('#message')}"`);
  refusalExpected = 'status of 429';
  await page.route('**/admin/audit*', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'retry-after': '30', 'content-type': 'application/problem+json' },
      body: JSON.stringify({ status: 429, code: 'TOO_MANY_REQUESTS', detail: 'Too many requests' }),
    }),
  );
  await page.click('#audit-form button[type=submit]');
  await messageMatching(page, /try again in 30 seconds/);
  await page.unroute('**/admin/audit*');
  refusalExpected = false;
  passed(`a 429 reads: "${await page.textContent('#message')}"`);

  // webhooks: add an endpoint from the page; its secret is shown once, copied, kept nowhere, gone after leaving
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await page.click('#sections nav a[href="#webhooks"]');
  await page.waitForSelector('#webhooks:not([hidden])');
  await page.fill('#webhook-form [name=url]', hookUrl);
  await page.check('#webhook-events input[value="user.updated"]');
  await page.check('#webhook-events input[value="user.deleted"]');
  await page.fill('#webhook-form [name=description]', 'orders service (check)');
  await page.click('#webhook-form button[type=submit]');
  await messageMatching(page, /was added: copy its secret now/, true);
  const secret = await page.textContent('#secret-value');
  await page.click('#secret-copy');
  await messageMatching(page, /secret is copied/, true);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const listedHook = await page.textContent('#webhook-list');
  if (
    !/^whsec_/.test(secret) ||
    copied !== secret ||
    !listedHook.includes(hookUrl) ||
    !listedHook.includes('user.updated')
  )
    problems.push(
      `adding an endpoint went wrong: secret ${secret.slice(0, 8)}…, copied ${copied === secret}, list ${listedHook}`,
    );
  else
    passed(
      `an endpoint added from the page is listed with its events; its secret (${secret.slice(0, 10)}…) is shown and copied`,
    );
  await page.screenshot({ path: `${shots}console-webhooks-desktop.png`, fullPage: true });
  const kept = await page.evaluate(() =>
    JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie, window.name]),
  );
  if (
    kept.includes(secret.slice(6, 20)) ||
    JSON.stringify(await page.context().cookies()).includes(secret.slice(6, 20))
  )
    problems.push(`the webhook secret is kept by the browser: ${kept}`);
  await page.click('#sections nav a[href="#users"]');
  await page.waitForSelector('#users:not([hidden])');
  await page.click('#sections nav a[href="#webhooks"]');
  await page.waitForSelector('#webhooks:not([hidden])');
  const left = await page.evaluate((text) => document.documentElement.outerHTML.includes(text), secret);
  if (left || (await page.isVisible('#secret-box')))
    problems.push('the webhook secret is still on the page after navigating away');
  else passed('the secret is in no storage or cookie, and gone from the page after navigating away and back');

  // a change the endpoint subscribes to: its delivery (to a port where nothing answers) is listed
  await fetch(`${base}/admin/users/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ premium: false, premiumEnds: null }),
  });
  await page.click(`#webhook-list a`);
  await page.waitForSelector('#webhook:not([hidden])');
  for (let i = 0; i < 30 && !(await page.textContent('#delivery-list')).includes('user.updated'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange'))); // read the page again
    await page.waitForSelector('#webhook:not([hidden])');
  }
  const delivery = (await page.innerText('#delivery-list li')).replace(/\s*\n\s*/g, ' · ');
  if (!delivery.includes('user.updated') || !/attempt/.test(delivery))
    problems.push(`the endpoint's deliveries do not list the user.updated: ${delivery}`);
  else passed(`the endpoint's deliveries list the change it subscribes to: "${delivery}"`);
  await page.screenshot({ path: `${shots}console-webhooks-deliveries-desktop.png`, fullPage: true });
  // 20 changes more: 21 deliveries page as 20 and 1
  for (let i = 0; i < 20; i++)
    await fetch(`${base}/admin/users/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ premium: i % 2 === 0 }),
    });
  for (let i = 0; i < 30 && (await page.isDisabled('#deliveries-older')); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    await page.waitForSelector('#webhook:not([hidden])');
  }
  const firstPage = await page.$$eval('#delivery-list li', (items) => items.length);
  await page.click('#deliveries-older');
  await page.waitForFunction(() => document.querySelector('#deliveries-page')?.textContent === 'Page 2', null, {
    timeout: 10000,
  });
  const secondPage = await page.$$eval('#delivery-list li strong', (items) => items.length);
  // the API's own second page: a change made before the endpoint existed may be relayed to it too
  const hookId = (await call('GET', '/admin/webhooks', key)).json[0].id;
  const apiFirst = (await call('GET', `/admin/webhooks/${hookId}/deliveries?limit=20`, key)).json;
  const apiSecond = (await call('GET', `/admin/webhooks/${hookId}/deliveries?cursor=${apiFirst.nextCursor}`, key)).json;
  if (
    firstPage !== 20 ||
    secondPage !== apiSecond.deliveries.length ||
    secondPage === 0 ||
    (await page.isDisabled('#deliveries-newer'))
  )
    problems.push(`paging the deliveries went wrong: ${firstPage} then ${secondPage}`);
  else passed(`${20 + secondPage} deliveries page as 20 then ${secondPage} (the answer's nextCursor), and back`);

  await page.click('#webhook a[href="#webhooks"]');
  await drawn('#webhooks h2');
  await page.click('#webhook-list li button.secondary');
  await confirmYes(page);
  await messageMatching(page, /was rotated/, true);
  const rotated = await page.textContent('#secret-value');
  if (!/^whsec_/.test(rotated) || rotated === secret) problems.push('rotating the secret showed no new secret');
  else passed(`rotating the secret shows a new one once (${rotated.slice(0, 10)}…)`);
  await page.click('#webhook-list li button.danger');
  await confirmYes(page);
  await messageMatching(page, /was deleted/, true);
  const remaining = (await call('GET', '/admin/webhooks', key)).json;
  if (remaining.length !== 0 || (await page.isVisible('#secret-box')) || !(await page.isVisible('#webhooks-empty')))
    problems.push(`deleting the endpoint left ${JSON.stringify(remaining)} or its secret on the page`);
  else passed('deleting the endpoint (after confirmation) removes it: the API lists none, the secret left the page');

  const stored = await page.evaluate(() =>
    JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie, window.name]),
  );
  const cookies = JSON.stringify(await page.context().cookies());
  if (stored.includes(key.slice(0, 16)) || cookies.includes(key.slice(0, 16)))
    problems.push(`the key is kept by the browser: ${stored} ${cookies}`);
  else passed('nothing of the key in localStorage, sessionStorage, document.cookie or the cookie jar');
  await page.reload({ waitUntil: 'networkidle' });
  if (!(await page.isVisible('#key-form')) || (await page.isVisible('#sections')))
    problems.push('after a reload, the console opened without asking for the key');
  else passed('a reload asks for the key again');
  await settled();

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  watch(phone);
  await phone.goto(`${base}/console#users/${id}`, { waitUntil: 'networkidle' });
  await phone.screenshot({ path: `${shots}console-key-phone.png`, fullPage: true });
  await pasteKey(phone, key);
  await phone.waitForFunction((address) => document.querySelector('#user-title')?.textContent === address, email, {
    timeout: 10000,
  });
  await phone.waitForSelector('#user-events li strong');
  const sideways = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (sideways > 0) problems.push(`at a phone's width the user's page scrolls sideways by ${sideways}px`);
  else passed("at a phone's width (390 px) the user's page fits, with no sideways scroll");
  await phone.screenshot({ path: `${shots}console-user-phone.png`, fullPage: true });
  await phone.click('#sections nav a[href="#audit"]');
  await phone.waitForSelector('#audit-list li strong');
  await phone.screenshot({ path: `${shots}console-audit-phone.png`, fullPage: true });
  await fetch(`${base}/admin/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ url: hookUrl, events: ['user.created', 'user.deleted'], description: 'orders service' }),
  });
  await phone.click('#sections nav a[href="#webhooks"]');
  await phone.waitForSelector('#webhook-list li a');
  const hookSideways = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (hookSideways > 0) problems.push(`at a phone's width the webhooks scroll sideways by ${hookSideways}px`);
  else passed("at a phone's width the webhooks fit, with no sideways scroll");
  await phone.screenshot({ path: `${shots}console-webhooks-phone.png`, fullPage: true });
} catch (error) {
  problems.push(`step failed: ${error.message.split('\n')[0]}`);
} finally {
  await browser.close();
  await stop();
}
finishCheck(problems, 'ok   no console errors; screenshots in docs/screenshots/console-*.png');
