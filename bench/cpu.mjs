// CPU time from /proc, for any process the bench can see: the server, the database, the load generator
// (this process) and the host as a whole. Linux only; elsewhere every figure is null.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
const US_PER_TICK = 1e6 / ticks;

/** utime + stime in µs of a process (all its threads) or of one thread (task), or null when not visible. */
export function cpuMicros(pid, task) {
  if (!pid) return null;
  try {
    const stat = readFileSync(task ? `/proc/${pid}/task/${task}/stat` : `/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3, state
    return (Number(fields[11]) + Number(fields[12])) * US_PER_TICK;
  } catch {
    return null;
  }
}

/** Busy and total µs of all cores together, from /proc/stat. */
function hostMicros() {
  if (!existsSync('/proc/stat')) return null;
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = values[3] + (values[4] ?? 0); // idle + iowait
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0); // guest time is already in user
  return { busy: (total - idle) * US_PER_TICK, total: total * US_PER_TICK };
}

export const loadAverage = () =>
  existsSync('/proc/loadavg') ? Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]) : null;

/** A reading of every clock the bench compares; `pids` = { server, database }. */
export function snapshot(pids) {
  const { user, system } = process.cpuUsage();
  return {
    at: performance.now(),
    server: cpuMicros(pids.server),
    serverMain: cpuMicros(pids.server, pids.server), // the event loop's thread: the one that saturates first
    database: cpuMicros(pids.database),
    loadGenerator: user + system,
    host: hostMicros(),
    load: loadAverage(),
  };
}

/** Per request (µs) and in cores (busy µs per µs of wall time) between two snapshots. */
export function usage(before, after, requests, wallSeconds) {
  const wall = wallSeconds * 1e6;
  const delta = (key) => (before[key] == null || after[key] == null ? null : after[key] - before[key]);
  const perRequest = (key) => (delta(key) == null ? null : delta(key) / requests);
  const cores = (key) => (delta(key) == null ? null : delta(key) / wall);
  const hostBusy = before.host && after.host ? (after.host.busy - before.host.busy) / wall : null;
  const ours = ['server', 'database', 'loadGenerator'].reduce((sum, key) => sum + (cores(key) ?? 0), 0);
  return {
    serverUs: perRequest('server'),
    databaseUs: perRequest('database'),
    loadGeneratorUs: perRequest('loadGenerator'),
    serverCores: cores('server'),
    serverMainCores: cores('serverMain'),
    databaseCores: cores('database'),
    loadGeneratorCores: cores('loadGenerator'),
    hostCores: hostBusy,
    othersCores: hostBusy == null ? null : Math.max(0, hostBusy - ours),
    load: Math.max(before.load ?? 0, after.load ?? 0),
  };
}

/** The pid of a local mongod, when MONGODB_URI names one on this machine and exactly one runs. */
export function findMongod() {
  if (!existsSync('/proc')) return null;
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'mongod';
      } catch {
        return false;
      }
    });
  return pids.length === 1 ? Number(pids[0]) : null;
}
