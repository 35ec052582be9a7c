// npm run bench: authgate against its physical floors, in one run, and docs/benchmarks.md as the result.
import { spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { lambdaConnects } from './lambda-connects.mjs';
import { median } from './median.mjs';
import { throughput } from './load.mjs';
import { bundleBytes, loadMillis, verifyMicros } from './micro.mjs';
import { writeReport } from './report.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const pinned = spawnSync('taskset', ['-V']).status === 0 && cpus().length >= 2;
const onCore = (core, command, args) => (pinned ? ['taskset', ['-c', String(core), command, ...args]] : [command, args]);
if (pinned) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)]); // the load generator's core

const embedded = process.env.MONGODB_URI ? null : await startEmbeddedDatabase((line) => console.error(line));
const mongodbUri = `${(process.env.MONGODB_URI ?? embedded.uri).replace(/\/$/, '')}/authgate-bench-${Date.now()}`;
if (embedded && pinned) spawnSync('taskset', ['-a', '-p', '-c', '1', String(embedded.pid ?? 0)]);
const env = { ...process.env, NODE_ENV: 'production', MONGODB_URI: mongodbUri, JWT_SECRET: 'bench-secret-'.repeat(4), MFA_ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', LOG_LEVEL: 'silent', RATE_LIMIT_ADDRESS_PER_MINUTE: '0', RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0' };

const server = spawn(...onCore(0, process.execPath, ['bench/server.mjs']), { env, stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => createInterface({ input: server.stdout }).on('line', (line) => line.startsWith('ready ') && resolve(Number(line.slice(6)))));
const base = `http://127.0.0.1:${port}`;

try {
  const users = await seedUsers(32);
  const pick = (i) => users[i % users.length];
  const routes = {
    bare: (i) => ({ method: 'GET', path: `/bench/bare/${pick(i).id}` }),
    profile: (i) => ({ method: 'GET', path: '/user/myprofile', headers: { authorization: `Bearer ${pick(i).token}` } }),
    v1Profile: (i) => ({ method: 'GET', path: '/bench/v1-profile', headers: { authorization: `Bearer ${pick(i).token}` } }),
    login: (i) => ({ method: 'POST', path: '/auth/login', body: JSON.stringify({ email: pick(i).email, password: 'correct horse' }) }),
    register: (i) => ({ method: 'POST', path: '/auth/register', body: JSON.stringify({ email: `bench-${Date.now()}-${i}@example.com`, password: 'correct horse' }) }),
  };
  // a discarded pass over the fast routes first, so that the first measured round finds the JIT warm
  for (const name of ['bare', 'profile', 'v1Profile']) await throughput(base, routes[name], 2);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const figures = {};
    // interleaved: each round measures the baselines and the candidates back to back
    figures.bcrypt = { rps: bcryptBound() };
    const slowAmount = Math.max(32, Math.round(figures.bcrypt.rps * SECONDS));
    for (const [name, requests] of Object.entries(routes)) {
      figures[name] = await throughput(base, requests, SECONDS, ['login', 'register'].includes(name) ? slowAmount : undefined);
    }
    console.error(`round ${round + 1}: ${Object.entries(figures).map(([k, v]) => `${k} ${v.rps.toFixed(0)}/s`).join(', ')}`);
    rounds.push(figures);
  }
  const med = (name, key = 'rps') => median(rounds.map((figures) => figures[name][key]));
  const ratios = (name, baseline) => median(rounds.map((figures) => figures[name].rps / figures[baseline].rps));
  const fiveXx = rounds.reduce((sum, figures) => sum + Object.values(figures).reduce((s, f) => s + (f.fiveXx ?? 0), 0), 0);
  const results = {
    rounds: ROUNDS, seconds: SECONDS, pinned, fiveXx, database: embedded ? `embedded, ${embedded.kind}` : 'MONGODB_URI',
    rps: Object.fromEntries(Object.keys(rounds[0]).map((name) => [name, med(name)])),
    p50: Object.fromEntries(Object.keys(routes).map((name) => [name, med(name, 'p50')])),
    loginOverBcrypt: ratios('login', 'bcrypt'),
    registerOverBcrypt: ratios('register', 'bcrypt'),
    profileOverBare: ratios('profile', 'bare'),
    profileOverV1: ratios('profile', 'v1Profile'),
    verifyMicros: verifyMicros(onCore(0, process.execPath, [])),
    bundles: bundleBytes(),
    loadApi: loadMillis(new URL('../.esbuild/api/index.js', import.meta.url).pathname) ?? loadMillis(new URL('../dist/lambda.js', import.meta.url).pathname),
    loadAuthorizer: loadMillis(new URL('../.esbuild/authorizer/index.js', import.meta.url).pathname) ?? loadMillis(new URL('../dist/authorizer.js', import.meta.url).pathname),
    lambdaConnects: await lambdaConnects(mongodbUri),
  };
  writeReport(results);
} finally {
  server.kill('SIGTERM');
  await embedded?.stop();
}

function bcryptBound() {
  const [command, args] = onCore(0, process.execPath, ['bench/bcrypt-bound.mjs', '3']);
  return Number(spawnSync(command, args, { env, encoding: 'utf8' }).stdout.trim());
}

async function seedUsers(count) {
  const users = [];
  for (let i = 0; i < count; i++) {
    const email = `seed-${Date.now()}-${i}@example.com`;
    const res = await fetch(`${base}/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }) });
    const { token } = await res.json();
    users.push({ email, token, id: JSON.parse(Buffer.from(token.split('.')[1], 'base64url')).sub });
  }
  return users;
}
