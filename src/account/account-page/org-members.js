// An opened organization (contract v1.9): its members and their roles; for admins and owners a role per member,
// Remove, and the pending invitations and invite form (org-invitations.js); for everyone Leave.
import { api } from './api.js';
import { renderInvitations } from './org-invitations.js';
import { $, action, element, item, show, when } from './ui.js';

let opened = null; // the organization shown, as GET /orgs/:id answered it
let afterLeaving = async () => undefined;
/** orgs.js names what redraws the list once the person left the organization shown. */
export const setAfterLeaving = (redraw) => (afterLeaving = redraw);
export const openedOrgId = () => opened?.id ?? null;

const manages = (role) => role === 'admin' || role === 'owner';
// an owner gives any role; an admin moves people between member and admin, and leaves owners alone
const rolesFor = (viewer) => (viewer === 'owner' ? ['member', 'admin', 'owner'] : ['member', 'admin']);

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
  const detail = `${member.name ? `${member.email} · ` : ''}${member.role} · joined ${when(member.joinedAt)}`;
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

/** Shows the organization: members for everyone, invitations and the invite form for admins and owners. */
export async function openOrg(id) {
  const [org, profile] = await Promise.all([api('GET', `orgs/${id}`), api('GET', 'user/myprofile')]);
  const another = opened?.id !== org.id;
  opened = { ...org, self: profile.id };
  const admin = manages(org.role);
  $('#org-name').textContent = `${org.name} · you are ${org.role}`;
  $('#org-members').replaceChildren(...org.members.map((member) => memberRow(member, member.userId === profile.id)));
  if (admin) await renderInvitations(org, () => openOrg(id));
  else $('#org-invitations').replaceChildren();
  $('#org-admin').hidden = !admin;
  $('#org-detail').hidden = false;
  if (another) $('#org-name').focus(); // a keyboard user lands on what opened
}

export function closeOrg() {
  opened = null;
  $('#org-detail').hidden = true;
  $('#org-members').replaceChildren();
  $('#org-invitations').replaceChildren();
}
