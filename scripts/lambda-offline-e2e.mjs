// The contract end to end through serverless-offline: the real bundles (.esbuild/), the real TOKEN
// authorizer, the real test database. Run after `npm run build:lambda`. Exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const root = new URL('..', import.meta.url).pathname;
const freePort = () => new Promise((resolve) => { const s = createServer().listen(0, () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const database = process.env.MONGODB_URI ? null : await startEmbeddedDatabase();
const [httpPort, lambdaPort] = [await freePort(), await freePort()];
const env = {
  ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_ACCESS_KEY_ID: 'offline', AWS_SECRET_ACCESS_KEY: 'offline',
  MONGODB_URI: `${(process.env.MONGODB_URI ?? database.uri).replace(/\/$/, '')}/authgate-offline`, JWT_SECRET: 'offline-secret-'.repeat(3), LOG_LEVEL: 'warn',
};
const offline = spawn('npx', ['osls', 'offline', 'start', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort), '--noPrependStageInUrl'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let output = '';
offline.stdout.on('data', (chunk) => (output += chunk));
offline.stderr.on('data', (chunk) => (output += chunk));
const base = `http://127.0.0.1:${httpPort}`;
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
  for (let i = 0; i < 120 && !(await fetch(`${base}/health`).then((r) => r.ok, () => false)); i++) await sleep(500);
  check((await call('GET', '/health')).status === 200, 'GET /health answers 200 through serverless-offline');
  const email = `offline-${Date.now()}@example.com`;
  const registered = await call('POST', '/auth/register', { body: { name: 'Ada', email, password: 'correct horse' } });
  check(registered.status === 201 && registered.json?.auth === true && typeof registered.json.refreshToken === 'string', 'POST /auth/register answers 201 with tokens');
  const login = await call('POST', '/auth/login', { body: { email, password: 'correct horse' } });
  check(login.status === 200 && typeof login.json?.token === 'string', 'POST /auth/login answers 200 with a token');
  const profile = await call('GET', '/user/myprofile', { token: login.json?.token });
  check(profile.status === 200 && profile.json?.email === email && !JSON.stringify(profile.json).includes('$2b$'), 'GET /user/myprofile through the authorizer answers the profile, no hash');
  check((await call('GET', '/user/myprofile')).status === 401, 'GET /user/myprofile without a token: the authorizer answers 401');
  check((await call('GET', '/user/myprofile', { token: `${login.json?.token.slice(0, -3)}AAA` })).status === 401, 'a forged token: 401');
  const wrong = await call('POST', '/auth/login', { body: { email, password: 'wrong password' } });
  check(wrong.status === 401 && wrong.json?.code === 'INVALID_CREDENTIALS' && wrong.type.startsWith('application/problem+json'), 'a wrong password: 401 INVALID_CREDENTIALS problem+json');
  const refreshed = await call('POST', '/auth/refresh', { body: { refreshToken: login.json?.refreshToken } });
  check(refreshed.status === 200 && refreshed.json?.refreshToken !== login.json?.refreshToken, 'POST /auth/refresh rotates the refresh token');
  check((await call('POST', '/auth/logout', { token: refreshed.json?.token })).status === 204, 'POST /auth/logout answers 204');
  const afterLogout = await call('GET', '/user/myprofile', { token: refreshed.json?.token });
  check(afterLogout.status === 401 && afterLogout.json?.code === 'UNAUTHORIZED', 'the logged-out token passes the signature-only authorizer and the app refuses it: 401');
  check((await call('GET', '/nope')).json?.code === 'NOT_FOUND', 'an unknown path reaches the app: 404 NOT_FOUND');
} catch (error) {
  check(false, `unexpected: ${error.message}`);
} finally {
  if (failed) console.error(output.slice(-4000));
  try { process.kill(-offline.pid, 'SIGTERM'); } catch { /* gone already */ }
  await database?.stop();
}
process.exit(failed ? 1 : 0);
