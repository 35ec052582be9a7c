// The contract's main path against a running authgate at BASE (local server, container or
// serverless-offline). Prints one line per check; `node scripts/contract-smoke.mjs BASE` exits non-zero on a failure.
export async function contractSmoke(base) {
  let failed = 0;

  function check(ok, message) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
    if (!ok) failed += 1;
  }

  async function call(method, path, { body, token } = {}) {
    const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const res = await fetch(`${base}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, type: res.headers.get('content-type') ?? '', json };
  }

  try {
    check((await call('GET', '/health')).status === 200, 'GET /health answers 200');
    const email = `smoke-${Date.now()}-${Math.random().toString(16).slice(2)}@example.com`;
    const registered = await call('POST', '/auth/register', { body: { name: 'Ada', email, password: 'correct horse' } });
    check(registered.status === 201 && registered.json?.auth === true && typeof registered.json.refreshToken === 'string', 'POST /auth/register answers 201 with tokens');
    const login = await call('POST', '/auth/login', { body: { email, password: 'correct horse' } });
    check(login.status === 200 && typeof login.json?.token === 'string', 'POST /auth/login answers 200 with a token');
    const profile = await call('GET', '/user/myprofile', { token: login.json?.token });
    check(profile.status === 200 && profile.json?.email === email && !JSON.stringify(profile.json).includes('$2b$'), 'GET /user/myprofile answers the profile, no hash');
    check((await call('GET', '/user/myprofile')).status === 401, 'GET /user/myprofile without a token: 401');
    // (not /user/myprofile/ here: serverless-offline strips a trailing slash before routing, API Gateway does
    // not; the jest suites check that variant against the app and the Lambda handler)
    const shouted = await call('GET', '/USER/MyProfile', { token: login.json?.token });
    check(shouted.status === 404 && shouted.json?.code === 'NOT_FOUND', 'GET /USER/MyProfile (another case), even with a valid token: 404 NOT_FOUND');
    check((await call('GET', '/user/myprofile', { token: `${login.json?.token.slice(0, -3)}AAA` })).status === 401, 'a forged token: 401');
    const wrong = await call('POST', '/auth/login', { body: { email, password: 'wrong password' } });
    check(wrong.status === 401 && wrong.json?.code === 'INVALID_CREDENTIALS' && wrong.type.startsWith('application/problem+json'), 'a wrong password: 401 INVALID_CREDENTIALS problem+json');
    const refreshed = await call('POST', '/auth/refresh', { body: { refreshToken: login.json?.refreshToken } });
    check(refreshed.status === 200 && refreshed.json?.refreshToken !== login.json?.refreshToken, 'POST /auth/refresh rotates the refresh token');
    check((await call('POST', '/auth/logout', { token: refreshed.json?.token })).status === 204, 'POST /auth/logout answers 204');
    const afterLogout = await call('GET', '/user/myprofile', { token: refreshed.json?.token });
    check(afterLogout.status === 401 && afterLogout.json?.code === 'UNAUTHORIZED', 'the logged-out token is refused by the next request (behind API Gateway: past the signature-only authorizer): 401');
    check((await call('GET', '/nope')).json?.code === 'NOT_FOUND', 'an unknown path reaches the app: 404 NOT_FOUND');
    check((await call('GET', '/openapi.json')).json?.openapi === '3.1.0', 'GET /openapi.json answers the OpenAPI 3.1 document');
    const viewer = await fetch(`${base}/docs/assets/swagger-ui-bundle.js`);
    check((await call('GET', '/docs')).status === 200 && viewer.status === 200, 'GET /docs and its viewer assets are served by the app');
    const pageAssets = await Promise.all(['/account', '/account/assets/account.js', '/account/assets/webauthn.js'].map((path) => fetch(`${base}${path}`).then((r) => r.status)));
    check(pageAssets.every((status) => status === 200), `GET /account, its script and @simplewebauthn/browser are served by the app (${pageAssets.join(', ')})`);
    const passkeyOptions = await call('POST', '/auth/passkey/options', { body: { email } });
    check(passkeyOptions.status === 200 && typeof passkeyOptions.json?.challengeId === 'string' && passkeyOptions.json.options?.allowCredentials?.length === 1, 'POST /auth/passkey/options answers a challenge (an account without passkeys looks like any other)');
  } catch (error) {
    check(false, `unexpected: ${error.message}`);
  }
  return failed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit((await contractSmoke(process.argv[2])) ? 1 : 0);
}
