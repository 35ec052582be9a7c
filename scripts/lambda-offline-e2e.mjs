// The contract end to end through serverless-offline: the real bundles (.esbuild/), the real TOKEN
// authorizer, the real test database. Run after `npm run build` (osls bundles the functions itself). Exits non-zero
// on any failure.
// `node scripts/lambda-offline-e2e.mjs ES256` (or RS256) runs it with a fresh key pair: the API signs with the
// private key, the authorizer holds the public one only, and the JWKS serves it.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { contractSmoke } from './contract-smoke.mjs';
import { startMailSink } from './mail-sink.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const root = new URL('..', import.meta.url).pathname;
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ADMIN_KEY = 'offline-admin-key-for-the-webhook-check-0123';

const database = process.env.MONGODB_URI ? null : await startEmbeddedDatabase();
const [httpPort, lambdaPort] = [await freePort(), await freePort()];
const algorithm = process.argv[2] ?? 'HS256';
const mail = await startMailSink();
const env = {
  ...process.env,
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
  AWS_ACCESS_KEY_ID: 'offline',
  AWS_SECRET_ACCESS_KEY: 'offline',
  MONGODB_URI: `${(process.env.MONGODB_URI ?? database.uri).replace(/\/$/, '')}/authgate-offline`,
  JWT_SECRET: 'offline-secret-'.repeat(3),
  MFA_ENCRYPTION_KEY: 'b2ZmbGluZS1tZmEta2V5LWZvci10aGUtY2hlY2tzISE=',
  LOG_LEVEL: 'warn',
  // the admin routes, for the webhook check; its receiver is on loopback, which production refuses by default
  ADMIN_API_KEYS: ADMIN_KEY,
  WEBHOOK_ALLOW_PRIVATE: 'true',
  ...keysFor(algorithm),
  ...mail.env, // production requires SMTP; serverless.yml does not name these, so --localEnvironment passes them on
};
const offline = spawn(
  'npx',
  [
    'osls',
    'offline',
    'start',
    '--httpPort',
    String(httpPort),
    '--lambdaPort',
    String(lambdaPort),
    '--noPrependStageInUrl',
    '--localEnvironment',
  ],
  { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
let output = '';
offline.stdout.on('data', (chunk) => (output += chunk));
offline.stderr.on('data', (chunk) => (output += chunk));
const base = `http://127.0.0.1:${httpPort}`;
let failed = 0;

try {
  for (
    let i = 0;
    i < 120 &&
    !(await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await sleep(500);
  // serverless-http marks every request https, as API Gateway speaks nothing else: a page of the API is https
  failed = await contractSmoke(base, { pageOrigin: base.replace(/^http:/, 'https:'), mail });
  failed += await jwksCheck(base);
  failed += await webhookCheck(base, lambdaPort);
} catch (error) {
  console.log(`FAIL unexpected: ${error.message}`);
  failed += 1;
} finally {
  if (failed) console.error(output.slice(-4000));
  try {
    process.kill(-offline.pid, 'SIGTERM');
  } catch {
    /* gone already */
  }
  await database?.stop();
  await mail.stop();
}
process.exit(failed ? 1 : 0);

function keysFor(name) {
  if (name === 'HS256') return { JWT_ALGORITHM: 'HS256' };
  const encoding = {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  };
  const pair =
    name === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256', ...encoding })
      : generateKeyPairSync('rsa', { modulusLength: 2048, ...encoding });
  return { JWT_ALGORITHM: name, JWT_PRIVATE_KEYS: pair.privateKey, JWT_PUBLIC_KEYS: pair.publicKey, JWT_SECRET: '' };
}

/**
 * The scheduled webhook function, invoked as EventBridge would through serverless-offline's Lambda API: it relays
 * the user.created that the API recorded and makes its attempt. The receiver is a bare TCP listener (https is
 * required in production, and it has no certificate): a connection to it is the attempt, which then fails the TLS
 * handshake, so the delivery stays pending with one attempt.
 */
async function webhookCheck(base, port) {
  const connections = [];
  const receiver = createServer((socket) => (connections.push(socket), socket.destroy()));
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  const url = `https://127.0.0.1:${receiver.address().port}/hooks`;
  try {
    const created = await fetch(`${base}/admin/webhooks`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ url, events: ['user.created'] }),
    });
    const { id, secret = '' } = created.ok ? await created.json() : {};
    await fetch(`${base}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `webhook-${Date.now()}@example.com`, password: 'correct horse' }),
    });
    const invoked = await fetch(`http://127.0.0.1:${port}/2015-03-31/functions/authgate-dev-webhooks/invocations`, {
      method: 'POST',
      body: JSON.stringify({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} }),
    });
    const result = invoked.ok ? await invoked.json() : {};
    const page = await fetch(`${base}/admin/webhooks/${id}/deliveries`, { headers: admin });
    const [delivery] = page.ok ? (await page.json()).deliveries : [];
    const ok =
      created.status === 201 &&
      secret.startsWith('whsec_') &&
      result.relayed >= 1 &&
      result.sent >= 1 &&
      connections.length >= 1 &&
      delivery?.type === 'user.created' &&
      delivery?.attempts === 1;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} the scheduled webhooks function relays a user.created and makes its attempt ` +
        `(POST /admin/webhooks ${created.status}, invoked ${invoked.status} ${JSON.stringify(result)}, ` +
        `${connections.length} connection(s), delivery ${delivery?.status} after ${delivery?.attempts} attempt(s))`,
    );
    return ok ? 0 : 1;
  } finally {
    receiver.close();
  }
}

/** The JWKS through API Gateway: empty under HS256, else the one public key, whose kid the tokens carry. */
async function jwksCheck(base) {
  const res = await fetch(`${base}/.well-known/jwks.json`);
  const { keys = [] } = res.ok ? await res.json() : {};
  const login = await fetch(`${base}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `jwks-${Date.now()}@example.com`, password: 'correct horse' }),
  });
  const { token = '' } = login.ok ? await login.json() : {};
  const header = JSON.parse(Buffer.from(token.split('.')[0] || 'e30', 'base64url').toString());
  const ok =
    res.headers.get('cache-control') === 'public, max-age=300' &&
    header.alg === algorithm &&
    (algorithm === 'HS256'
      ? keys.length === 0
      : keys.length === 1 && keys[0].kid === header.kid && keys[0].d === undefined);
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} GET /.well-known/jwks.json under ${algorithm}: ${keys.length} key(s), tokens signed ${header.alg}${header.kid ? ` with kid ${header.kid}` : ''}`,
  );
  return ok ? 0 : 1;
}
