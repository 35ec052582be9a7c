// The README as a newcomer follows it: a fresh `git clone` of this repository (its committed HEAD), the README's
// two commands (`npm install && npm start`: installed here with `npm ci --prefer-offline`, the lockfile's exact
// and faster equivalent; started with no MONGODB_URI and no secrets, so on the embedded database), then the
// README's tour: the first ```sh block after the `<!-- tour` comment line, run in one bash, with `localhost:3000`
// pointed at the port the server was started on. Every comment line of the block that is JSON (`# {…}` or
// `# […]`) is an expected answer, in order, where `...` stands for anything. `npm test` is not run again here.
// Exits non-zero on any failure.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'authgate-newcomer-'));
const clone = join(work, 'authgate');
const log = join(work, 'npm-start.log');
const step = (message) => console.log(`--- ${message}`);
let server;
let failed = false;

try {
  step(
    `git clone (HEAD ${execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()})`,
  );
  execFileSync('git', ['clone', '--quiet', root, clone], { stdio: 'inherit' });
  const readme = readFileSync(join(clone, 'README.md'), 'utf8');
  if (!readme.includes('npm install && npm start'))
    throw new Error('the README no longer says `npm install && npm start`');
  const tour = tourOf(readme);

  step('npm install (npm ci --prefer-offline)');
  run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);

  const port = await freePort();
  step(`npm start (PORT=${port}; no MONGODB_URI, no secrets: the embedded database)`);
  server = spawn('npm', ['start'], {
    cwd: clone,
    env: { ...newcomerEnv(), PORT: String(port) },
    stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')],
    detached: true, // its own process group: npm, node and the embedded database stop together
  });
  await untilReady(`http://127.0.0.1:${port}`, 180_000);

  step("the README's tour");
  const script = tour.script.replaceAll('localhost:3000', `localhost:${port}`);
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
    cwd: clone,
    encoding: 'utf8',
    timeout: 60_000,
  });
  console.log(result.stdout + result.stderr);
  if (result.status !== 0) throw new Error(`the tour's commands failed (exit ${result.status})`);
  const missing = tour.expected.find((expected, i) => !inOrder(tour.expected.slice(0, i + 1)).test(result.stdout));
  if (missing) throw new Error(`the tour's answers do not match the README from here: # ${missing}`);
  console.log(`ok   a fresh clone, npm install && npm start, and the tour's ${tour.expected.length} answers`);
} catch (error) {
  failed = true;
  console.error(`FAIL ${error.message}`);
  try {
    console.error(readFileSync(log, 'utf8').slice(-3000));
  } catch {
    /* npm start never ran */
  }
} finally {
  await stop(server);
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** The tour block and its expected answers. */
function tourOf(readme) {
  const marker = readme.indexOf('<!-- tour');
  const block = marker < 0 ? undefined : /```sh\n([\s\S]*?)```/.exec(readme.slice(marker))?.[1];
  if (!block) throw new Error('the README has no ```sh block after a <!-- tour … --> line');
  const expected = block
    .split('\n')
    .filter((line) => /^# [[{]/.test(line))
    .map((line) => line.slice(2));
  if (expected.length === 0) throw new Error('the tour says no answer to expect (no `# {…}` line)');
  return { script: block, expected };
}

/** One pattern: these answers one after the other in the output, `...` matching anything. */
function inOrder(answers) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(answers.map((answer) => answer.split('...').map(escape).join('.*?')).join('[\\s\\S]*?'));
}

/** The environment of someone who has set nothing for authgate. */
function newcomerEnv() {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (/^(MONGODB_URI|NODE_ENV|PORT|MFA_ENCRYPTION_KEY|ADMIN_API_KEYS|(JWT|MAIL|SMTP|RATE_LIMIT)_.*)$/.test(name))
      delete env[name];
  return env;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: clone, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

async function untilReady(base, limitMs) {
  for (const deadline = Date.now() + limitMs; Date.now() < deadline;) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}`);
    if (
      await fetch(`${base}/ready`).then(
        (res) => res.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`npm start did not answer GET /ready within ${limitMs / 1000} s`);
}

/** SIGTERM to npm start's process group, as Ctrl-C would; SIGKILL after 15 s. */
async function stop(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
