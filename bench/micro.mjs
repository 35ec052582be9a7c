// In-process and fresh-process figures: HS256 verify per call, module load, bundle sizes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Microseconds per verify as the app does it (KeyObject, HS256 pinned): `first` for tokens it has not seen
 * (the whole HS256 check, each token a new one), `again` for one it has verified before (its memory).
 */
export function verifyMicros() {
  const { createTokens } = require('../dist/auth/tokens.js');
  const n = 5000;
  const timed = (tokens, list) => {
    const start = process.hrtime.bigint();
    for (const token of list) if (!tokens.verify(token)) throw new Error('verify failed');
    return Number(process.hrtime.bigint() - start) / 1000 / list.length;
  };
  const first = [];
  const again = [];
  for (let round = 0; round < 5; round++) {
    const tokens = createTokens({ secret: 'b'.repeat(48), expiresIn: 600 });
    const distinct = Array.from({ length: n }, (_, i) => tokens.sign('6500000000000000000000aa', i.toString(16).padStart(24, '0')));
    first.push(timed(tokens, distinct));
    again.push(timed(tokens, Array.from({ length: n }, () => distinct[0])));
  }
  return { first: median(first.slice(1)), again: median(again.slice(1)) }; // the first round is the warm-up
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
