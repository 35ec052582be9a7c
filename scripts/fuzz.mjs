// schemathesis against the built server and the spec it serves: positive and negative data (wrong types, huge
// strings, odd unicode, missing fields), examples, coverage, fuzzing and stateful phases, with a bearer
// token from a real registration. Fails on any 5xx or any answer the spec does not describe.
import { spawnSync } from 'node:child_process';
import { serveForCheck } from './serve-for-check.mjs';

const st = new URL('../.tools/fuzz-venv/bin/st', import.meta.url).pathname;
const examples = process.env.FUZZ_EXAMPLES ?? '10';
const { base, stop } = await serveForCheck('fuzz');
let status = 1;
try {
  const user = { email: `fuzz-${Date.now()}@example.com`, password: 'correct horse battery' };
  const res = await fetch(`${base}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  const { token } = await res.json();
  const checks = [
    'not_a_server_error',
    'status_code_conformance',
    'content_type_conformance',
    'response_headers_conformance',
    'response_schema_conformance',
  ];
  const args = [
    'run',
    `${base}/openapi.json`,
    '--checks',
    checks.join(','),
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--mode',
    'all',
    '--max-examples',
    examples,
    '--seed',
    process.env.FUZZ_SEED ?? '20261124',
    '--header',
    `Authorization: Bearer ${token}`,
    '--workers',
    '2',
    '--request-timeout',
    '10',
    '--max-time',
    process.env.FUZZ_SECONDS ?? '100',
    '--continue-on-failure',
    '--warnings',
    'off',
  ];
  status = spawnSync(st, args, { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1' } }).status ?? 1;
} finally {
  await stop();
}
process.exit(status);
