// The admin key and the calls made with it. The key lives in this module's memory only: never in Web Storage or
// a cookie, so a reload (or "Forget the key") asks for it again.
import { failureText } from './logic.js';

let key = null;
export const holdKey = (given) => (key = given);
export const forgetKey = () => (key = null);
export const hasKey = () => key !== null;

/** A failed call, with a message an operator can read; `refused` when the key was. */
export class AdminApiError extends Error {
  constructor(failure) {
    super(failureText(failure));
    this.status = failure.status;
    this.code = failure.problem?.code;
    this.refused = failure.status === 401;
  }
}

// Relative to the page, so that it also works below an API Gateway stage prefix (/dev/console).
const url = (path) => new URL(path, document.baseURI);

/** Calls the admin API with the key; the answer's JSON (null for 204), or an AdminApiError. */
export async function admin(method, path, body) {
  const headers = {
    Accept: 'application/json',
    Authorization: `Bearer ${key ?? ''}`,
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
  };
  let res;
  try {
    res = await fetch(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new AdminApiError({ offline: true });
  }
  if (res.status === 204) return null;
  const answer = await res.json().catch(() => null);
  if (!res.ok)
    throw new AdminApiError({ status: res.status, problem: answer, retryAfter: res.headers.get('retry-after') });
  return answer;
}
