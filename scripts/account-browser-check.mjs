/* global document -- the functions given to waitForFunction run in the page */
// The account page in a real browser: Debian's Chromium, driven by playwright-core, with the DevTools
// protocol's virtual authenticator (ctap2, internal, resident keys, user verification). On /account of the
// built server: register, add a passkey, log out, log in with the passkey alone (discoverable), then with
// email + passkey, remove it; sign in by email with the mailed code and with the mailed link; turn TOTP on from its QR code's secret and finish a password login with a
// recovery code; an API error reads as a message; an authenticator whose credential was never registered is
// refused. Contract v1.7: a first visit makes no request at all that fails (the page resumes a session only
// when this browser signed in); a passkey waits for the verified address (EMAIL_NOT_VERIFIED with a link to
// send it again); once the session's proof is older than PRIVILEGED_SESSION_MAX_AGE an email change asks for
// the password and a code, then goes ahead, shows as pending and is cancelled. No console error is excused
// but the refusals a step provokes. Contract v1.9: an organization made and chosen on the page; a second user
// invited by mail joins through the link, then the founder opens the organization, sees them among its members,
// invites another address (pending), changes their role and cannot leave as the last owner; the member leaves.
// Screenshots at a phone's and a desktop's size. Exits non-zero on any failure.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import { finishCheck, launchChromium, trackRequests } from './chromium.mjs';
import { serveForCheck } from './serve-for-check.mjs';

const shots = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
let port;
const PRIVILEGED_SECONDS = 30;
const { stop, mail } = await serveForCheck(
  'account',
  (chosen) => (
    (port = chosen),
    {
      WEBAUTHN_RP_ID: 'localhost',
      WEBAUTHN_ORIGINS: `http://localhost:${chosen}`,
      PRIVILEGED_SESSION_MAX_AGE: String(PRIVILEGED_SECONDS),
    }
  ),
);
const base = `http://localhost:${port}`; // WebAuthn takes a domain as RP ID, never an IP address
const browser = await launchChromium();
const problems = [];
const passed = (step) => console.log(`ok   ${step}`);
let refusalExpected = false; // the status a step that must be refused answers, which Chromium logs as a console error

