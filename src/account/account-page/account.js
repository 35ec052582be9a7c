import { api } from './api.js';
import { forget, keep, signedIn } from './tokens.js';

const { startAuthentication, startRegistration, browserSupportsWebAuthn } = window.SimpleWebAuthnBrowser;
const $ = (selector) => document.querySelector(selector);
let mfaToken = null;
let loginEmail = '';

function show(text, ok = false) {
  const box = $('#message');
  box.textContent = text;
  box.classList.toggle('ok', ok);
  box.hidden = !text;
}

/** Runs an action of the page: its errors, the API's or the browser's, become the message. */
const action = (run) => async (event) => {
  event?.preventDefault();
  show('');
  try {
    await run(event);
  } catch (error) {
    show(readable(error));
  }
};

function readable(error) {
  if (error?.name === 'NotAllowedError') return 'The passkey request was cancelled or timed out.';
  if (error?.name === 'InvalidStateError') return 'This device already holds a passkey for this account.';
  return error?.message || 'Something went wrong; try again.';
}

const fieldsOf = (form) => Object.fromEntries(new FormData(form).entries());
const when = (iso) => (iso ? new Date(iso).toLocaleString() : 'never');

function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function item(title, detail, extra, button) {
  return element('li', {}, element('div', { className: 'what' }, element('span', { textContent: title }), element('span', { textContent: detail })), extra, button);
}

// ---- signed out

async function signedInWith(answer) {
  if (answer.mfaRequired) {
    mfaToken = answer.mfaToken;
    $('#login-form').hidden = true;
    $('#register-form').hidden = true;
    $('#mfa-form').hidden = false;
    $('#mfa-passkey').hidden = !answer.methods.includes('passkey');
    $('#mfa-form [name=code]').focus();
    return;
  }
  keep(answer);
  await render();
}

async function passkeyAnswer(email) {
  const { challengeId, options } = await api('POST', 'auth/passkey/options', email ? { email } : {});
  return { challengeId, response: await startAuthentication({ optionsJSON: options }) };
}

$('#login-form').addEventListener('submit', action(async (event) => {
  const { email, password } = fieldsOf(event.target);
  if (!password) throw new Error('Type your password, or log in with a passkey.');
  loginEmail = email;
  await signedInWith(await api('POST', 'auth/login', { email, password }));
}));

$('#passkey-login').addEventListener('click', action(async () => {
  const email = $('#login-form [name=email]').value.trim();
  const { challengeId, response } = await passkeyAnswer(email);
  await signedInWith(await api('POST', 'auth/passkey', { challengeId, response }));
}));

$('#mfa-form').addEventListener('submit', action(async (event) => {
  const code = fieldsOf(event.target).code.trim();
  const body = /^\d{6}$/.test(code) ? { mfaToken, code } : { mfaToken, recoveryCode: code };
  await signedInWith(await api('POST', 'auth/mfa/verify', body));
}));

$('#mfa-passkey').addEventListener('click', action(async () => {
  const { challengeId, response } = await passkeyAnswer(loginEmail);
  await signedInWith(await api('POST', 'auth/mfa/verify', { mfaToken, challengeId, passkey: response }));
}));

$('#mfa-cancel').addEventListener('click', action(async () => {
  mfaToken = null;
  await render();
}));

$('#register-form').addEventListener('submit', action(async (event) => {
  const { name, email, password } = fieldsOf(event.target);
  const answer = await api('POST', 'auth/register', { ...(name.trim() ? { name } : {}), email, password });
  if (!answer.auth) return show('Check your mail: follow the link we sent, then log in.', true);
  await signedInWith(answer);
  show('Welcome! Your account is ready.', true);
}));

// ---- signed in

$('#logout').addEventListener('click', action(async () => {
  await api('POST', 'auth/logout').catch(() => null);
  forget();
  await render();
}));

$('#passkey-form').addEventListener('submit', action(async (event) => {
  if (!browserSupportsWebAuthn()) throw new Error('This browser does not support passkeys.');
  const name = fieldsOf(event.target).name.trim();
  const options = await api('POST', 'user/passkeys/options');
  const response = await startRegistration({ optionsJSON: options });
  const passkey = await api('POST', 'user/passkeys', { response, ...(name ? { name } : {}) });
  event.target.reset();
  await renderPasskeys();
  await renderTotp();
  show(`Passkey “${passkey.name}” added.`, true);
}));

