import { authHeaders, forget, keep, refreshBody } from './tokens.js';

/** An answer of the API that is not a success, with a message a person can read. */
export class ApiError extends Error {
  constructor(status, problem) {
    const fields = (problem?.errors ?? []).map((error) => `${error.path}: ${error.message}`);
    super([problem?.detail ?? `The server answered ${status}`, ...fields].join(' · '));
    this.status = status;
    this.code = problem?.code;
  }
}

// Relative to the page, so that it also works below an API Gateway stage prefix (/dev/account).
const url = (path) => new URL(path, document.baseURI);

async function send(method, path, body) {
  const headers = {
    Accept: 'application/json',
    ...authHeaders(),
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
  };
  return fetch(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** A new access token through the refresh cookie; false (and the hint forgotten) when no live session is left. */
export async function refreshed() {
  const res = await send('POST', 'auth/refresh', refreshBody());
  if (!res.ok) {
    forget();
    return false;
  }
  keep(await res.json());
  return true;
}

// reauth.js names the step that proves who the person is again (password, code or passkey); it resolves when
// they did, and rejects when they cancelled
let reauthenticate = async () => false;
export const setReauthenticator = (step) => (reauthenticate = step);

/**
 * Calls the API; one refresh and retry when the access token expired, one re-authentication and retry when the
 * route needs a privileged session (403 REAUTHENTICATION_REQUIRED). Throws ApiError for 4xx and 5xx.
 */
export async function api(method, path, body) {
  let res = await send(method, path, body);
  if (res.status === 401 && !path.startsWith('auth/') && (await refreshed())) res = await send(method, path, body);
  if (
    res.status === 403 &&
    (
      await res
        .clone()
        .json()
        .catch(() => null)
    )?.code === 'REAUTHENTICATION_REQUIRED'
  ) {
    await reauthenticate();
    res = await send(method, path, body);
  }
  if (res.status === 204) return null;
  const answer = await res.json().catch(() => null);
  if (res.status === 401 && !path.startsWith('auth/')) forget();
  if (!res.ok) throw new ApiError(res.status, answer);
  return answer;
}
