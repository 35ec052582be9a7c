// Where the server's CPU goes on one route: the bench server under `node --cpu-prof`, one route loaded for a
// few seconds, then the profile's self time summed by package (or src/ file) and by function.
// Usage: npm run build && node bench/cpu-profile.mjs [profile|bare|v1Profile] [seconds]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { throughput } from './load.mjs';
import { benchEnv, seedUsers, routesFor, stopMailSink } from './setup.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const [route = 'profile', seconds = '5'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'authgate-cpu-'));
const embedded = process.env.MONGODB_URI ? null : await startEmbeddedDatabase((line) => console.error(line));
const env = benchEnv(process.env.MONGODB_URI ?? embedded.uri);
const server = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'bench/server.mjs'], {
  env,
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});
const port = await new Promise((resolve) => server.on('message', (m) => m.ready && resolve(m.ready)));
const base = `http://127.0.0.1:${port}`;
let requests = 0;
try {
  const routes = routesFor(await seedUsers(base, 32));
  const result = await throughput(base, routes[route], Number(seconds));
  requests = result.rps * Number(seconds);
  console.log(`${route}: ${result.rps.toFixed(0)}/s`);
} finally {
  await new Promise((resolve) => server.once('exit', resolve).kill('SIGINT'));
  await embedded?.stop();
}
const file = join(
  dir,
  readdirSync(dir).find((name) => name.endsWith('.cpuprofile')),
);
const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(nodes.map((node) => [node.id, node]));
const self = new Map();
samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = ({ url }) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/(dist|bench)\/(.*)$/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url.startsWith('node:') ? url : url || '(native/gc/idle)';
};
const sum = (key) => {
  const totals = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const k = key(callFrame);
    totals.set(k, (totals.get(k) ?? 0) + us);
  }
  // the share of all samples (start-up and the seeding included), and µs per request of the measured load
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(
      ([k, us]) =>
        `${((100 * us) / total).toFixed(1).padStart(5)}% ${(us / requests).toFixed(1).padStart(6)} µs/req  ${k}`,
    );
};
console.log(`profile: ${file}\n\nself time by package or file:\n${sum(where).join('\n')}`);
console.log(
  `\nself time by function:\n${sum((f) => `${f.functionName || '(anonymous)'} ${where(f)}:${f.lineNumber + 1}`).join('\n')}`,
);
await stopMailSink();