$('#totp-start').addEventListener('submit', action(async (event) => {
  const enrollment = await api('POST', 'user/mfa/totp', { password: fieldsOf(event.target).password });
  event.target.reset();
  $('#totp-qr').src = `data:image/svg+xml;base64,${btoa(enrollment.qrCodeSvg)}`;
  $('#totp-secret').textContent = enrollment.secret;
  $('#totp-start').hidden = true;
  $('#totp-confirm').hidden = false;
}));

$('#totp-confirm').addEventListener('submit', action(async (event) => {
  const { recoveryCodes } = await api('POST', 'user/mfa/totp/confirm', { code: fieldsOf(event.target).code.trim() });
  event.target.reset();
  $('#totp-confirm').hidden = true;
  $('#recovery-codes').replaceChildren(...recoveryCodes.map((code) => element('li', { textContent: code })));
  $('#recovery').hidden = false;
  await renderTotp();
  show('TOTP is on: the next login asks for a code.', true);
}));

async function renderProfile() {
  const profile = await api('GET', 'user/myprofile');
  const facts = [['Name', profile.name ?? '—'], ['Email', profile.email], ['Member since', when(profile.createdAt)]];
  if ('emailVerified' in profile) facts.push(['Email verified', profile.emailVerified ? 'yes' : 'not yet']);
  $('#profile').replaceChildren(...facts.flatMap(([term, value]) => [element('dt', { textContent: term }), element('dd', { textContent: value })]));
}

async function renderPasskeys() {
  const passkeys = await api('GET', 'user/passkeys');
  const remove = (passkey) => element('button', { className: 'danger', textContent: 'Remove', type: 'button', onclick: action(async () => {
    await api('DELETE', `user/passkeys/${encodeURIComponent(passkey.id)}`);
    await renderPasskeys();
    show(`Passkey “${passkey.name}” removed.`, true);
  }) });
  const rows = passkeys.map((passkey) => item(passkey.name, `added ${when(passkey.createdAt)} · last used ${when(passkey.lastUsedAt)}`, null, remove(passkey)));
  $('#passkeys').replaceChildren(...(rows.length ? rows : [element('li', { textContent: 'No passkey yet.' })]));
}

async function renderTotp() {
  const status = await api('GET', 'user/mfa');
  $('#totp-status').textContent = status.totp ? `On · ${status.recoveryCodesLeft} recovery codes left` : 'Off';
  $('#totp-start').hidden = status.totp || !$('#totp-confirm').hidden;
}

/** "Chrome 131 on Linux" rather than a whole User-Agent string. */
function device(userAgent) {
  if (!userAgent) return 'Unknown device';
  const browser = userAgent.match(/(Edg|OPR|Firefox|HeadlessChrome|Chrome|Version)\/(\d+)/);
  const system = userAgent.match(/Windows|Android|iPhone|iPad|Mac OS X|CrOS|Linux/);
  const name = browser ? `${{ Edg: 'Edge', OPR: 'Opera', Version: 'Safari' }[browser[1]] ?? browser[1]} ${browser[2]}` : userAgent.slice(0, 40);
  return system ? `${name} on ${system[0].replace('Mac OS X', 'macOS').replace('CrOS', 'ChromeOS')}` : name;
}

async function renderSessions() {
  const sessions = await api('GET', 'user/sessions');
  const revoke = (session) => element('button', { className: 'danger', textContent: 'Revoke', type: 'button', onclick: action(async () => {
    await api('DELETE', `user/sessions/${encodeURIComponent(session.id)}`);
    if (session.current) forget();
    await render();
    show('Session revoked.', true);
  }) });
  $('#sessions').replaceChildren(...sessions.map((session) => item(device(session.userAgent), `since ${when(session.createdAt)} · last used ${when(session.lastUsedAt)}`, session.current ? element('span', { className: 'badge', textContent: 'this one' }) : null, revoke(session))));
}

async function render() {
  const inside = signedIn();
  $('#signed-in').hidden = !inside;
  $('#signed-out').hidden = inside;
  $('#logout').hidden = !inside;
  $('#login-form').hidden = false;
  $('#register-form').hidden = false;
  $('#mfa-form').hidden = true;
  // nothing of the last enrollment stays in the page: secret, QR code, recovery codes
  $('#totp-secret').textContent = '';
  $('#totp-qr').removeAttribute('src');
  $('#recovery-codes').replaceChildren();
  if (!inside) return;
  $('#totp-confirm').hidden = true;
  $('#recovery').hidden = true;
  await Promise.all([renderProfile(), renderPasskeys(), renderTotp(), renderSessions()]);
}

action(render)();
