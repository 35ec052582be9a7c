// Audit: the log, newest first, filtered by user and type, page by page; eventList draws a user's events too.
import { admin } from './api.js';
import { AUDIT_TYPES, Pager, actorText, queryOf } from './logic.js';
import { $, action, element, fieldsOf, when } from './ui.js';

const PAGE = 25;
const pages = new Pager();

/** One list item per event: what, when, by whom, from where; the user's id links to their page (`linked`). */
export const eventList = (events, linked = true) =>
  events.length === 0
    ? [element('li', { className: 'muted', textContent: 'No events.' })]
    : events.map((event) =>
        element(
          'li',
          {},
          element('strong', { textContent: event.type }),
          element('span', { className: 'muted', textContent: ` ${when(event.at)} · ${actorText(event.actor)}` }),
          linked && event.userId
            ? element('a', { href: `#users/${event.userId}`, textContent: ` user ${event.userId}` })
            : null,
          element('span', {
            className: 'muted small',
            textContent: [event.ip, event.userAgent].filter(Boolean).join(' · '),
          }),
        ),
      );

/** The log's current page for the filters in the form. */
export async function showAudit() {
  const { userId, type } = fieldsOf($('#audit-form'));
  const page = await admin('GET', `admin/audit${queryOf({ userId, type, limit: PAGE, cursor: pages.cursor })}`);
  pages.read(page.nextCursor);
  $('#audit-list').replaceChildren(...eventList(page.events));
  $('#audit-page').textContent = `Page ${pages.number}`;
  $('#audit-newer').disabled = !pages.hasPrevious;
  $('#audit-older').disabled = !pages.hasNext;
}

$('#audit-type').append(...AUDIT_TYPES.map((type) => element('option', { value: type, textContent: type })));
$('#audit-form').addEventListener(
  'submit',
  action(() => (pages.reset(), showAudit())),
);
$('#audit-older').addEventListener(
  'click',
  action(() => (pages.forward(), showAudit())),
);
$('#audit-newer').addEventListener(
  'click',
  action(() => (pages.back(), showAudit())),
);
