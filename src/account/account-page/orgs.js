// Organizations (contract v1.9): the person's organizations and roles, a new one, the one their tokens carry,
// and the invitation a mail's link (APP_URL/accept-invitation?token=…) brings them to.
import { api } from './api.js';
import { closeOrg, openOrg, openedOrgId, setAfterLeaving } from './org-members.js';
import { keep } from './tokens.js';
import { $, action, element, fieldsOf, item, show } from './ui.js';

let pendingInvitation = null;
let activeOrg = null;

$('#org-form').addEventListener(
  'submit',
  action(async (event) => {
    const org = await api('POST', 'orgs', { name: fieldsOf(event.target).name.trim() });
    event.target.reset();
    await renderOrgs();
    show(`Organization “${org.name}” created: you are its owner.`, true);
  }),
);

/** Chooses the organization the next tokens carry (`org`, `org_role`), or none. */
const useButton = (org) =>
  element('button', {
    className: 'secondary use',
    textContent: org.id === activeOrg ? 'Stop using' : 'Use',
    type: 'button',
    onclick: action(async () => {
      const organizationId = org.id === activeOrg ? null : org.id;
      keep(await api('POST', 'auth/refresh', { organizationId }));
      activeOrg = organizationId;
      await renderOrgs();
      show(organizationId ? `Your tokens now carry “${org.name}”.` : 'Your tokens carry no organization now.', true);
    }),
  });

/** Opens the organization below the list (its members, and for admins its invitations), or closes it. */
const openButton = (org) =>
  element('button', {
    className: 'secondary open',
    textContent: org.id === openedOrgId() ? 'Close' : 'Open',
    type: 'button',
    onclick: action(async () => {
      if (org.id === openedOrgId()) closeOrg();
      else await openOrg(org.id);
      await renderOrgs();
    }),
  });

export async function renderOrgs() {
  await acceptPendingInvitation();
  const orgs = await api('GET', 'orgs');
  const rows = orgs.map((org) =>
    item(
      org.name,
      `${org.slug} · ${org.role}`,
      org.id === activeOrg ? element('span', { className: 'badge', textContent: 'in use' }) : null,
      element('div', { className: 'row' }, openButton(org), useButton(org)),
    ),
  );
  if (openedOrgId() && !orgs.some((org) => org.id === openedOrgId())) closeOrg();
  $('#orgs').replaceChildren(...(rows.length ? rows : [element('li', { textContent: 'No organization yet.' })]));
}

// leaving the organization the tokens carry: the next ones carry none (the current one is refused from now on)
setAfterLeaving(async (id) => {
  if (id === activeOrg) {
    keep(await api('POST', 'auth/refresh', { organizationId: null }));
    activeOrg = null;
  }
  await renderOrgs();
});

/**
 * The page opened from an invitation's link: the token leaves the address bar at once, and is accepted as soon
 * as the person is signed in (with the invited address, confirmed).
 */
export function takeInvitationLink() {
  const token = new URLSearchParams(location.search).get('token');
  if (!location.pathname.endsWith('/accept-invitation') || !token) return;
  history.replaceState(null, '', 'account');
  pendingInvitation = token;
  show('Sign in with the address the invitation was sent to, and it is accepted.', true);
}

async function acceptPendingInvitation() {
  if (!pendingInvitation) return;
  const token = pendingInvitation;
  pendingInvitation = null;
  // a refusal (another account, an unconfirmed address) is said, and the rest of the page still draws
  await api('POST', 'orgs/invitations/accept', { token }).then(
    (membership) => show(`You joined “${membership.name}” as ${membership.role}.`, true),
    (error) => show(`The invitation could not be accepted: ${error.message}`),
  );
}
