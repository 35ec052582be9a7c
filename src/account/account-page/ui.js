// What every part of the account page uses: the message line, actions, small DOM builders, and render.

export const $ = (selector) => document.querySelector(selector);

let renderer = async () => undefined;
/** account.js names the function that draws the page for the current state; every part calls it. */
export const setRenderer = (draw) => (renderer = draw);
export const render = () => renderer();

/** The message line; `extra`, a button that belongs to it (e.g. "Send the link again"). */
export function show(text, ok = false, extra = null) {
  const box = $('#message');
  box.replaceChildren(text, ...(extra ? [' ', extra] : []));
  box.classList.toggle('ok', ok);
  box.hidden = !text;
}

// set by signed-in.js: what an EMAIL_NOT_VERIFIED answer offers (a button that mails the link again)
let unverifiedHelp = () => null;
export const setUnverifiedHelp = (make) => (unverifiedHelp = make);

/** Runs an action of the page: its errors, the API's or the browser's, become the message. */
export const action = (run) => async (event) => {
  event?.preventDefault();
  show('');
  try {
    await run(event);
  } catch (error) {
    show(readable(error), false, error?.code === 'EMAIL_NOT_VERIFIED' ? unverifiedHelp() : null);
  }
};

function readable(error) {
  if (error?.name === 'NotAllowedError') return 'The passkey request was cancelled or timed out.';
  if (error?.name === 'InvalidStateError') return 'This device already holds a passkey for this account.';
  return error?.message || 'Something went wrong; try again.';
}

export const fieldsOf = (form) => Object.fromEntries(new FormData(form).entries());
export const when = (iso) => (iso ? new Date(iso).toLocaleString() : 'never');

export function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

export function item(title, detail, extra, button) {
  return element(
    'li',
    {},
    element(
      'div',
      { className: 'what' },
      element('span', { textContent: title }),
      element('span', { textContent: detail }),
    ),
    extra,
    button,
  );
}
