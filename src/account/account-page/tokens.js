// The page's one place for tokens. The access token lives in this module's memory only; the refresh token is
// the httpOnly cookie of the cookie transport (X-Session-Transport: cookie), which no script can read, so a
// reload signs back in through POST /auth/refresh and an XSS finds no refresh token to steal.

let access = null;

/** Keeps what a login, a registration or a refresh answered (its refresh token went into the cookie). */
export function keep(answer) {
  access = answer.token;
}

export function forget() {
  access = null;
}

export const signedIn = () => access !== null;

/** The headers a request needs to be the signed-in user's, and to get the refresh token as the cookie. */
export const authHeaders = () => ({
  'X-Session-Transport': 'cookie',
  ...(access ? { Authorization: `Bearer ${access}` } : {}),
});

/** The body of POST /auth/refresh: none, so that the server reads the cookie. */
export const refreshBody = () => ({});
