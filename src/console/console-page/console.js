// The operators' console: the key form until a key is held, then the section the address names.
import { forgetKey, hasKey, holdKey } from './api.js';
import { showAudit } from './audit.js';
import { placeOf } from './logic.js';
import { showOrg, showOrgs } from './orgs.js';
import { $, action, fieldsOf, setOnRefused, show } from './ui.js';
import { showUser, showUsers } from './users.js';
import { forgetSecret, showDeliveries, showWebhooks } from './webhooks.js';

// The sections, by their name in the address (#users, #users/<id>, #orgs/<id>, #webhooks/<id>, #audit). A section
// to come is one more entry here, a link in index.html's <nav> and its <section> there.
const sections = {
  users: { panel: (id) => (id ? '#user' : '#users'), draw: (id) => (id ? showUser(id) : showUsers()) },
  orgs: { panel: (id) => (id ? '#org' : '#orgs'), draw: (id) => (id ? showOrg(id) : showOrgs()) },
  webhooks: {
    panel: (id) => (id ? '#webhook' : '#webhooks'),
    draw: (id) => (id ? showDeliveries(id) : showWebhooks()),
  },
  audit: { panel: () => '#audit', draw: () => showAudit() },
};
const panels = ['#users', '#user', '#orgs', '#org', '#webhooks', '#webhook', '#audit'];

async function render() {
  forgetSecret(); // a webhook secret is shown once: leaving its view (or the key) takes it off the page
  $('#key-form').hidden = hasKey();
  $('#sections').hidden = !hasKey();
  $('#forget').hidden = !hasKey();
  if (!hasKey()) return $('#key-form [name=key]').focus();
  const place = placeOf(location.hash);
  const section = sections[place.section] ?? sections.users;
  const panel = section.panel(place.id);
  for (const selector of panels) $(selector).hidden = selector !== panel;
  for (const link of document.querySelectorAll('#sections nav a'))
    link.toggleAttribute('aria-current', link.hash === `#${place.section}`);
  await section.draw(place.id);
  $(`${panel} h2`).focus(); // a keyboard or screen reader lands on what changed
}

function lock() {
  forgetKey();
  for (const selector of panels) $(selector).hidden = true;
  return render();
}

setOnRefused(lock); // the key was refused: ask for one again, the message says why
$('#key-form').addEventListener(
  'submit',
  action(async (event) => {
    holdKey(fieldsOf(event.target).key.trim());
    event.target.reset(); // the key leaves the page's inputs at once: it lives in api.js's memory only
    await render();
    show('');
  }),
);
$('#forget').addEventListener(
  'click',
  action(() => (show('The key is forgotten: paste it again to go on.', true), lock())),
);
window.addEventListener('hashchange', action(render));
action(render)();
