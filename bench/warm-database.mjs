// The embedded stand-in is a JVM: until its C2 compiler has compiled what login asks of it, the database spends
// more CPU on compiling than on answering (4.6 ms per login in the first seconds, 0.4 ms once compiled), on the
// cores bcrypt needs. A real MongoDB has no JIT to warm. So, before any measured round, login's own database
// work (the app's functions, in this process, without bcrypt) runs until the compiler threads go quiet.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpuMicros } from './cpu.mjs';

const require = createRequire(import.meta.url);
const mongoose = require('mongoose');
const { createRateLimits } = require('../dist/limits/rate-limits.js');
const { createSessionService } = require('../dist/sessions/sessions.service.js');
const { createAuditLog } = require('../dist/audit/audit.service.js');
const { credentialsUnchanged, findForLogin, User } = require('../dist/users/user.model.js');

const IN_FLIGHT = 16;
const QUIET_US = 20_000; // compiler CPU per 2 s below which the database counts as warm
const MAX_SECONDS = 90;

/** The CPU µs of the JVM's C2 compiler threads (null where /proc or the pid is not there: nothing to wait for). */
function compilerMicros(pid) {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`).filter((task) =>
      readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').startsWith('C2 '),
    );
    return tasks.reduce((sum, task) => sum + (cpuMicros(pid, task) ?? 0), 0);
  } catch {
    return null;
  }
}

/** Logins' database work against a scratch database beside the bench's, until the stand-in's compiler is idle. */
export async function warmDatabase(uri, pid) {
  if (!pid || compilerMicros(pid) === null) return { seconds: 0, logins: 0 };
  await mongoose.connect(`${uri.replace(/\/$/, '')}/authgate-bench-warm-${Date.now()}`);
  const limits = createRateLimits({ accountFailures: 5, addressPerMinute: 0, registrationsPerHour: 0 }).account;
  const audit = createAuditLog(3600);
  const sessions = createSessionService({ refreshTokenTtl: 3600, sessionMaxAge: 7200, refreshReuseGrace: 10 }, audit);
  const users = await User.insertMany(
    Array.from({ length: IN_FLIGHT }, (_, i) => ({ email: `warm-${i}@example.com`, password: 'x'.repeat(60) })),
  );
  const started = performance.now();
  let logins = 0;
  let stop = false;
  const loginOnce = async (email) => {
    const [user, attempt] = await Promise.all([findForLogin(email), limits.reserveAttempt(email)]);
    const [session] = await Promise.all([
      sessions.open(user._id.toString(), 'warm-up'),
      attempt.succeeded(),
      audit.record({ type: 'login.succeeded', userId: user._id.toString() }),
    ]);
    await credentialsUnchanged(user);
    await sessions.removeOne(session.sessionId);
    logins += 1;
  };
  const workers = users.map(async ({ email }) => {
    while (!stop) await loginOnce(email);
  });
  let last = compilerMicros(pid);
  while ((performance.now() - started) / 1000 < MAX_SECONDS) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const now = compilerMicros(pid);
    if (now - last < QUIET_US && (performance.now() - started) / 1000 >= 6) break;
    last = now;
  }
  stop = true;
  await Promise.all(workers);
  await mongoose.connection.dropDatabase();
  await mongoose.connection.close(); // this one only: mongoose.disconnect() would close the bench's cleaner too
  return { seconds: (performance.now() - started) / 1000, logins };
}
