// What every section of the console uses: the message line, actions, the confirmation dialog, DOM builders.

export const $ = (selector) => document.querySelector(selector);

let onRefused = () => undefined;
/** console.js names what a refused key leads to: the key form again. */
export const setOnRefused = (step) => (onRefused = step);

/** The message line, an error unless `ok`. */
export function show(text, ok = false) {
  const box = $('#message');
  box.textContent = text;
  box.classList.toggle('ok', ok);
  box.hidden = !text;
}

/** Runs an action: its failures, the API's or the network's, become the message. */
export const action = (run) => async (event) => {
  event?.preventDefault();
  show('');
  try {
    await run(event);
  } catch (error) {
    show(error?.message || 'Something went wrong; try again.');
    if (error?.refused) onRefused();
  }
};

/** Asks before an action: resolves true when the operator confirmed, false when they cancelled (or pressed Esc). */
export function confirmed(question) {
  const dialog = $('#confirm');
  $('#confirm-question').textContent = question;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) =>
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true }),
  );
}

export const fieldsOf = (form) => Object.fromEntries(new FormData(form).entries());
export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

export function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** A row of a definition list: a term and what it is. */
export const fact = (term, value) => [element('dt', { textContent: term }), element('dd', { textContent: value })];
