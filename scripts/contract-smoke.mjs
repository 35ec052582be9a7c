// The contract's main path against a running authgate at BASE (local server, container or
// serverless-offline). Prints one line per check; `node scripts/contract-smoke.mjs BASE [PAGE_ORIGIN]` exits non-zero on a
// failure. PAGE_ORIGIN: the origin of the app's pages (BASE's by default), sent as Origin with the session cookie.
// With a mail sink (scripts/mail-sink.mjs) that the app sends to, a password reset, sign in by email and
// organizations (contract-smoke-orgs.mjs) too; on the command line MAIL_SINK_PORT=port starts one there.
// `webhooks` ({ adminKey, tls }, where the door delivers in the background): a user.created delivered to an https
// receiver here (contract-smoke-webhooks.mjs); on the command line ADMIN_API_KEY, WEBHOOK_TLS_KEY and
// WEBHOOK_TLS_CERT (files) give it.
import { readFileSync } from 'node:fs';
import { orgsFlow } from './contract-smoke-orgs.mjs';
import { webhookFlow } from './contract-smoke-webhooks.mjs';
import { startMailSink } from './mail-sink.mjs';

export async function contractSmoke(base, { pageOrigin = base, mail, webhooks } = {}) {
  let failed = 0;

  function check(ok, message) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
    if (!ok) failed += 1;
  }

  async function call(method, path, { body, token, headers: extra } = {}) {
    const headers = {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...extra,
    };
    const res = await fetch(`${base}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      json,
      cookies: res.headers.getSetCookie(),
    };
  }

  try {
    check((await call('GET', '/health')).status === 200, 'GET /health answers 200');
    const email = `smoke-${Date.now()}-${Math.random().toString(16).slice(2)}@example.com`;
    const registered = await call('POST', '/auth/register', {
      body: { name: 'Ada', email, password: 'correct horse' },
    });
    check(
      registered.status === 201 && registered.json?.auth === true && typeof registered.json.refreshToken === 'string',
      'POST /auth/register answers 201 with tokens',
    );
    const login = await call('POST', '/auth/login', { body: { email, password: 'correct horse' } });
    check(login.status === 200 && typeof login.json?.token === 'string', 'POST /auth/login answers 200 with a token');
    const profile = await call('GET', '/user/myprofile', { token: login.json?.token });
    check(
      profile.status === 200 && profile.json?.email === email && !JSON.stringify(profile.json).includes('$2b$'),
      'GET /user/myprofile answers the profile, no hash',
    );
    check((await call('GET', '/user/myprofile')).status === 401, 'GET /user/myprofile without a token: 401');
    // (not /user/myprofile/ here: serverless-offline strips a trailing slash before routing, API Gateway does
    // not; the jest suites check that variant against the app and the Lambda handler)
    const shouted = await call('GET', '/USER/MyProfile', { token: login.json?.token });
    check(
      shouted.status === 404 && shouted.json?.code === 'NOT_FOUND',
      'GET /USER/MyProfile (another case), even with a valid token: 404 NOT_FOUND',
    );
    check(
      (await call('GET', '/user/myprofile', { token: `${login.json?.token.slice(0, -3)}AAA` })).status === 401,
      'a forged token: 401',
    );
    const wrong = await call('POST', '/auth/login', { body: { email, password: 'wrong password' } });
    check(
      wrong.status === 401 &&
        wrong.json?.code === 'INVALID_CREDENTIALS' &&
        wrong.type.startsWith('application/problem+json'),
      'a wrong password: 401 INVALID_CREDENTIALS problem+json',
    );
    const refreshed = await call('POST', '/auth/refresh', { body: { refreshToken: login.json?.refreshToken } });
    check(
      refreshed.status === 200 && refreshed.json?.refreshToken !== login.json?.refreshToken,
      'POST /auth/refresh rotates the refresh token',
    );
    check(
      (await call('POST', '/auth/logout', { token: refreshed.json?.token })).status === 204,
      'POST /auth/logout answers 204',
    );
    const afterLogout = await call('GET', '/user/myprofile', { token: refreshed.json?.token });
    check(
      afterLogout.status === 401 && afterLogout.json?.code === 'UNAUTHORIZED',
      'the logged-out token is refused by the next request (behind API Gateway: past the signature-only authorizer): 401',
    );
    check((await call('GET', '/nope')).json?.code === 'NOT_FOUND', 'an unknown path reaches the app: 404 NOT_FOUND');
    check(
      (await call('GET', '/openapi.json')).json?.openapi === '3.1.0',
      'GET /openapi.json answers the OpenAPI 3.1 document',
    );
    // the cookie transport (v1.6) as a page of the app uses it, from pageOrigin
    const origin = pageOrigin;
    const opened = await call('POST', '/auth/login', {
      body: { email, password: 'correct horse' },
      headers: { 'x-session-transport': 'cookie' },
    });
    const [cookie = ''] = opened.cookies;
    check(
      opened.status === 200 &&
        opened.json?.refreshToken === undefined &&
        /^authgate_refresh=[\w-]{43};/.test(cookie) &&
        ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/auth;'].every((part) => cookie.includes(part)),
      'X-Session-Transport: cookie: the refresh token comes as an HttpOnly, Secure, SameSite=Strict cookie, not in the body',
    );
    const renewed = await call('POST', '/auth/refresh', { headers: { cookie: cookie.split(';')[0], origin } });
    const [next = ''] = renewed.cookies;
    check(
      renewed.status === 200 && next.startsWith('authgate_refresh=') && next.split(';')[0] !== cookie.split(';')[0],
      'POST /auth/refresh with the cookie alone rotates it',
    );
    const forged = await call('POST', '/auth/refresh', {
      headers: { cookie: next.split(';')[0], origin: 'https://evil.example' },
    });
    check(
      forged.status === 403 && forged.json?.code === 'CSRF_REJECTED',
      'the same from a foreign Origin: 403 CSRF_REJECTED',
    );
    const viewer = await fetch(`${base}/docs/assets/swagger-ui-bundle.js`);
    check(
      (await call('GET', '/docs')).status === 200 && viewer.status === 200,
      'GET /docs and its viewer assets are served by the app',
    );
    if (mail) await resetFlow(email, registered.json?.token);
    if (mail) await emailSignInFlow(email);
    const pageAssets = await Promise.all(
      ['/account', '/account/assets/account.js', '/account/assets/webauthn.js'].map((path) =>
        fetch(`${base}${path}`).then((r) => r.status),
      ),
    );
    check(
      pageAssets.every((status) => status === 200),
      `GET /account, its script and @simplewebauthn/browser are served by the app (${pageAssets.join(', ')})`,
    );
    const passkeyOptions = await call('POST', '/auth/passkey/options', { body: { email } });
    check(
      passkeyOptions.status === 200 &&
        typeof passkeyOptions.json?.challengeId === 'string' &&
        passkeyOptions.json.options?.allowCredentials?.length === 1,
      'POST /auth/passkey/options answers a challenge (an account without passkeys looks like any other)',
    );
    if (mail) await orgsFlow({ call, check, mail });
    if (webhooks) await webhookFlow({ call, check, ...webhooks });
  } catch (error) {
    check(false, `unexpected: ${error.message}`);
  }
  return failed;

  async function resetFlow(email, sessionToken) {
    const forgot = await call('POST', '/auth/password/forgot', { body: { email } });
    const unknown = await call('POST', '/auth/password/forgot', {
      body: { email: `nobody-${Date.now()}@example.com` },
    });
    check(
      forgot.status === 202 && unknown.status === 202 && JSON.stringify(forgot.json) === JSON.stringify(unknown.json),
      'POST /auth/password/forgot answers 202, the same for an unknown email',
    );
    const resetMail = await mail.waitFor(email, 'reset your password');
    const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(resetMail?.text ?? '')?.[1];
    check(Boolean(token), 'the reset link arrives over SMTP');
    const reset = await call('POST', '/auth/password/reset', { body: { token, newPassword: 'a brand new secret' } });
    check(reset.status === 204, 'POST /auth/password/reset with the mailed token answers 204');
    check(
      (await call('GET', '/user/myprofile', { token: sessionToken })).status === 401,
      'the reset revoked every session: the old access token is refused, 401',
    );
    check(
      (await call('POST', '/auth/login', { body: { email, password: 'correct horse' } })).status === 401,
      'the old password no longer logs in: 401',
    );
    check(
      (await call('POST', '/auth/login', { body: { email, password: 'a brand new secret' } })).status === 200,
      'the new password logs in: 200',
    );
    const reused = await call('POST', '/auth/password/reset', { body: { token, newPassword: 'another new secret' } });
    check(reused.status === 400 && reused.json?.code === 'INVALID_TOKEN', 'the used link again: 400 INVALID_TOKEN');
  }

  // sign in by email (v1.10): the mailed code signs in, once
  async function emailSignInFlow(email) {
    const started = await call('POST', '/auth/email/start', { body: { email } });
    check(started.status === 202, 'POST /auth/email/start answers 202');
    const signInMail = await mail.waitFor(email, 'your sign-in code');
    const code = /code (\d{6})/.exec(signInMail?.subject ?? '')?.[1];
    check(
      Boolean(code) && /\/sign-in\?token=/.test(signInMail?.text ?? ''),
      'the sign-in link and code arrive over SMTP',
    );
    const signedIn = await call('POST', '/auth/email/verify', { body: { email, code } });
    check(
      signedIn.status === 200 && (await call('GET', '/user/myprofile', { token: signedIn.json?.token })).status === 200,
      'POST /auth/email/verify with the mailed code signs in: 200, and the profile answers',
    );
    const again = await call('POST', '/auth/email/verify', { body: { email, code } });
    check(again.status === 401, 'the same code again: 401');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mail = process.env.MAIL_SINK_PORT ? await startMailSink(Number(process.env.MAIL_SINK_PORT)) : undefined;
  const webhooks = process.env.ADMIN_API_KEY
    ? {
        adminKey: process.env.ADMIN_API_KEY,
        tls: { key: readFileSync(process.env.WEBHOOK_TLS_KEY), cert: readFileSync(process.env.WEBHOOK_TLS_CERT) },
      }
    : undefined;
  const failed = await contractSmoke(process.argv[2], { pageOrigin: process.argv[3], mail, webhooks });
  await mail?.stop();
  process.exit(failed ? 1 : 0);
}
