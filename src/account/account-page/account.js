// The account page: draws the signed-out or the signed-in part, as the tokens say.
import { refreshed } from './api.js';
import { renderAccount } from './signed-in.js';
import { signedInWith } from './signed-out.js';
import { renderProviderButtons, takeFragment } from './providers.js';
import './reauth.js';
import { takeSignInLink } from './email-sign-in.js';
import { takeInvitationLink } from './orgs.js';
import { mayResume, signedIn } from './tokens.js';
import { $, action, setRenderer } from './ui.js';

async function render() {
  const inside = signedIn();
  $('#signed-in').hidden = !inside;
  $('#signed-out').hidden = inside;
  $('#logout').hidden = !inside;
  $('#login-form').hidden = false;
  $('#register-form').hidden = false;
  $('#email-sign-in-form').hidden = false;
  $('#email-code-form').hidden = true;
  $('#mfa-form').hidden = true;
  $('#reauth-form').hidden = true;
  // nothing of the last enrollment stays in the page: secret, QR code, recovery codes
  $('#totp-secret').textContent = '';
  $('#totp-qr').removeAttribute('src');
  $('#recovery-codes').replaceChildren();
  if (!inside) return;
  $('#totp-confirm').hidden = true;
  $('#recovery').hidden = true;
  await renderAccount();
}

setRenderer(render);
// after a reload the access token is gone but the httpOnly refresh cookie is not: sign back in through it, when
// this browser signed in before (a first visit asks nothing that must fail)
// a provider's callback may have left a one-time code in the fragment: it signs in (or asks for a second factor)
action(async () => {
  await renderProviderButtons();
  takeInvitationLink();
  const answer = (await takeSignInLink()) ?? (await takeFragment());
  if (answer) return signedInWith(answer);
  if (mayResume()) await refreshed();
  await render();
})();
