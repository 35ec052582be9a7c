// Sign in by email: a link or a 6-digit code mailed to the address, no password (contract v1.10).
import { api } from './api.js';
import { signedInWith } from './signed-out.js';
import { $, action, fieldsOf, render } from './ui.js';

let address = '';

$('#email-sign-in-form').addEventListener(
  'submit',
  action(async (event) => {
    address = fieldsOf(event.target).email.trim();
    await api('POST', 'auth/email/start', { email: address });
    $('#email-code-address').textContent = address;
    $('#email-sign-in-form').hidden = true;
    $('#email-code-form').hidden = false;
    $('#email-code-form [name=code]').focus();
  }),
);

$('#email-code-form').addEventListener(
  'submit',
  action(async (event) => {
    const code = fieldsOf(event.target).code.trim();
    const answer = await api('POST', 'auth/email/verify', { email: address, code });
    $('#email-code-form').hidden = true;
    $('#email-sign-in-form').hidden = false;
    await signedInWith(answer);
  }),
);

$('#email-code-cancel').addEventListener(
  'click',
  action(async () => {
    $('#email-code-form').hidden = true;
    $('#email-sign-in-form').hidden = false;
    await render();
  }),
);

/**
 * The page opened from the mail's link (APP_URL/sign-in?token=…): the token signs in, once, and leaves the
 * address bar. Null when the page was not opened so.
 */
export async function takeSignInLink() {
  const token = new URLSearchParams(location.search).get('token');
  if (!location.pathname.endsWith('/sign-in') || !token) return null;
  history.replaceState(null, '', 'account');
  return api('POST', 'auth/email/verify', { token });
}
