// A/B of builds of the app, interleaved: one bench server per variant, all on one database, each round loads
// every variant's bare route and profile in turn (the starting variant rotates). Prints per variant the
// medians of requests/s and of the server's CPU µs per request, and profile / bare by both.
// Usage: node bench/ab.mjs NAME[=DIST_DIR][:KEY=VALUE,...] ...   e.g.
//   cp -r dist dist/ab/base (before a change), npm run build, then
//   node bench/ab.mjs base=dist/ab/base new              (BENCH_ROUNDS, BENCH_SECONDS, BENCH_ROUTES)
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { findMongod } from './cpu.mjs';
import { throughput } from './load.mjs';
import { median } from './median.mjs';
import { benchEnv, routesFor, seedUsers, stopMailSink } from './setup.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUTES = (process.env.BENCH_ROUTES ?? 'bare,profile').split(',');

const variants = process.argv.slice(2).map((arg) => {
  const [head, extra = ''] = arg.split(':');
  const [name, dist] = head.split('=');
  const env = Object.fromEntries(
    extra
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=')),
  );
  return { name, env: { ...env, ...(dist ? { BENCH_DIST: resolve(dist) } : {}) } };
});
const embedded = process.env.MONGODB_URI ? null : await startEmbeddedDatabase((line) => console.error(line));
const shared = benchEnv(process.env.MONGODB_URI ?? embedded.uri);
const database = embedded?.pid ?? findMongod();
const servers = [];
try {
  for (const variant of variants) {
    const server = spawn(process.execPath, ['bench/server.mjs'], {
      env: { ...shared, ...variant.env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    servers.push(server);
    const port = await new Promise((done, fail) =>
      server.on('message', (m) => m.ready && done(m.ready)).once('exit', fail),
    );
    variant.base = `http://127.0.0.1:${port}`;
    variant.pids = { server: server.pid, database };
    variant.figures = [];
  }
  const routes = routesFor(await seedUsers(variants[0].base, 32));
  for (const v of variants) for (const name of ROUTES) await throughput(v.base, routes[name], 2); // warm
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(round + k) % variants.length];
      const figures = {};
      for (const name of ROUTES) figures[name] = await throughput(v.base, routes[name], SECONDS, undefined, v.pids);
      v.figures.push(figures);
    }
    console.error(
      `round ${round + 1}: ${variants.map((v) => `${v.name} ${ROUTES.map((r) => `${r} ${v.figures.at(-1)[r].rps.toFixed(0)}/s ${v.figures.at(-1)[r].serverUs.toFixed(0)}µs`).join(' ')}`).join(' | ')}`,
    );
  }
  for (const v of variants) {
    const m = (route, key) => median(v.figures.map((f) => f[route][key]));
    const cols = ROUTES.map(
      (r) =>
        `${r} ${m(r, 'rps').toFixed(0)}/s ${m(r, 'serverUs').toFixed(1)} µs (db ${m(r, 'databaseUs')?.toFixed(1)} µs)`,
    );
    const ratio =
      ROUTES.includes('bare') && ROUTES.includes('profile')
        ? ` | profile/bare: rps ${median(v.figures.map((f) => f.profile.rps / f.bare.rps)).toFixed(3)}, cpu ${median(v.figures.map((f) => f.bare.serverUs / f.profile.serverUs)).toFixed(3)}`
        : '';
    console.log(`${v.name.padEnd(12)} ${cols.join(' | ')}${ratio}`);
  }
} finally {
  for (const server of servers) server.kill('SIGTERM');
  await embedded?.stop();
}
await stopMailSink();
