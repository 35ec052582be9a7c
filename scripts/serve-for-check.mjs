// Starts the built server (dist/) in production mode against the embedded test database (or MONGODB_URI),
// with the rate limits off, for the checks that drive it from outside: the docs page in Chromium, the fuzzer.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { startMailSink } from './mail-sink.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const root = new URL('..', import.meta.url).pathname;

/** `envFor(port)` (may be async) adds variables that depend on the port (the account page check's WEBAUTHN_ORIGINS and OIDC provider). */
export async function serveForCheck(name, envFor = () => ({})) {
  const database = process.env.MONGODB_URI ? null : await startEmbeddedDatabase();
  const mail = await startMailSink(); // production requires SMTP
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const { port: p } = s.address();
      s.close(() => resolve(p));
    });
  });
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    JWT_SECRET: `${name}-check-secret-`.repeat(3),
    MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    MONGODB_URI: `${(process.env.MONGODB_URI ?? database.uri).replace(/\/$/, '')}/authgate-${name}-${Date.now()}`,
    RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
    RATE_LIMIT_ACCOUNT_FAILURES: '0',
    ...mail.env,
    ...(await envFor(port)),
  };
  const server = spawn(process.execPath, [`${root}dist/server.js`], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    i < 100 &&
    !(await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((resolve) => setTimeout(resolve, 100));
  const stop = async () => {
    server.kill('SIGTERM');
    await database?.stop();
    await mail.stop();
  };
  return { base, stop, mail };
}
