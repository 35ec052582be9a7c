// Users: a search by email prefix, page by page; one user's profile, actions and audit events.
import { admin } from './api.js';
import { eventList } from './audit.js';
import { Pager, identitiesText, otherFacts, premiumEndsOf, premiumText, queryOf, yesNo } from './logic.js';
import { membershipList } from './orgs.js';
import { $, action, confirmed, element, fact, fieldsOf, show, when } from './ui.js';

const PAGE = 20;
const found = new Pager();
const events = new Pager();
let current = null; // the user on show

/** The search's current page of users. */
export async function showUsers() {
  const { email } = fieldsOf($('#search-form'));
  const page = await admin('GET', `admin/users${queryOf({ email, limit: PAGE, cursor: found.cursor })}`);
  found.read(page.nextCursor);
  $('#user-list').replaceChildren(
    ...page.users.map((user) =>
      element(
        'li',
        {},
        element('a', { href: `#users/${user.id}`, textContent: user.email }),
        element('span', { className: 'muted', textContent: `${user.name ?? ''} ${user.disabled ? '· disabled' : ''}` }),
      ),
    ),
  );
  $('#users-empty').hidden = page.users.length > 0;
  $('#users-page').textContent = `Page ${found.number}`;
  $('#users-previous').disabled = !found.hasPrevious;
  $('#users-next').disabled = !found.hasNext;
}

/** One user: the profile as GET /admin/users/:id gives it, and their audit events. */
export async function showUser(id) {
  if (current?.id !== id) events.reset();
  const user = await admin('GET', `admin/users/${id}`);
  current = user;
  $('#user-title').textContent = user.email;
  $('#user-facts').replaceChildren(
    ...fact('Name', user.name ?? '—'),
    ...fact('Email verified', yesNo(user.emailVerified)),
    ...fact('Email change waiting for', user.pendingEmail ?? '—'),
    ...fact('Premium', premiumText(user)),
    ...fact('Disabled', yesNo(user.disabled)),
    ...fact('Second factor (TOTP)', user.mfa ? 'on' : 'off'),
    ...fact('Live sessions', String(user.sessions)),
    ...fact('Passkeys', String(user.passkeys ?? '—')),
    ...fact('Linked identities', identitiesText(user.identities)),
    ...otherFacts(user).flatMap(([name, value]) => fact(name, value)),
    ...fact('Registered', when(user.createdAt)),
    ...fact('Updated', when(user.updatedAt)),
    ...fact('Id', user.id),
  );
  $('#user-orgs').replaceChildren(...membershipList(user.memberships ?? []));
  $('#premium-until').value = user.premiumEnds ? user.premiumEnds.slice(0, 10) : '';
  $('#disable').textContent = user.disabled ? 'Enable the account' : 'Disable the account';
  await showUserEvents();
}

async function showUserEvents() {
  const page = await admin('GET', `admin/audit${queryOf({ userId: current.id, limit: PAGE, cursor: events.cursor })}`);
  events.read(page.nextCursor);
  $('#user-events').replaceChildren(...eventList(page.events, false));
  $('#user-events-older').disabled = !events.hasNext;
  $('#user-events-newer').disabled = !events.hasPrevious;
}

/**
 * An action on the user on show: `{ patch }` for PATCH /admin/users/:id, or a call of its own; asked first, then
 * done, then its answer shown and the profile read again.
 */
const onUser = (question, patchOrRun, done) =>
  action(async () => {
    const { id, email } = current;
    const patch = typeof patchOrRun === 'function' ? null : patchOrRun.patch(); // a wrong date stops it here
    if (!(await confirmed(question(email)))) return;
    const answer = patch ? await admin('PATCH', `admin/users/${id}`, patch) : await patchOrRun(id);
    await showUser(id);
    show(done(answer ?? current), true);
  });

$('#search-form').addEventListener(
  'submit',
  action(() => (found.reset(), showUsers())),
);
$('#users-next').addEventListener(
  'click',
  action(() => (found.forward(), showUsers())),
);
$('#users-previous').addEventListener(
  'click',
  action(() => (found.back(), showUsers())),
);
$('#user-events-older').addEventListener(
  'click',
  action(() => (events.forward(), showUserEvents())),
);
$('#user-events-newer').addEventListener(
  'click',
  action(() => (events.back(), showUserEvents())),
);
$('#premium-form').addEventListener(
  'submit',
  onUser(
    (email) =>
      `Grant premium to ${email} ${$('#premium-until').value ? `until ${$('#premium-until').value}` : 'with no end'}?`,
    { patch: () => ({ premium: true, premiumEnds: premiumEndsOf($('#premium-until').value) }) },
    (user) => `Premium for ${user.email}: ${premiumText(user)}.`,
  ),
);
$('#premium-end').addEventListener(
  'click',
  onUser(
    (email) => `End premium for ${email} now?`,
    { patch: () => ({ premium: false, premiumEnds: null }) },
    (user) => `Premium for ${user.email}: ${premiumText(user)}.`,
  ),
);
$('#disable').addEventListener(
  'click',
  onUser(
    (email) =>
      current.disabled
        ? `Enable ${email}? They can log in again.`
        : `Disable ${email}? Every session ends now and they cannot log in.`,
    { patch: () => ({ disabled: !current.disabled }) },
    (user) => `${user.email} is ${user.disabled ? 'disabled: every session was revoked' : 'enabled'}.`,
  ),
);
$('#revoke').addEventListener(
  'click',
  onUser(
    (email) => `Revoke every session of ${email}? They must log in again on every device.`,
    (id) => admin('DELETE', `admin/users/${id}/sessions`),
    () => `Every session of ${current.email} was revoked.`,
  ),
);
