// npm run bench: authgate against its physical floors, placed two ways (unpinned, and pinned: server on
// core 0, load generator and database on core 1), with what saturated in each window; docs/benchmarks.md
// is the result. BENCH_RUNS=3 (npm run bench:3) repeats the whole run with a fresh database and server.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { findMongod } from './cpu.mjs';
import { lambdaConnects } from './lambda-connects.mjs';
import { throughput } from './load.mjs';
import { warmDatabase } from './warm-database.mjs';
import { bundleBytes, loadMillis, verifyMicros } from './micro.mjs';
import { writeReport } from './report.mjs';
import { benchEnv, routesFor, seedUsers, stopMailSink } from './setup.mjs';
import { summarise } from './summary.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const mongoose = require('mongoose');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const CORES = cpus().length;
const canPin = spawnSync('taskset', ['-V']).status === 0 && CORES >= 2;
const MODES = (process.env.BENCH_MODES ?? 'unpinned,pinned').split(',').filter((mode) => mode === 'unpinned' || canPin);
const ONLY = process.env.BENCH_ROUTES?.split(',');
const everyCore = `0-${CORES - 1}`;
const place = (pid, list) => pid && canPin && spawnSync('taskset', ['-a', '-p', '-c', list, String(pid)]);
const SLOW = ['login', 'register'];

async function benchOnce(run, last) {
  const embedded = process.env.MONGODB_URI ? null : await startEmbeddedDatabase((line) => console.error(line));
  const env = benchEnv(process.env.MONGODB_URI ?? embedded.uri);
  const server = spawn(process.execPath, ['bench/server.mjs'], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) =>
    server.on('message', (m) => m.ready && resolve(m.ready)).once('exit', reject),
  );
  const base = `http://127.0.0.1:${port}`;
  const pids = { server: server.pid, database: embedded?.pid ?? findMongod() };
  const setMode = (mode) => {
    place(pids.server, mode === 'pinned' ? '0' : everyCore);
    for (const pid of [process.pid, pids.database]) place(pid, mode === 'pinned' ? '1' : everyCore);
  };
  try {
    const seeded = await seedUsers(base, 32);
    const routes = Object.fromEntries(
      Object.entries(routesFor(seeded)).filter(([name]) => !ONLY || ONLY.includes(name)),
    );
    const cleanUp = await cleaner(env.MONGODB_URI, seeded);
    setMode('unpinned');
    if (embedded)
      console.error(
        `run ${run + 1}: the stand-in warmed with login's database work: ${JSON.stringify(await warmDatabase(embedded.uri, embedded.pid))}`,
      );
    // a discarded pass over the fast routes first, so that the first measured round finds the JIT warm
    for (const name of Object.keys(routes).filter((n) => !SLOW.includes(n))) await throughput(base, routes[name], 2);
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      // interleaved: each round measures each placement, and in it the baselines and the candidates back to back
      for (const mode of MODES) {
        setMode(mode);
        const figures = {};
        if (Object.keys(routes).some((name) => SLOW.includes(name))) figures.bcrypt = bcryptBound(env, mode);
        const slowAmount = Math.max(32, Math.round((figures.bcrypt?.rps ?? 8) * SECONDS));
        for (const [name, requests] of Object.entries(routes)) {
          figures[name] = await throughput(base, requests, SECONDS, SLOW.includes(name) ? slowAmount : undefined, pids);
        }
        await cleanUp();
        console.error(
          `run ${run + 1} round ${round + 1} ${mode}: ${Object.entries(figures)
            .map(([k, v]) => `${k} ${v.rps.toFixed(0)}/s ${v.serverUs == null ? '' : `${v.serverUs.toFixed(0)} µs`}`)
            .join(', ')}`,
        );
        rounds.push({ mode, figures });
      }
    }
    setMode('unpinned');
    await cleanUp.close();
    return {
      ...summarise(rounds, MODES, CORES),
      database: process.env.MONGODB_URI
        ? `MONGODB_URI (${pids.database ? 'a local mongod, its CPU seen' : 'its CPU not visible from here'})`
        : `embedded, ${embedded.kind}`,
      lambdaConnects: last ? await lambdaConnects(env.MONGODB_URI) : undefined,
    };
  } finally {
    server.kill('SIGTERM');
    await embedded?.stop();
  }
}

/**
 * Removes what login and register added, so that every round finds the 32 seeded users and their sessions.
 * The stand-in runs an aggregate over its whole first collection (a leading $match is a filter there, not an
 * index lookup as on MongoDB): thousands of bench sessions would make the profile's database cost grow round
 * after round.
 */
async function cleaner(uri, seeded) {
  const connection = await mongoose.createConnection(uri).asPromise();
  const ids = seeded.map((user) => new mongoose.Types.ObjectId(user.id));
  const sessionIds = seeded.map(
    (user) => new mongoose.Types.ObjectId(JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url')).sid),
  );
  const clean = async () => {
    await connection.collection('sessions').deleteMany({ _id: { $nin: sessionIds } });
    await connection.collection('users').deleteMany({ _id: { $nin: ids } });
  };
  clean.close = () => connection.close();
  return clean;
}

function bcryptBound(env, mode) {
  const args = ['bench/bcrypt-bound.mjs', '3'];
  const [command, argv] = canPin
    ? ['taskset', ['-c', mode === 'pinned' ? '0' : everyCore, process.execPath, ...args]]
    : [process.execPath, args];
  const result = spawnSync(command, argv, { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench/bcrypt-bound.mjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** First verify and sign per algorithm (HS256, ES256, RS256), from bench/verify-algorithms.mjs in a process of its own. */
function verifyAlgorithms() {
  const result = spawnSync(process.execPath, ['bench/verify-algorithms.mjs'], { encoding: 'utf8' });
  if (result.status !== 0) return null;
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

const runs = [];
for (let run = 0; run < RUNS; run++) runs.push(await benchOnce(run, run === RUNS - 1));
place(process.pid, everyCore);
const results = {
  runs,
  rounds: ROUNDS,
  seconds: SECONDS,
  cores: CORES,
  canPin,
  modes: MODES,
  verifyMicros: verifyMicros(),
  algorithms: verifyAlgorithms(),
  bundles: bundleBytes(),
  loadApi:
    loadMillis(new URL('../.esbuild/api/index.js', import.meta.url).pathname) ??
    loadMillis(new URL('../dist/lambda.js', import.meta.url).pathname),
  loadAuthorizer:
    loadMillis(new URL('../.esbuild/authorizer/index.js', import.meta.url).pathname) ??
    loadMillis(new URL('../dist/authorizer.js', import.meta.url).pathname),
};
writeFileSync(new URL('../docs/benchmarks.json', import.meta.url), `${JSON.stringify(results, null, 1)}\n`); // every figure of every run
writeReport(results);
await stopMailSink();
// webhook delivery throughput (events per second to a receiver on loopback, beside the receiver's own floor), in a
// process of its own so that its database and receiver load nothing above
spawnSync(process.execPath, ['bench/webhooks-throughput.mjs'], { stdio: 'inherit' });
