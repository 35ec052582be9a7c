// The signed-in part: profile (email changes, verification), passkeys, TOTP, sessions, organizations, log out.
import { api } from './api.js';
import { renderOrgs } from './orgs.js';
import { renderIdentities } from './providers.js';
import { forget } from './tokens.js';
import { $, action, element, fieldsOf, item, render, setUnverifiedHelp, show, when } from './ui.js';

const { startRegistration, browserSupportsWebAuthn } = window.SimpleWebAuthnBrowser;

$('#logout').addEventListener(
  'click',
  action(async () => {
    await api('POST', 'auth/logout').catch(() => null);
    forget();
    await render();
  }),
);

$('#passkey-form').addEventListener(
  'submit',
  action(async (event) => {
    if (!browserSupportsWebAuthn()) throw new Error('This browser does not support passkeys.');
    const name = fieldsOf(event.target).name.trim();
    const options = await api('POST', 'user/passkeys/options');
    const response = await startRegistration({ optionsJSON: options });
    const passkey = await api('POST', 'user/passkeys', { response, ...(name ? { name } : {}) });
    event.target.reset();
    await renderPasskeys();
    await renderTotp();
    show(`Passkey “${passkey.name}” added.`, true);
  }),
);

$('#totp-start').addEventListener(
  'submit',
  action(async (event) => {
    const enrollment = await api('POST', 'user/mfa/totp', { password: fieldsOf(event.target).password });
    event.target.reset();
    $('#totp-qr').src = `data:image/svg+xml;base64,${btoa(enrollment.qrCodeSvg)}`;
    $('#totp-secret').textContent = enrollment.secret;
    $('#totp-start').hidden = true;
    $('#totp-confirm').hidden = false;
  }),
);

$('#totp-confirm').addEventListener(
  'submit',
  action(async (event) => {
    const { recoveryCodes } = await api('POST', 'user/mfa/totp/confirm', { code: fieldsOf(event.target).code.trim() });
    event.target.reset();
    $('#totp-confirm').hidden = true;
    $('#recovery-codes').replaceChildren(...recoveryCodes.map((code) => element('li', { textContent: code })));
    $('#recovery').hidden = false;
    await renderTotp();
    show('TOTP is on: the next login asks for a code.', true);
  }),
);

/** A button that mails the verification link again (POST /auth/verify-email/resend). */
const resendButton = () =>
  element('button', {
    className: 'link',
    id: 'resend-verification',
    textContent: 'Send the link again',
    type: 'button',
    onclick: action(async () => {
      await api('POST', 'auth/verify-email/resend');
      show('A new link is on its way: open it, then come back here.', true);
    }),
  });
setUnverifiedHelp(resendButton);

const cancelEmailChange = () =>
  element('button', {
    className: 'link danger',
    id: 'cancel-email-change',
    textContent: 'Cancel',
    type: 'button',
    onclick: action(async () => {
      await api('DELETE', 'user/email');
      await renderProfile();
      show('The email change is cancelled: its link no longer works.', true);
    }),
  });

$('#email-form').addEventListener(
  'submit',
  action(async (event) => {
    const { newEmail, password } = fieldsOf(event.target);
    await api('PUT', 'user/email', { newEmail, password });
    event.target.reset();
    await renderProfile();
    show(`A link is on its way to ${newEmail}: the address changes once it is used.`, true);
  }),
);

async function renderProfile() {
  const profile = await api('GET', 'user/myprofile');
  const facts = [
    ['Name', profile.name ?? '—'],
    ['Email', profile.email],
    ['Member since', when(profile.createdAt)],
  ];
  if ('emailVerified' in profile)
    facts.push([
      'Email verified',
      profile.emailVerified ? 'yes' : 'not yet ',
      profile.emailVerified ? null : resendButton(),
    ]);
  if (profile.pendingEmail)
    facts.push(['Changing to', `${profile.pendingEmail} (once its link is used) `, cancelEmailChange()]);
  $('#profile').replaceChildren(
    ...facts.flatMap(([term, value, extra]) => [element('dt', { textContent: term }), element('dd', {}, value, extra)]),
  );
}

async function renderPasskeys() {
  const passkeys = await api('GET', 'user/passkeys');
  const remove = (passkey) =>
    element('button', {
      className: 'danger',
      textContent: 'Remove',
      type: 'button',
      onclick: action(async () => {
        await api('DELETE', `user/passkeys/${encodeURIComponent(passkey.id)}`);
        await renderPasskeys();
        show(`Passkey “${passkey.name}” removed.`, true);
      }),
    });
  const rows = passkeys.map((passkey) =>
    item(
      passkey.name,
      `added ${when(passkey.createdAt)} · last used ${when(passkey.lastUsedAt)}`,
      null,
      remove(passkey),
    ),
  );
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
  const name = browser
    ? `${{ Edg: 'Edge', OPR: 'Opera', Version: 'Safari' }[browser[1]] ?? browser[1]} ${browser[2]}`
    : userAgent.slice(0, 40);
  return system ? `${name} on ${system[0].replace('Mac OS X', 'macOS').replace('CrOS', 'ChromeOS')}` : name;
}

async function renderSessions() {
  const sessions = await api('GET', 'user/sessions');
  const revoke = (session) =>
    element('button', {
      className: 'danger',
      textContent: 'Revoke',
      type: 'button',
      onclick: action(async () => {
        await api('DELETE', `user/sessions/${encodeURIComponent(session.id)}`);
        if (session.current) forget();
        await render();
        show('Session revoked.', true);
      }),
    });
  $('#sessions').replaceChildren(
    ...sessions.map((session) =>
      item(
        device(session.userAgent),
        `since ${when(session.createdAt)} · last used ${when(session.lastUsedAt)}`,
        session.current ? element('span', { className: 'badge', textContent: 'this one' }) : null,
        revoke(session),
      ),
    ),
  );
}

/** Draws every card of the signed-in part. */
export const renderAccount = () =>
  Promise.all([renderProfile(), renderPasskeys(), renderTotp(), renderSessions(), renderIdentities(), renderOrgs()]);
