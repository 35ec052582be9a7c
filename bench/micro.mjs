// Figures taken outside the load: HS256 verify per call and module load (each in fresh processes), bundle sizes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './median.mjs';

const root = new URL('..', import.meta.url).pathname;

/**
 * Microseconds per verify as the app does it (KeyObject, HS256 pinned), in a fresh process of its own (a
 * process that has just run the load generator measures its garbage, not the verify): `first` for tokens it
 * has not seen (the whole HS256 check, each token a new one), `again` for one it has verified before.
 */
export function verifyMicros(command = [process.execPath, []]) {
  const [file, args] = command;
  const result = spawnSync(file, [...args, new URL('./verify.mjs', import.meta.url).pathname], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench/verify.mjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Milliseconds to require a module in a fresh process, median of 25. */
export function loadMillis(file) {
  if (!existsSync(file)) return null;
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'b'.repeat(48),
    MFA_ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
    MAIL_TRANSPORT: 'smtp',
    SMTP_URL: 'smtp://127.0.0.1:1',
    MAIL_FROM: 'authgate <bench@authgate.test>',
    MONGODB_URI: 'mongodb://127.0.0.1:1/none',
  };
  const times = Array.from({ length: 25 }, () =>
    Number(spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' }).stdout.trim()),
  );
  return median(times);
}

/** Bytes of each bundle's JavaScript outputs, from the esbuild metafiles of `npm run build:lambda`. */
export function bundleBytes() {
  const dir = join(root, '.esbuild');
  if (!existsSync(dir)) return {};
  const sizes = {};
  for (const file of readdirSync(dir).filter((name) => /^meta-.*\.json$/.test(name))) {
    const meta = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const bytes = Object.entries(meta.outputs)
      .filter(([out]) => out.endsWith('.js'))
      .reduce((sum, [, out]) => sum + out.bytes, 0);
    sizes[file.replace(/^meta-|\.json$/g, '')] = bytes;
  }
  return sizes;
}
