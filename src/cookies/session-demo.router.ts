import { Router } from 'express';
import { allowOnly } from '../http/validate';

// A page of the app that signs in with the cookie transport, as a browser app should: the access token lives
// in a variable only, the refresh token in the httpOnly cookie, so a reload signs in again through
// POST /auth/refresh. Relative links, so that it also works below an API Gateway stage prefix (/dev/session-demo).
const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>authgate: browser session</title></head>
<body>
<h1>authgate browser session</h1>
<p id="status">Checking the session…</p>
<form id="credentials"><label>Email <input id="email" type="email" autocomplete="username" required></label>
<label>Password <input id="password" type="password" autocomplete="current-password" required minlength="7"></label>
<button id="register" type="submit" value="register">Register</button>
<button id="login" type="submit" value="login">Log in</button></form>
<button id="logout" hidden>Log out</button>
<pre id="profile"></pre>
<script src="session-demo.js"></script>
</body>
</html>`;

// An external script, not an inline one: the page keeps the app's Content-Security-Policy (script-src 'self').
const script = `'use strict';
let accessToken = null; // in memory only: after a reload the cookie brings a new one
const $ = (id) => document.getElementById(id);
const post = (path, { body, token, transport } = {}) => fetch(path, {
  method: 'POST', credentials: 'include',
  headers: {
    ...(body ? { 'Content-Type': 'application/json' } : {}),
    ...(token ? { Authorization: 'Bearer ' + token } : {}),
    ...(transport ? { 'X-Session-Transport': 'cookie' } : {}),
  },
  body: body ? JSON.stringify(body) : undefined,
});
async function show() {
  const headers = { Authorization: 'Bearer ' + accessToken };
  const res = accessToken ? await fetch('user/myprofile', { headers }) : null;
  const profile = res && res.ok ? await res.json() : null;
  if (!profile) accessToken = null;
  $('status').textContent = profile ? 'Signed in as ' + profile.email : 'Signed out';
  $('profile').textContent = profile ? JSON.stringify(profile, null, 2) : '';
  $('credentials').hidden = Boolean(profile);
  $('logout').hidden = !profile;
}
async function refresh() {
  const res = await post('auth/refresh');
  accessToken = res.ok ? (await res.json()).token : null;
}
$('credentials').addEventListener('submit', async (event) => {
  event.preventDefault();
  const path = event.submitter && event.submitter.value === 'register' ? 'auth/register' : 'auth/login';
  const res = await post(path, { body: { email: $('email').value, password: $('password').value }, transport: true });
  const answer = await res.json();
  accessToken = res.ok ? answer.token : null;
  await show();
  if (!res.ok) $('status').textContent = answer.detail;
});
$('logout').addEventListener('click', async () => {
  await post('auth/logout', { token: accessToken });
  accessToken = null;
  await show();
});
refresh().then(show);
`;

/** GET /session-demo: the cookie transport in a real page, served by the app under its own CSP. */
export function sessionDemoRouter(): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/session-demo')
    .get((_req, res) => void res.type('html').send(page))
    .all(allowOnly('GET'));
  router
    .route('/session-demo.js')
    .get((_req, res) => void res.type('application/javascript').send(script))
    .all(allowOnly('GET'));
  return router;
}
