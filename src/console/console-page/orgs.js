// Organizations: a search by the start of the slug, page by page; one organization with its members and roles.
import { admin } from './api.js';
import { Pager, queryOf } from './logic.js';
import { $, action, element, fact, fieldsOf, when } from './ui.js';

const PAGE = 20;
const found = new Pager();

/** The search's current page of organizations. */
export async function showOrgs() {
  const { slug } = fieldsOf($('#org-search-form'));
  const page = await admin('GET', `admin/orgs${queryOf({ slug, limit: PAGE, cursor: found.cursor })}`);
  found.read(page.nextCursor);
  $('#org-list').replaceChildren(
    ...page.orgs.map((org) =>
      element(
        'li',
        {},
        element('a', { href: `#orgs/${org.id}`, textContent: org.slug }),
        element('span', { textContent: org.name }),
        element('span', {
          className: 'muted',
          textContent: `${org.members} member${org.members === 1 ? '' : 's'} · since ${when(org.createdAt)}`,
        }),
      ),
    ),
  );
  $('#orgs-empty').hidden = page.orgs.length > 0;
  $('#orgs-page').textContent = `Page ${found.number}`;
  $('#orgs-previous').disabled = !found.hasPrevious;
  $('#orgs-next').disabled = !found.hasNext;
}

/** One organization: its facts and its members, each a link to the user's page. */
export async function showOrg(id) {
  const org = await admin('GET', `admin/orgs/${id}`);
  $('#org-title').textContent = `${org.name} (${org.slug})`;
  $('#org-facts').replaceChildren(
    ...fact('Slug', org.slug),
    ...fact('Created', when(org.createdAt)),
    ...fact('Id', org.id),
  );
  $('#org-members').replaceChildren(
    ...org.members.map((member) =>
      element(
        'li',
        {},
        element('a', { href: `#users/${member.userId}`, textContent: member.email }),
        element('span', { textContent: member.name ?? '' }),
        element('strong', { textContent: member.role }),
        element('span', { className: 'muted', textContent: `joined ${when(member.joinedAt)}` }),
      ),
    ),
  );
}

/** A user's organizations, for their page: each a link to the organization, with the user's role. */
export const membershipList = (memberships) =>
  memberships.length === 0
    ? [element('li', { className: 'muted', textContent: 'No organization.' })]
    : memberships.map((membership) =>
        element(
          'li',
          {},
          element('a', { href: `#orgs/${membership.orgId}`, textContent: membership.name }),
          element('span', { className: 'muted', textContent: membership.slug }),
          element('strong', { textContent: membership.role }),
          element('span', { className: 'muted', textContent: `joined ${when(membership.joinedAt)}` }),
        ),
      );

$('#org-search-form').addEventListener(
  'submit',
  action(() => (found.reset(), showOrgs())),
);
$('#orgs-next').addEventListener(
  'click',
  action(() => (found.forward(), showOrgs())),
);
$('#orgs-previous').addEventListener(
  'click',
  action(() => (found.back(), showOrgs())),
);
