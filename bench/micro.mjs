// In-process and fresh-process figures: HS256 verify per call, module load, bundle sizes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Microseconds per verify of one token, as the app does it (KeyObject, HS256 pinned). */
export function verifyMicros() {
  const { createTokens } = require('../dist/auth/tokens.js');
  const tokens = createTokens({ secret: 'b'.repeat(48), expiresIn: 600 });
  const token = tokens.sign('6500000000000000000000aa', '6500000000000000000000bb');
  const rounds = [];
  for (let round = 0; round < 5; round++) {
    const n = 20000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (!tokens.verify(token)) throw new Error('verify failed');
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / n);
  }
  return median(rounds.slice(1)); // the first round is the warm-up
}

/** Milliseconds to require a module in a fresh process, median of 25. */
export function loadMillis(file) {
  if (!existsSync(file)) return null;
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const env = { ...process.env, NODE_ENV: 'production', JWT_SECRET: 'b'.repeat(48), MONGODB_URI: 'mongodb://127.0.0.1:1/none' };
  const times = Array.from({ length: 25 }, () => Number(spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' }).stdout.trim()));
  return median(times);
}

/** Bytes of each bundle's JavaScript outputs, from the esbuild metafiles of `npm run build:lambda`. */
export function bundleBytes() {
  const dir = join(root, '.esbuild');
  if (!existsSync(dir)) return {};
  const sizes = {};
  for (const file of readdirSync(dir).filter((name) => /^meta-.*\.json$/.test(name))) {
    const meta = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const bytes = Object.entries(meta.outputs).filter(([out]) => out.endsWith('.js')).reduce((sum, [, out]) => sum + out.bytes, 0);
    sizes[file.replace(/^meta-|\.json$/g, '')] = bytes;
  }
  return sizes;
}
