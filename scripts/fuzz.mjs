// schemathesis against the built server and the spec it serves, with every check (scripts/schemathesis.toml): positive and negative data (wrong types, huge
// strings, odd unicode, missing fields), examples, coverage, fuzzing and stateful phases, with a bearer
// token from a real registration. Fails on any 5xx or any answer the spec does not describe.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { serveForCheck } from './serve-for-check.mjs';

const st = new URL('../.tools/fuzz-venv/bin/st', import.meta.url).pathname;
const examples = process.env.FUZZ_EXAMPLES ?? '10';
const adminKey = randomBytes(32).toString('base64url');
const { base, stop } = await serveForCheck('fuzz', () => ({ ADMIN_API_KEYS: adminKey }));
let status = 1;
try {
  const user = { email: `fuzz-${Date.now()}@example.com`, password: 'correct horse battery' };
  const res = await fetch(`${base}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  const { token } = await res.json();
  const config = new URL('schemathesis.toml', import.meta.url).pathname;
  const args = [
    '--config-file',
    config,
    'run',
    `${base}/openapi.json`,
    '--checks',
    'all',
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--mode',
    'all',
    '--max-examples',
    examples,
    '--seed',
    process.env.FUZZ_SEED ?? '20261124',
    // one worker: with two, hypothesis describes its filters through ast.parse in two threads at once, which
    // CPython 3.11 can fail ("AST constructor recursion depth mismatch"), an error of the tool, not of ours
    '--workers',
    '1',
    '--request-timeout',
    '10',
    '--max-time',
    process.env.FUZZ_SECONDS ?? '100',
    '--continue-on-failure',
    '--warnings',
    'off',
  ];
  const env = { ...process.env, NO_COLOR: '1', FUZZ_USER_TOKEN: token, FUZZ_ADMIN_KEY: adminKey };
  status = spawnSync(st, args, { stdio: 'inherit', env }).status ?? 1;
} finally {
  await stop();
}
process.exit(status);
