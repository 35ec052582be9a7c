// An opened organization's pending invitations, with Revoke, and the invite form (contract v1.9): for its
// admins and owners only (org-members.js draws them for those).
import { api } from './api.js';
import { $, action, element, fieldsOf, item, show, when } from './ui.js';

let shown = null; // { id, reopen }: the organization whose invitations are drawn, and what draws it again

$('#invite-form').addEventListener(
  'submit',
  action(async (event) => {
    const { email, role } = fieldsOf(event.target);
    const invitation = await api('POST', `orgs/${shown.id}/invitations`, { email: email.trim(), role });
    event.target.reset();
    await shown.reopen();
    show(`Invitation mailed to ${invitation.email} (${invitation.role}).`, true);
  }),
);

const invitationRow = (invitation) =>
  item(
    invitation.email,
    `${invitation.role} · pending until ${when(invitation.expiresAt)}`,
    null,
    element('button', {
      type: 'button',
      className: 'secondary',
      textContent: 'Revoke',
      onclick: action(async () => {
        await api('DELETE', `orgs/${shown.id}/invitations/${invitation.id}`);
        await shown.reopen();
        show(`The invitation to ${invitation.email} is withdrawn: its link no longer works.`, true);
      }),
    }),
  );

/** Draws the pending invitations of `org` (GET /orgs/:id/invitations); `reopen` draws it again after a change. */
export async function renderInvitations(org, reopen) {
  shown = { id: org.id, reopen };
  const invitations = await api('GET', `orgs/${org.id}/invitations`);
  $('#org-invitations').replaceChildren(
    ...(invitations.length
      ? invitations.map(invitationRow)
      : [element('li', { textContent: 'No pending invitation.' })]),
  );
  $('#invite-form [value=admin]').disabled = org.role !== 'owner'; // only an owner invites an admin
}
