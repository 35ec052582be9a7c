// The page's one place for tokens. The access token lives in this module's memory only; the refresh token is
// the httpOnly cookie of the cookie transport (X-Session-Transport: cookie), which no script can read, so a
// reload signs back in through POST /auth/refresh and an XSS finds no refresh token to steal.
// What Web Storage keeps is a hint and no secret (GitHub's `logged_in` cookie is the model): that this browser
// signed in, so that a visit asks POST /auth/refresh only when a session may be there to resume, and a first
// visit makes no request that must fail.

const HINT = 'authgate.signedIn';
let access = null;

/** Keeps what a login, a registration or a refresh answered (its refresh token went into the cookie). */
export function keep(answer) {
  access = answer.token;
  localStorage.setItem(HINT, '1');
}

export function forget() {
  access = null;
  localStorage.removeItem(HINT);
}

export const signedIn = () => access !== null;

/** Whether this browser signed in and did not sign out since: a session may be resumed through the cookie. */
export const mayResume = () => localStorage.getItem(HINT) === '1';

/** The headers a request needs to be the signed-in user's, and to get the refresh token as the cookie. */
export const authHeaders = () => ({
  'X-Session-Transport': 'cookie',
  ...(access ? { Authorization: `Bearer ${access}` } : {}),
});

/** The body of POST /auth/refresh: none, so that the server reads the cookie. */
export const refreshBody = () => ({});
