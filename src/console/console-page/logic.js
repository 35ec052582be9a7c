// What the console works out without a browser: queries, dates and readable failures. No DOM here, so the unit
// tests (test/console/console-logic.test.ts) import it as it is.

/** The query string of a route, without the fields that are empty. */
export function queryOf(fields) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined && value !== null && String(value).trim() !== '') query.set(name, String(value).trim());
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** A date input's `YYYY-MM-DD` as the end of that day in UTC; an empty input is no end (null). */
export function premiumEndsOf(day) {
  if (!day) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('The end of premium must be a date (YYYY-MM-DD).');
  const end = new Date(`${day}T23:59:59.999Z`);
  if (Number.isNaN(end.getTime())) throw new Error('The end of premium must be a date that exists.');
  return end.toISOString();
}

/** Whether a user is premium now, as the tokens say it (premium, and premiumEnds unset or to come), in words. */
export function premiumText({ premium, premiumEnds }, now = new Date()) {
  if (!premium) return 'no';
  if (!premiumEnds) return 'yes, with no end';
  const ends = new Date(premiumEnds);
  return ends > now ? `yes, until ${ends.toISOString().slice(0, 10)}` : `no: ended ${ends.toISOString().slice(0, 10)}`;
}

/** What a failed call says to the operator: the key, the network, the limits, or the API's own detail. */
export function failureText({ status, problem, retryAfter, offline }) {
  if (offline) return 'The server could not be reached: check the network and try again.';
  if (status === 401) return 'The admin key was refused: paste a key from ADMIN_API_KEYS.';
  if (status === 429) {
    const seconds = Number(retryAfter);
    return Number.isFinite(seconds) && seconds > 0
      ? `Too many requests: try again in ${seconds} second${seconds === 1 ? '' : 's'}.`
      : 'Too many requests: wait a moment and try again.';
  }
  if (status >= 500) return `The server failed (${status}${problem?.code ? ` ${problem.code}` : ''}): try again.`;
  const fields = (problem?.errors ?? []).map((error) => `${error.path}: ${error.message}`);
  return [problem?.detail ?? `The server answered ${status}.`, ...fields].join(' · ');
}

/** Where the console is: `#users`, `#users/<id>`, `#audit`, `#webhooks/<id>`, `#orgs/<id>`, from location.hash. */
export function placeOf(hash) {
  const [section, id] = hash.replace(/^#/, '').split('/');
  return { section: section || 'users', id: id && /^[0-9a-f]{24}$/i.test(id) ? id : null };
}

/** Who did it, in words: the user, the system, or an admin key by its fingerprint. */
export const actorText = (actor) => (actor?.startsWith('admin:') ? `admin key ${actor.slice(6)}` : (actor ?? ''));

/** Pages by cursor, forwards and back: the cursors of the pages seen so far, the first page's being none. */
export class Pager {
  #cursors = [undefined];
  #next = null;
  get cursor() {
    return this.#cursors.at(-1);
  }
  get hasNext() {
    return this.#next !== null;
  }
  get hasPrevious() {
    return this.#cursors.length > 1;
  }
  get number() {
    return this.#cursors.length;
  }
  /** The answer's nextCursor, once a page has been read. */
  read(nextCursor) {
    this.#next = nextCursor ?? null;
  }
  forward() {
    if (this.#next !== null) this.#cursors.push(this.#next);
  }
  back() {
    if (this.#cursors.length > 1) this.#cursors.pop();
  }
  reset() {
    this.#cursors = [undefined];
    this.#next = null;
  }
}

const SHOWN = ['id', 'name', 'email', 'emailVerified', 'pendingEmail', 'premium', 'premiumEnds', 'disabled', 'mfa'];
const SHOWN_TOO = ['sessions', 'createdAt', 'updatedAt', 'memberships', 'passkeys', 'identities'];
/** What GET /admin/users/:id answers beyond the fields the page knows (a later API's counts, say), as text. */
export function otherFacts(user) {
  return Object.entries(user)
    .filter(([name]) => !SHOWN.includes(name) && !SHOWN_TOO.includes(name))
    .map(([name, value]) => [
      name,
      typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value),
    ]);
}

export const yesNo = (value) => (value ? 'yes' : 'no');

/** A user's linked identities in words: provider, the address it gave, when linked. */
export function identitiesText(identities) {
  if (!identities?.length) return 'none';
  return identities
    .map(({ provider, email, linkedAt }) => `${provider}${email ? ` (${email})` : ''}, linked ${linkedAt.slice(0, 10)}`)
    .join(' · ');
}

/** A webhook delivery's progress in words: its status, attempts, the endpoint's last answer, the next try. */
export function deliveryText({ status, attempts, lastStatusCode, nextAttemptAt }) {
  return [
    status,
    `${attempts} attempt${attempts === 1 ? '' : 's'}`,
    lastStatusCode === null || lastStatusCode === undefined ? 'no answer yet' : `last answer ${lastStatusCode}`,
    nextAttemptAt ? `next attempt ${nextAttemptAt.replace('T', ' ').slice(0, 19)} UTC` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

export { AUDIT_TYPES, WEBHOOK_EVENTS } from './event-types.js';
