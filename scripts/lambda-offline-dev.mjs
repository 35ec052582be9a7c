// `osls offline start` as a developer runs it with nothing set: no AWS variable, a HOME without ~/.aws, no
// MONGODB_URI and no secret. It must start on its development values (serverless/offline-values.cjs), say so in
// its log, and answer /health, register, login and the profile through the authorizer. Exits non-zero otherwise.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'authgate-no-aws-'));
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const failures = [];
const check = (ok, message) => (ok ? console.log(`ok   ${message}`) : failures.push(message));

const env = { PATH: process.env.PATH, HOME: home, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' };
const [httpPort, lambdaPort] = [await freePort(), await freePort()];
const args = ['osls', 'offline', 'start', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort)];
const offline = spawn('npx', [...args, '--noPrependStageInUrl'], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let output = '';
offline.stdout.on('data', (chunk) => (output += chunk));
offline.stderr.on('data', (chunk) => (output += chunk));
const base = `http://127.0.0.1:${httpPort}`;
const json = (path, init = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } }).then(
    async (res) => ({ status: res.status, body: await res.json().catch(() => ({})) }),
  );

try {
  for (
    let i = 0;
    i < 180 &&
    !(await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((resolve) => setTimeout(resolve, 500));
  check(
    (await json('/health')).status === 200,
    'osls offline start answers GET /health with no AWS variable, no secret',
  );
  for (const name of ['MONGODB_URI', 'JWT_SECRET', 'MFA_ENCRYPTION_KEY', 'SMTP_URL'])
    check(output.includes(`Development value for ${name}`), `its log names the development value for ${name}`);
  const account = { email: `dev-${Date.now()}@example.com`, password: 'correct horse' };
  const registered = await json('/auth/register', { method: 'POST', body: JSON.stringify(account) });
  check(registered.status === 201, `register answers 201 (${registered.status})`);
  const login = await json('/auth/login', { method: 'POST', body: JSON.stringify(account) });
  check(login.status === 200 && login.body.token, `login answers 200 with a token (${login.status})`);
  const profile = await json('/user/myprofile', { headers: { authorization: `Bearer ${login.body.token}` } });
  check(profile.body.email === account.email, `the profile, through the authorizer, is the user's (${profile.status})`);
  await new Promise((resolve) => setTimeout(resolve, 500));
  check(/Mail to dev-.*confirm your email address/.test(output), 'the mail sink prints the verification mail');
} catch (error) {
  failures.push(`unexpected: ${error.message}`);
} finally {
  try {
    process.kill(-offline.pid, 'SIGTERM');
  } catch {
    /* gone already */
  }
  rmSync(home, { recursive: true, force: true });
}
if (failures.length) {
  failures.forEach((message) => console.error(`FAIL ${message}`));
  console.error(output.slice(-4000));
  process.exit(1);
}
