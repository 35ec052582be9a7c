// An opened organization (contract v1.9): its members and their roles; for admins and owners the pending
// invitations, the invite form, a role per member and Remove; for everyone Leave.
import { api } from './api.js';
import { $, action, element, fieldsOf, item, show, when } from './ui.js';

let opened = null; // the organization shown, as GET /orgs/:id answered it
let afterLeaving = async () => undefined;
/** orgs.js names what redraws the list once the person left the organization shown. */
export const setAfterLeaving = (redraw) => (afterLeaving = redraw);
export const openedOrgId = () => opened?.id ?? null;

const manages = (role) => role === 'admin' || role === 'owner';
// an owner gives any role; an admin moves people between member and admin, and leaves owners alone
const rolesFor = (viewer) => (viewer === 'owner' ? ['member', 'admin', 'owner'] : ['member', 'admin']);

$('#invite-form').addEventListener(
  'submit',
  action(async (event) => {
    const { email, role } = fieldsOf(event.target);
    const invitation = await api('POST', `orgs/${opened.id}/invitations`, { email: email.trim(), role });
    event.target.reset();
    await openOrg(opened.id);
    show(`Invitation mailed to ${invitation.email} (${invitation.role}).`, true);
  }),
);

$('#org-close').addEventListener('click', () => closeOrg());

function roleSelect(member) {
  const select = element(
    'select',
    {},
    ...rolesFor(opened.role).map((role) => element('option', { value: role, textContent: role })),
  );
  select.setAttribute('aria-label', `Role of ${member.email}`);
  select.value = member.role;
  select.onchange = action(async () => {
    await api('PATCH', `orgs/${opened.id}/members/${member.userId}`, { role: select.value }).catch(async (error) => {
      select.value = member.role; // refused: the select says the role the member still has
      throw error;
    });
    await openOrg(opened.id);
    show(`${member.email} is now ${select.value}.`, true);
  });
  return select;
}

const button = (textContent, className, onclick) =>
  element('button', { type: 'button', className, textContent, onclick: action(onclick) });

function memberRow(member, self) {
  const detail = `${member.email} · ${member.role} · joined ${when(member.joinedAt)}`;
  const editable = !self && manages(opened.role) && (opened.role === 'owner' || member.role !== 'owner');
  const controls = element('div', { className: 'row' });
  if (editable)
    controls.append(
      roleSelect(member),
      button('Remove', 'danger', () => remove(member)),
    );
  if (self) controls.append(button('Leave', 'danger', leave));
  return item(
    member.name || member.email,
    detail,
    self ? element('span', { className: 'badge', textContent: 'you' }) : null,
    controls,
  );
}

async function remove(member) {
  if (!confirm(`Remove ${member.email} from “${opened.name}”?`)) return;
  await api('DELETE', `orgs/${opened.id}/members/${member.userId}`);
  await openOrg(opened.id);
  show(`${member.email} no longer belongs to “${opened.name}”.`, true);
}

async function leave() {
  if (!confirm(`Leave “${opened.name}”?`)) return;
  const { id, name } = opened;
  await api('DELETE', `orgs/${id}/members/${opened.self}`);
  closeOrg();
  await afterLeaving(id);
  show(`You left “${name}”.`, true);
}

const invitationRow = (invitation) =>
  item(
    invitation.email,
    `${invitation.role} · pending until ${when(invitation.expiresAt)}`,
    null,
    button('Revoke', 'secondary', async () => {
      await api('DELETE', `orgs/${opened.id}/invitations/${invitation.id}`);
      await openOrg(opened.id);
      show(`The invitation to ${invitation.email} is withdrawn: its link no longer works.`, true);
    }),
  );

/** Shows the organization: members for everyone, invitations and the invite form for admins and owners. */
export async function openOrg(id) {
  const [org, profile] = await Promise.all([api('GET', `orgs/${id}`), api('GET', 'user/myprofile')]);
  opened = { ...org, self: profile.id };
  const admin = manages(org.role);
  const invitations = admin ? await api('GET', `orgs/${id}/invitations`) : [];
  $('#org-name').textContent = `${org.name} · you are ${org.role}`;
  $('#org-members').replaceChildren(...org.members.map((member) => memberRow(member, member.userId === profile.id)));
  $('#org-invitations').replaceChildren(
    ...(invitations.length
      ? invitations.map(invitationRow)
      : [element('li', { textContent: 'No pending invitation.' })]),
  );
  $('#org-admin').hidden = !admin;
  $('#invite-form [value=admin]').disabled = org.role !== 'owner'; // only an owner invites an admin
  $('#org-detail').hidden = false;
}

export function closeOrg() {
  opened = null;
  $('#org-detail').hidden = true;
  $('#org-members').replaceChildren();
  $('#org-invitations').replaceChildren();
}
