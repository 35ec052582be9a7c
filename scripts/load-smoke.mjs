// A minute of mixed traffic (register, login, profile) against the built app and a real database, by
// autocannon. Prints the figures; exits non-zero on any 5xx. Not a test: a smoke, for people and for CI.
// Usage: npm run smoke:load            (DURATION=seconds, default 60; MONGODB_URI to use your own database)
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { startMailSink } from './mail-sink.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const duration = Number(process.env.DURATION ?? 60);
const embedded = process.env.MONGODB_URI ? null : await startEmbeddedDatabase();
const mail = await startMailSink(); // production requires SMTP; registrations mail a link
const env = {
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  JWT_SECRET: 'load-smoke-secret-'.repeat(3),
  MFA_ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
  MONGODB_URI: `${(process.env.MONGODB_URI ?? embedded.uri).replace(/\/$/, '')}/authgate-load-${Date.now()}`,
  // one client address sends everything here; the per-account limit stays on
  RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
  ...mail.env,
};
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const server = spawn(process.execPath, ['dist/server.js'], {
  env: { ...env, PORT: String(port) },
  stdio: ['ignore', 'inherit', 'inherit'],
});
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

try {
  const users = [];
  for (let i = 0; i < 20; i++) {
    const user = { email: `load-${Date.now()}-${i}@example.com`, password: 'correct horse' };
    const res = await fetch(`${base}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    });
    users.push({ ...user, token: (await res.json()).token });
  }
  let n = 0;
  // of every 20 requests: 1 registration, 3 logins, 16 profile reads (reads dominate an auth service's day)
  const mix = (i) => {
    const user = users[i % users.length];
    if (i % 20 === 0)
      return {
        method: 'POST',
        path: '/auth/register',
        body: JSON.stringify({ email: `load-new-${Date.now()}-${i}@example.com`, password: 'correct horse' }),
      };
    if (i % 20 < 4)
      return {
        method: 'POST',
        path: '/auth/login',
        body: JSON.stringify({ email: user.email, password: user.password }),
      };
    return { method: 'GET', path: '/user/myprofile', headers: { authorization: `Bearer ${user.token}` } };
  };
  const result = await autocannon({
    url: base,
    connections: 16,
    duration,
    requests: [
      {
        setupRequest: (req) => {
          const next = mix(n++);
          return { ...req, ...next, headers: { 'content-type': 'application/json', ...next.headers } };
        },
      },
    ],
  });
  const fiveXx = result['5xx'];
  console.log(`\nload smoke: ${duration} s, 16 connections, mixed register/login/profile (1:3:16)`);
  console.table({
    requests: { value: result.requests.total },
    'requests/s (mean)': { value: result.requests.average },
    'latency p50 ms': { value: result.latency.p50 },
    'latency p97.5 ms': { value: result.latency.p97_5 },
    'latency p99 ms': { value: result.latency.p99 },
    '2xx': { value: result['2xx'] },
    '4xx': { value: result['4xx'] },
    '5xx': { value: fiveXx },
    errors: { value: result.errors },
    timeouts: { value: result.timeouts },
  });
  process.exitCode = fiveXx === 0 && result.errors === 0 ? 0 : 1;
} finally {
  // the server finishes what autocannon left in flight before its database goes away
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  await embedded?.stop();
  await mail.stop();
}
