// The contract end to end through serverless-offline: the real bundles (.esbuild/), the real TOKEN
// authorizer, the real test database. Run after `npm run build:lambda`. Exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { contractSmoke } from './contract-smoke.mjs';
import { startMailSink } from './mail-sink.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const root = new URL('..', import.meta.url).pathname;
const freePort = () => new Promise((resolve) => { const s = createServer().listen(0, () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const database = process.env.MONGODB_URI ? null : await startEmbeddedDatabase();
const [httpPort, lambdaPort] = [await freePort(), await freePort()];
const mail = await startMailSink();
const env = {
  ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_ACCESS_KEY_ID: 'offline', AWS_SECRET_ACCESS_KEY: 'offline',
  MONGODB_URI: `${(process.env.MONGODB_URI ?? database.uri).replace(/\/$/, '')}/authgate-offline`, JWT_SECRET: 'offline-secret-'.repeat(3), LOG_LEVEL: 'warn',
  ...mail.env, // production requires SMTP; serverless.yml does not name these, so --localEnvironment passes them on
};
const offline = spawn('npx', ['osls', 'offline', 'start', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort), '--noPrependStageInUrl', '--localEnvironment'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let output = '';
offline.stdout.on('data', (chunk) => (output += chunk));
offline.stderr.on('data', (chunk) => (output += chunk));
const base = `http://127.0.0.1:${httpPort}`;
let failed = 0;

try {
  for (let i = 0; i < 120 && !(await fetch(`${base}/health`).then((r) => r.ok, () => false)); i++) await sleep(500);
  failed = await contractSmoke(base, { mail });
} catch (error) {
  console.log(`FAIL unexpected: ${error.message}`);
  failed += 1;
} finally {
  if (failed) console.error(output.slice(-4000));
  try { process.kill(-offline.pid, 'SIGTERM'); } catch { /* gone already */ }
  await database?.stop();
  await mail.stop();
}
process.exit(failed ? 1 : 0);
