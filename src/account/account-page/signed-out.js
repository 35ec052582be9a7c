// The signed-out part: log in (password, passkey, then a second factor when one is owed) and register.
import { api } from './api.js';
import { keep } from './tokens.js';
import { $, action, fieldsOf, render, show } from './ui.js';

const { startAuthentication } = window.SimpleWebAuthnBrowser;
let mfaToken = null;
let loginEmail = '';

export async function signedInWith(answer) {
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

$('#login-form').addEventListener(
  'submit',
  action(async (event) => {
    const { email, password } = fieldsOf(event.target);
    if (!password) throw new Error('Type your password, or log in with a passkey.');
    loginEmail = email;
    await signedInWith(await api('POST', 'auth/login', { email, password }));
  }),
);

$('#passkey-login').addEventListener(
  'click',
  action(async () => {
    const email = $('#login-form [name=email]').value.trim();
    const { challengeId, response } = await passkeyAnswer(email);
    await signedInWith(await api('POST', 'auth/passkey', { challengeId, response }));
  }),
);

$('#mfa-form').addEventListener(
  'submit',
  action(async (event) => {
    const code = fieldsOf(event.target).code.trim();
    const body = /^\d{6}$/.test(code) ? { mfaToken, code } : { mfaToken, recoveryCode: code };
    await signedInWith(await api('POST', 'auth/mfa/verify', body));
  }),
);

$('#mfa-passkey').addEventListener(
  'click',
  action(async () => {
    const { challengeId, response } = await passkeyAnswer(loginEmail);
    await signedInWith(await api('POST', 'auth/mfa/verify', { mfaToken, challengeId, passkey: response }));
  }),
);

$('#mfa-cancel').addEventListener(
  'click',
  action(async () => {
    mfaToken = null;
    await render();
  }),
);

$('#register-form').addEventListener(
  'submit',
  action(async (event) => {
    const { name, email, password } = fieldsOf(event.target);
    const answer = await api('POST', 'auth/register', { ...(name.trim() ? { name } : {}), email, password });
    if (!answer.auth) return show('Check your mail: follow the link we sent, then log in.', true);
    await signedInWith(answer);
    show('Welcome! Your account is ready.', true);
  }),
);
