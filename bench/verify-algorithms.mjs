// The cost of asymmetric tokens (contract v1.4), beside bench/run.mjs: after `npm run build` (and
// `npm run build:lambda` for the bundle), `node bench/verify-algorithms.mjs` prints, per algorithm, the
// microseconds of a first verify (a token not seen before: the signature is checked) and of a sign, and the
// authorizer's module load in a fresh process with public keys only. A verify of a token seen before costs
// the same under every algorithm: the cache by whole token text answers it.
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createTokens } = require('../dist/auth/tokens.js');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const n = Number(process.env.BENCH_TOKENS ?? 2000);

const pem = {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
};
const pairs = {
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256', ...pem }),
  RS256: generateKeyPairSync('rsa', { modulusLength: 2048, ...pem }),
};
const settings = {
  HS256: { algorithm: 'HS256', secret: 'b'.repeat(48) },
  ES256: { algorithm: 'ES256', privateKeys: [require('node:crypto').createPrivateKey(pairs.ES256.privateKey)] },
  RS256: { algorithm: 'RS256', privateKeys: [require('node:crypto').createPrivateKey(pairs.RS256.privateKey)] },
};

const micros = (start, count) => Number(process.hrtime.bigint() - start) / 1000 / count;

function round(algorithm) {
  const tokens = createTokens({ ...settings[algorithm], expiresIn: 600 });
  let start = process.hrtime.bigint();
  const distinct = Array.from({ length: n }, (_, i) =>
    tokens.sign('6500000000000000000000aa', i.toString(16).padStart(24, '0'), ['pwd'], {
      premium: true,
      emailVerified: true,
    }),
  );
  const sign = micros(start, n);
  start = process.hrtime.bigint();
  for (const token of distinct) if (!tokens.verify(token)) throw new Error(`${algorithm} verify failed`);
  return { sign, first: micros(start, n) };
}

/** The authorizer bundle (or dist/authorizer.js) loaded in a fresh process, median of 15, milliseconds. */
function authorizerLoad(env) {
  const file = ['.esbuild/authorizer/index.js', 'dist/authorizer.js']
    .map((path) => new URL(`../${path}`, import.meta.url).pathname)
    .find(existsSync);
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  return median(
    Array.from({ length: 15 }, () =>
      Number(
        spawnSync(process.execPath, ['-e', script], {
          env: { ...process.env, ...env },
          encoding: 'utf8',
        }).stdout.trim(),
      ),
    ),
  );
}

const results = {};
for (const algorithm of Object.keys(settings)) {
  const rounds = Array.from({ length: 4 }, () => round(algorithm)).slice(1); // the first round is the warm-up
  results[algorithm] = {
    firstVerifyMicros: median(rounds.map((r) => r.first)),
    signMicros: median(rounds.map((r) => r.sign)),
  };
}
results.HS256.authorizerLoadMillis = authorizerLoad({ JWT_ALGORITHM: 'HS256', JWT_SECRET: 'b'.repeat(48) });
results.ES256.authorizerLoadMillis = authorizerLoad({ JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEYS: pairs.ES256.publicKey });
results.RS256.authorizerLoadMillis = authorizerLoad({ JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEYS: pairs.RS256.publicKey });
for (const [algorithm, r] of Object.entries(results)) {
  console.log(
    `${algorithm}  first verify ${r.firstVerifyMicros.toFixed(1)} µs   sign ${r.signMicros.toFixed(1)} µs   authorizer load ${r.authorizerLoadMillis.toFixed(1)} ms`,
  );
}
console.log(JSON.stringify(results));
