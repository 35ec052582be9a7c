// Webhooks: the endpoints (add, rotate the secret, remove) and one endpoint's deliveries, page by page. A secret
// is shown once, in the page only: never kept in a variable, Web Storage or a cookie, and cleared (forgetSecret)
// as soon as the console shows another view.
import { admin } from './api.js';
import { Pager, WEBHOOK_EVENTS, deliveryText, queryOf } from './logic.js';
import { $, action, confirmed, element, fieldsOf, show, when } from './ui.js';

const PAGE = 20;
const deliveries = new Pager();
let endpoint = null; // the endpoint whose deliveries are on show
const urls = new Map(); // id → url of the endpoints listed, for the deliveries' title

/** Shows a secret with its copy button, until the view changes. */
function showSecret(text, what) {
  $('#secret-what').textContent = what;
  $('#secret-value').textContent = text;
  $('#secret-box').hidden = false;
}
/** Takes the secret off the page: console.js calls it on every change of view. */
export function forgetSecret() {
  $('#secret-value').textContent = '';
  $('#secret-box').hidden = true;
}

/** The endpoints, each with its events, description and date, and its actions. */
export async function showWebhooks() {
  const endpoints = await admin('GET', 'admin/webhooks');
  for (const hook of endpoints) urls.set(hook.id, hook.url);
  $('#webhook-list').replaceChildren(
    ...endpoints.map((hook) =>
      element(
        'li',
        {},
        element('a', { href: `#webhooks/${hook.id}`, textContent: hook.url }),
        element('span', { className: 'muted', textContent: hook.description ?? '' }),
        element('span', {
          className: 'muted small',
          textContent: `${hook.events.join(', ')} · added ${when(hook.createdAt)}`,
        }),
        element(
          'span',
          { className: 'row' },
          actionButton('Rotate the secret', 'secondary', () => rotate(hook)),
          actionButton('Delete', 'danger', () => remove(hook)),
        ),
      ),
    ),
  );
  $('#webhooks-empty').hidden = endpoints.length > 0;
}

const actionButton = (text, className, run) => {
  const button = element('button', { type: 'button', className, textContent: text });
  button.addEventListener('click', action(run));
  return button;
};

async function rotate(hook) {
  if (!(await confirmed(`Rotate the secret of ${hook.url}? For 24 hours messages carry both signatures.`))) return;
  const { secret } = await admin('POST', `admin/webhooks/${hook.id}/secret`);
  showSecret(secret, `The new secret of ${hook.url}`);
  show(`The secret of ${hook.url} was rotated: copy the new one now, it is not shown again.`, true);
}

async function remove(hook) {
  if (!(await confirmed(`Delete the endpoint ${hook.url}? Nothing more is sent to it.`))) return;
  await admin('DELETE', `admin/webhooks/${hook.id}`);
  forgetSecret();
  await showWebhooks();
  show(`The endpoint ${hook.url} was deleted.`, true);
}

/** One endpoint's deliveries, newest first. */
export async function showDeliveries(id) {
  if (endpoint !== id) deliveries.reset();
  endpoint = id;
  const page = await admin(
    'GET',
    `admin/webhooks/${id}/deliveries${queryOf({ limit: PAGE, cursor: deliveries.cursor })}`,
  );
  deliveries.read(page.nextCursor);
  $('#webhook-title').textContent = `Deliveries to ${urls.get(id) ?? `endpoint ${id}`}`;
  $('#delivery-list').replaceChildren(
    ...(page.deliveries.length === 0
      ? [element('li', { className: 'muted', textContent: 'No deliveries yet.' })]
      : page.deliveries.map((delivery) =>
          element(
            'li',
            {},
            element('strong', { textContent: delivery.type }),
            element('span', { textContent: deliveryText(delivery) }),
            element('span', { className: 'muted small', textContent: delivery.messageId }),
          ),
        )),
  );
  $('#deliveries-page').textContent = `Page ${deliveries.number}`;
  $('#deliveries-newer').disabled = !deliveries.hasPrevious;
  $('#deliveries-older').disabled = !deliveries.hasNext;
}

$('#webhook-events').append(
  ...WEBHOOK_EVENTS.map((type) =>
    element('label', { className: 'check' }, element('input', { type: 'checkbox', name: 'events', value: type }), type),
  ),
);
$('#webhook-form').addEventListener(
  'submit',
  action(async (event) => {
    const form = event.target;
    const { url, description } = fieldsOf(form);
    const events = new FormData(form).getAll('events');
    if (events.length === 0) throw new Error('Choose at least one event.');
    const created = await admin('POST', 'admin/webhooks', { url, events, ...(description ? { description } : {}) });
    form.reset();
    await showWebhooks();
    showSecret(created.secret, `The secret of ${created.url}`);
    show(`The endpoint ${created.url} was added: copy its secret now, it is not shown again.`, true);
  }),
);
$('#secret-copy').addEventListener(
  'click',
  action(async () => {
    await navigator.clipboard.writeText($('#secret-value').textContent);
    show('The secret is copied.', true);
  }),
);
$('#deliveries-older').addEventListener(
  'click',
  action(() => (deliveries.forward(), showDeliveries(endpoint))),
);
$('#deliveries-newer').addEventListener(
  'click',
  action(() => (deliveries.back(), showDeliveries(endpoint))),
);