const authenticatorOptions = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
};
const email = `ada-${Date.now()}@example.com`;

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const settled = trackRequests(page);
  // nothing is excused but the refusal a step provokes on purpose: a first visit asks nothing that fails
  page.on(
    'console',
    (message) =>
      message.type() === 'error' &&
      !(refusalExpected && message.text().includes(`status of ${refusalExpected}`)) &&
      problems.push(`console: ${message.text()} (${message.location().url})`),
  );
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on(
    'response',
    (response) =>
      response.status() >= 400 &&
      !(refusalExpected && response.status() === refusalExpected) &&
      problems.push(`${response.status()} for ${response.url()}`),
  );
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const first = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: authenticatorOptions });

  const signedInAs = async (what) => {
    await page.waitForSelector('#signed-in:not([hidden])', { timeout: 10000 });
    await page.waitForFunction((address) => document.querySelector('#profile')?.textContent?.includes(address), email, {
      timeout: 10000,
    });
    passed(what);
  };
  const logOut = async () => {
    await page.click('#logout');
    await page.waitForSelector('#signed-out:not([hidden])');
  };

  await page.goto(`${base}/account`, { waitUntil: 'networkidle' });
  if (requests.some((url) => url.endsWith('/auth/refresh')))
    problems.push('a first visit asked POST /auth/refresh, which can only fail');
  else passed('a first visit asks nothing that can only fail (no refresh without a session to resume)');
  await page.screenshot({ path: `${shots}account-login-desktop.png`, fullPage: true });
  await page.fill('#register-form [name=name]', 'Ada Lovelace');
  await page.fill('#register-form [name=email]', email);
  await page.fill('#register-form [name=password]', 'password1');
  refusalExpected = 400;
  await page.click('#register-form button[type=submit]');
  await page.waitForFunction(
    () => /too common/.test(document.querySelector('#message:not([hidden])')?.textContent ?? ''),
    null,
    { timeout: 10000 },
  );
  refusalExpected = false;
  passed(`an API error reads as a message: "${await page.textContent('#message')}"`);
  await page.fill('#register-form [name=password]', 'correct horse battery');
  await page.click('#register-form button[type=submit]');
  await signedInAs('registered, and the profile shows the email');
  await page.reload({ waitUntil: 'networkidle' });
  await signedInAs(
    'after a reload, still signed in: the refresh token is the httpOnly cookie, the access token was in memory only',
  );
  const cookies = await page.context().cookies();
  const refreshCookie = cookies.find((cookie) => cookie.name === 'authgate_refresh');
  if (!refreshCookie?.httpOnly || refreshCookie.sameSite !== 'Strict')
    problems.push(`the refresh cookie is not httpOnly and SameSite=Strict: ${JSON.stringify(refreshCookie)}`);
  if ((await page.evaluate(() => document.cookie)).includes('authgate_refresh'))
    problems.push('document.cookie shows the refresh token');
  passed('the refresh token is an httpOnly, SameSite=Strict cookie that document.cookie does not show');

  // v1.7: no passkey before the address is verified; the message offers the link again
  refusalExpected = 403;
  await page.fill('#passkey-form [name=name]', 'Laptop');
  await page.click('#passkey-form button[type=submit]');
  await page.waitForSelector('#message:not([hidden]) #resend-verification', { timeout: 10000 });
  refusalExpected = false;
  passed(`a passkey waits for the verified address: "${(await page.textContent('#message')).trim()}"`);
  await page.click('#message #resend-verification');
  await page.waitForFunction(() => /on its way/.test(document.querySelector('#message.ok')?.textContent ?? ''), null, {
    timeout: 10000,
  });
  const link = await mail.waitFor(email, 'confirm your email address');
  const token = /verify-email\?token=([\w-]+)/.exec(link?.text ?? '')?.[1];
  const verified = await fetch(`${base}/auth/verify-email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!verified.ok) problems.push(`the verification link answered ${verified.status}`);
  passed('sent the link again from the message, and the mailed link verified the address');
  await page.fill('#passkey-form [name=name]', 'Laptop');
  await page.click('#passkey-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#passkeys')?.textContent?.includes('Laptop'), null, {
    timeout: 10000,
  });
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: first.authenticatorId });
  if (credentials.length !== 1 || !credentials[0].isResidentCredential)
    problems.push(
      `the authenticator holds ${credentials.length} credential(s), resident: ${credentials[0]?.isResidentCredential}`,
    );
  passed('added a passkey (a resident credential on the virtual authenticator)');
  await page.screenshot({ path: `${shots}account-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}account-phone.png`, fullPage: true });

  await logOut();
  await page.screenshot({ path: `${shots}account-login-phone.png`, fullPage: true });
  await page.click('#passkey-login'); // no email: a discoverable login
  await signedInAs('logged in with the passkey alone (discoverable)');

  await logOut();
  await page.fill('#login-form [name=email]', email);
  await page.click('#passkey-login');
  await signedInAs('logged in with email + passkey');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.click('#passkeys button.danger');
  await page.waitForFunction(() => document.querySelector('#passkeys')?.textContent?.includes('No passkey yet'), null, {
    timeout: 10000,
  });
  passed('removed the passkey');

  // v1.9: an organization made on the page, listed with the role owner, then chosen for the tokens
  await page.fill('#org-form [name=name]', 'Acme');
  await page.click('#org-form button[type=submit]');
  await page.waitForFunction(() => /Acme.*owner/.test(document.querySelector('#orgs')?.textContent ?? ''), null, {
    timeout: 10000,
  });
  passed('created an organization: listed with the role owner');
  await page.click('#orgs button.use');
  await page.waitForFunction(() => document.querySelector('#orgs .badge')?.textContent === 'in use', null, {
    timeout: 10000,
  });
  passed('chose it for the tokens ("Use"): marked in use');

  // TOTP on through the page, with the code of the secret it shows; then a password login asks for a code
  await page.setViewportSize({ width: 390, height: 844 });
  await page.fill('#totp-start [name=password]', 'correct horse battery');
  await page.click('#totp-start button[type=submit]');
  await page.waitForSelector('#totp-confirm:not([hidden]) img.qr[src^="data:image/svg+xml"]');
  await page.screenshot({ path: `${shots}account-totp-qr-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  const secret = (await page.textContent('#totp-secret')).trim();
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  await page.fill('#totp-confirm [name=code]', totp.generate());
  await page.click('#totp-confirm button[type=submit]');
  await page.waitForSelector('#recovery:not([hidden]) #recovery-codes li');
  passed(`turned TOTP on with its QR code; ${await page.locator('#recovery-codes li').count()} recovery codes shown`);
  await page.screenshot({ path: `${shots}account-totp-desktop.png`, fullPage: true });
  const recoveryCode = await page.textContent('#recovery-codes li');
  await logOut();
  if (await page.locator('#recovery-codes li').count())
    problems.push('the recovery codes stay in the page after logging out');
  await page.fill('#login-form [name=email]', email);
  await page.fill('#login-form [name=password]', 'correct horse battery');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#mfa-form:not([hidden])');
  await page.fill('#mfa-form [name=code]', recoveryCode ?? ''); // the TOTP step just used is spent: a recovery code
  await page.click('#mfa-form button[type=submit]');
  await signedInAs('logged in with the password, then a recovery code at the second-factor step');

  // v1.7: past PRIVILEGED_SESSION_MAX_AGE an email change asks to prove it is the person again, then goes ahead
  await page.waitForTimeout((PRIVILEGED_SECONDS + 1) * 1000);
  const newEmail = `ada-new-${Date.now()}@example.com`;
  refusalExpected = 403;
  await page.fill('#email-form [name=newEmail]', newEmail);
  await page.fill('#email-form [name=password]', 'correct horse battery');
  await page.click('#email-form button[type=submit]');
  await page.waitForSelector('#reauth-form:not([hidden])', { timeout: 10000 });
  refusalExpected = false;
  await page.screenshot({ path: `${shots}account-reauth-desktop.png`, fullPage: true });
  await page.fill('#reauth-form [name=password]', 'correct horse battery');
  await page.fill('#reauth-form [name=code]', totp.generate());
  await page.click('#reauth-form button[type=submit]');
  await page.waitForFunction(
    (address) => document.querySelector('#profile')?.textContent?.includes(address),
    newEmail,
    { timeout: 10000 },
  );
  if (!(await page.isHidden('#reauth-form'))) problems.push('the re-authentication form stays open after it worked');
  passed('a stale session asked for the password and a code, then the email change went ahead and shows as pending');
  await page.click('#cancel-email-change');
  await page.waitForFunction(() => !document.querySelector('#cancel-email-change'), null, { timeout: 10000 });
  passed('cancelled the pending email change');
  await logOut();

  // a second authenticator, with a credential for this site that no account registered
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: first.authenticatorId });
  const second = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: authenticatorOptions });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId: second.authenticatorId,
    credential: {
      credentialId: randomBytes(16).toString('base64'),
      isResidentCredential: true,
      rpId: 'localhost',
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      userHandle: randomBytes(12).toString('base64'),
      signCount: 1,
    },
  });
  refusalExpected = 401;
  await page.fill('#login-form [name=email]', '');
  await page.click('#passkey-login');
  await page.waitForSelector('#message:not([hidden])', { timeout: 10000 });
  refusalExpected = false;
  const message = await page.textContent('#message');
  if (!/not accepted/.test(message) || (await page.isVisible('#signed-in')))
    problems.push(`an unregistered passkey was not refused: "${message}"`);
  else passed(`an unregistered authenticator is refused: "${message}"`);
  await page.screenshot({ path: `${shots}account-refused-desktop.png`, fullPage: true });

  // sign in by email (v1.10): the code typed into the page, then the mailed link opened in it
  const register = (address) =>
    fetch(`${base}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: address, password: 'correct horse battery' }),
    });
  const byCode = `ada-code-${Date.now()}@example.com`;
  await register(byCode);
  await page.fill('#email-sign-in-form [name=email]', byCode);
  await page.click('#email-sign-in-form button[type=submit]');
  await page.waitForSelector('#email-code-form:not([hidden])', { timeout: 10000 });
  const codeMail = await mail.waitFor(byCode, 'your sign-in code');
  await page.fill('#email-code-form [name=code]', /code (\d{6})/.exec(codeMail?.subject ?? '')?.[1] ?? '');
  await page.click('#email-code-form button[type=submit]');
  await page.waitForFunction((address) => document.querySelector('#profile')?.textContent?.includes(address), byCode, {
    timeout: 10000,
  });
  passed('signed in by email with the mailed code');
  await page.screenshot({ path: `${shots}account-email-code-desktop.png`, fullPage: true });
  await logOut();
  const byLink = `ada-link-${Date.now()}@example.com`;
  await register(byLink);
  await fetch(`${base}/auth/email/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: byLink }),
  });
  const linkMail = await mail.waitFor(byLink, 'your sign-in code');
  const signInUrl = /(http\S+\/sign-in\?token=[\w-]+)/.exec(linkMail?.text ?? '')?.[1];
  await page.goto(signInUrl.replace(/^https?:\/\/[^/]+/, base), { waitUntil: 'networkidle' });
  await page.waitForFunction((address) => document.querySelector('#profile')?.textContent?.includes(address), byLink, {
    timeout: 10000,
  });
  if (new URL(page.url()).search.includes('token')) problems.push('the sign-in token stayed in the address bar');
  else passed('the mailed link (APP_URL/sign-in?token=…) signed in, and left the address bar');

  // v1.9: an invitation's mailed link, opened by the invited person (signed in, address proven by the sign-in)
  const founder = `ada-founder-${Date.now()}@example.com`;
  const { token: founderToken } = await (await register(founder)).json();
  const confirm = /verify-email\?token=([\w-]+)/.exec((await mail.waitFor(founder, 'confirm your email'))?.text ?? '');
  const asFounder = { 'content-type': 'application/json', authorization: `Bearer ${founderToken}` };
  await fetch(`${base}/auth/verify-email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: confirm?.[1] }),
  });
  const org = await (
    await fetch(`${base}/orgs`, { method: 'POST', headers: asFounder, body: JSON.stringify({ name: 'Globex' }) })
  ).json();
  await fetch(`${base}/orgs/${org.id}/invitations`, {
    method: 'POST',
    headers: asFounder,
    body: JSON.stringify({ email: byLink, role: 'admin' }),
  });
  const invitationMail = await mail.waitFor(byLink, 'invited');
  const invitationUrl = /(http\S+\/accept-invitation\?token=[\w-]+)/.exec(invitationMail?.text ?? '')?.[1];
  await page.goto(invitationUrl.replace(/^https?:\/\/[^/]+/, base), { waitUntil: 'networkidle' });
  await page.waitForFunction(() => /Globex.*admin/.test(document.querySelector('#orgs')?.textContent ?? ''), null, {
    timeout: 10000,
  });
  if (new URL(page.url()).search.includes('token')) problems.push('the invitation token stayed in the address bar');
  else
    passed(
      `the invitation's link (APP_URL/accept-invitation?token=…) joined: "${(await page.textContent('#message')).trim()}"`,
    );

  // v1.9 (issue #26): the founder, signed in on the page, opens Globex and manages it; then a member leaves
  page.on('dialog', (dialog) => dialog.accept()); // Remove and Leave ask confirm()
  const textOf = (selector) => page.evaluate((chosen) => document.querySelector(chosen)?.textContent ?? '', selector);
  const until = (selector, pattern) =>
    page.waitForFunction(
      ([chosen, source]) => new RegExp(source).test(document.querySelector(chosen)?.textContent ?? ''),
      [selector, pattern.source],
      { timeout: 10000 },
    );
  const openGlobex = async (address) => {
    await until('#profile', new RegExp(address.replace(/[.]/g, '\\.')));
    await page.locator('#orgs li', { hasText: 'Globex' }).locator('button.open').click();
    await until('#org-name', /Globex/);
  };
  await logOut();
  await page.fill('#login-form [name=email]', founder);
  await page.fill('#login-form [name=password]', 'correct horse battery');
  await page.click('#login-form button[type=submit]');
  await openGlobex(founder);
  await until('#org-members', new RegExp(`${byLink.replace(/[.]/g, '\\.')}admin · joined`));
  passed(`the founder, signed in on the page, opened Globex: ${byLink} is among its members, as admin`);
  const invited = `ada-invited-${Date.now()}@example.com`;
  await page.fill('#invite-form [name=email]', invited);
  await page.selectOption('#invite-form [name=role]', 'member');
  await page.click('#invite-form button[type=submit]');
  await until('#org-invitations', new RegExp(invited.replace(/[.]/g, '\\.')));
  if (!(await mail.waitFor(invited, 'invited'))) problems.push('the invitation sent from the page was not mailed');
  passed(`invited ${invited} from the page's form: pending, and mailed`);
  await page.locator('#org-members li', { hasText: byLink }).locator('select').selectOption('member');
  await until('#message.ok', /is now member/);
  await until('#org-members', new RegExp(`${byLink.replace(/[.]/g, '\\.')}member · joined`));
  passed(`changed the member's role from the page: "${(await textOf('#message')).trim()}"`);
  await page.screenshot({ path: `${shots}account-org-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}account-org-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  refusalExpected = 409;
  await page.locator('#org-members li', { hasText: founder }).locator('button', { hasText: 'Leave' }).click();
  await page.waitForFunction(
    () => /keeps at least one owner/.test(document.querySelector('#message')?.textContent),
    null,
    {
      timeout: 10000,
    },
  );
  refusalExpected = false;
  passed(`the last owner cannot leave: "${(await textOf('#message')).trim()}"`);
  // the member comes back the way they came: a new mailed sign-in link (the newest mail, not the first)
  await logOut();
  const sent = mail.mails.length;
  await fetch(`${base}/auth/email/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: byLink }),
  });
  const newest = () => mail.mails.slice(sent).find((sentMail) => sentMail.to.includes(byLink));
  for (const deadline = Date.now() + 10000; !newest() && Date.now() < deadline;)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const again = /(http\S+\/sign-in\?token=[\w-]+)/.exec(newest()?.text ?? '')?.[1] ?? '';
  await page.goto(again.replace(/^https?:\/\/[^/]+/, base), { waitUntil: 'networkidle' });
  await openGlobex(byLink);
  if (!(await page.isHidden('#org-admin'))) problems.push('a member sees the invitations and the invite form');
  await page.locator('#org-members li', { hasText: byLink }).locator('button', { hasText: 'Leave' }).click();
  await until('#message.ok', /You left/);
  if (/Globex/.test(await textOf('#orgs')) || !(await page.isHidden('#org-detail')))
    problems.push('Globex is still listed (or open) after leaving it');
  else passed('the member, now without the invitations and invite form, left Globex from the page');
  await settled(); // the profile shows before the linked identities load: closing now would abort that request
} catch (error) {
  problems.push(`step failed: ${error.message.split('\n')[0]}`);
} finally {
  await browser.close();
  await stop();
}
finishCheck(problems, 'ok   no console errors; screenshots in docs/screenshots/account-*.png');
