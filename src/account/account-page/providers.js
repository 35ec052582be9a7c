// Sign-in providers (OpenID Connect): a button per configured provider, the answer that the provider's callback
// leaves in the URL's fragment (#code, #error, #linked), and the signed-in user's linked identities.
import { api } from './api.js';
import { $, action, element, item, show, when } from './ui.js';

const BACK_HERE = encodeURIComponent('/account'); // a relative path of APP_URL: the callback returns here
const MESSAGES = {
  ACCOUNT_EXISTS: 'An account with this email exists already: log in to it, then link the provider from there.',
  ACCOUNT_DISABLED: 'This account is disabled.',
  EMAIL_REQUIRED: 'The provider did not share an email address.',
  EMAIL_NOT_VERIFIED: 'The provider has not verified that email address: verify it there, or register with it here.',
  IDENTITY_TAKEN: 'That identity is linked to another account.',
  ALREADY_LINKED: 'This account has an identity at that provider already.',
};

let providers;
export const providerIds = async () =>
  (providers ??= (await api('GET', 'auth/oidc/providers')).providers.map((provider) => provider.id));

/** The sign-in buttons of the signed-out part: plain links, the provider's page opens in this tab. */
export async function renderProviderButtons() {
  const ids = await providerIds();
  $('#oidc-signin').hidden = ids.length === 0;
  $('#oidc-signin').replaceChildren(
    ...ids.map((id) =>
      element('a', {
        className: 'button secondary',
        href: `auth/oidc/${encodeURIComponent(id)}/start?redirect=${BACK_HERE}`,
        textContent: `Sign in with ${id}`,
      }),
    ),
  );
}

/** What the callback left in the fragment, taken out of the address bar: the exchange's answer, or null. */
export async function takeFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (![...fragment.keys()].length) return null;
  history.replaceState(null, '', location.pathname + location.search);
  if (fragment.has('linked')) show(`Linked your ${fragment.get('linked')} identity.`, true);
  if (fragment.has('error'))
    show(MESSAGES[fragment.get('error')] ?? `Signing in through the provider failed (${fragment.get('error')}).`);
  return fragment.has('code') ? api('POST', 'auth/oidc/exchange', { code: fragment.get('code') }) : null;
}

/** The signed-in part's card: identities with Unlink, and Link for the providers not linked yet. */
export async function renderIdentities() {
  const [ids, linked] = await Promise.all([providerIds(), api('GET', 'user/identities')]);
  $('#identities-card').hidden = ids.length === 0 && linked.length === 0;
  const unlink = (identity) =>
    element('button', {
      className: 'danger',
      textContent: 'Unlink',
      type: 'button',
      onclick: action(async () => {
        await api('DELETE', `user/identities/${encodeURIComponent(identity.provider)}`);
        await renderIdentities();
        show(`Unlinked ${identity.provider}.`, true);
      }),
    });
  $('#identities').replaceChildren(
    ...linked.map((identity) =>
      item(
        identity.provider,
        `${identity.email ?? identity.subject} · linked ${when(identity.linkedAt)}`,
        null,
        unlink(identity),
      ),
    ),
  );
  const link = (id) =>
    element('button', {
      className: 'secondary',
      textContent: `Link ${id}`,
      type: 'button',
      onclick: action(async () => {
        const { url } = await api('POST', `user/identities/${encodeURIComponent(id)}/start?redirect=${BACK_HERE}`);
        location.assign(url);
      }),
    });
  $('#identity-links').replaceChildren(
    ...ids.filter((id) => !linked.some((identity) => identity.provider === id)).map(link),
  );
}
