// Recent authentication (contract v1.7): a route that changes how the account is entered answers
// 403 REAUTHENTICATION_REQUIRED when the last proof is too old. The page then asks the person to prove who they
// are again (password, plus a code when TOTP is on, or a passkey), and api.js retries the action.
import { api, setReauthenticator } from './api.js';
import { providerIds } from './providers.js';
import { keep } from './tokens.js';
import { $, action, element, fieldsOf, show } from './ui.js';

const { startAuthentication } = window.SimpleWebAuthnBrowser;
let waiting = null; // the action that waits: { resolve, reject }

// an account without a password proves itself at its provider: the provider is asked to ask again, and the
// exchange of its code opens a new session (privileged from its start) in this browser
const throughProvider = (id) =>
  element('a', {
    className: 'button secondary',
    href: `auth/oidc/${encodeURIComponent(id)}/start?reauthenticate=1&redirect=${encodeURIComponent('/account')}`,
    textContent: `Confirm with ${id}`,
  });

function ask() {
  providerIds().then(
    (ids) => $('#reauth-providers').replaceChildren(...ids.map(throughProvider)),
    () => undefined,
  );
  return new Promise((resolve, reject) => {
    waiting?.reject(new Error('Re-authentication cancelled.'));
    waiting = { resolve, reject };
    $('#reauth-form').hidden = false;
    $('#reauth-form').scrollIntoView({ block: 'center' });
    $('#reauth-form [name=password]').focus();
  });
}

function finish(error) {
  $('#reauth-form').reset();
  $('#reauth-form').hidden = true;
  const settled = waiting;
  waiting = null;
  if (error) settled?.reject(error);
  else settled?.resolve();
}

/** The proof, then the new access token of the same session; a wrong one leaves the form open with the reason. */
async function prove(body) {
  keep(await api('POST', 'auth/reauthenticate', body));
  show('');
  finish();
}

$('#reauth-form').addEventListener(
  'submit',
  action(async (event) => {
    const { password, code } = fieldsOf(event.target);
    if (!password) throw new Error('Type your password, or use a passkey.');
    await prove({ password, ...(code.trim() ? { code: code.trim() } : {}) });
  }),
);

$('#reauth-passkey').addEventListener(
  'click',
  action(async () => {
    const { challengeId, options } = await api('POST', 'auth/passkey/options', {});
    await prove({ challengeId, passkey: await startAuthentication({ optionsJSON: options }) });
  }),
);

$('#reauth-cancel').addEventListener('click', () => finish(new Error('Cancelled: nothing was changed.')));

setReauthenticator(ask);
