// The page's one place for tokens. The access token and the refresh token live in this module's memory
// only: never in Web Storage or in a cookie the page can read, so a reload logs out.
// (When the API offers the httpOnly refresh cookie, X-Session-Transport: cookie, only this module changes.)

let access = null;
let refresh = null;

/** Keeps what a login, a registration or a refresh answered. */
export function keep(answer) {
  access = answer.token;
  refresh = answer.refreshToken ?? null;
}

export function forget() {
  access = null;
  refresh = null;
}

export const signedIn = () => access !== null;

/** The headers a request needs to be the signed-in user's. */
export const authHeaders = () => (access ? { Authorization: `Bearer ${access}` } : {});

/** The body of POST /auth/refresh, or null when there is nothing to refresh with. */
export const refreshBody = () => (refresh ? { refreshToken: refresh } : null);
