// From the rounds of one run to its figures: medians per placement and route, what saturated, and each
// ratio twice: by requests/s (decisive only when the server's own core was the saturated one) and by
// CPU time per request (decisive whatever saturated, as long as the server's CPU can be read).
import { median } from './median.mjs';

export const SATURATED = 0.9; // of a core busy over the window
export const GOALS = { profile: 0.85, login: 0.9, register: 0.85 };

/** What ran at its limit in one window: the server's event loop or core, the load generator, the database's core, the host. */
export function saturation(figures, mode, cores) {
  const full = [];
  if (figures.serverMainCores >= SATURATED) full.push('server event loop');
  if (mode === 'pinned' && figures.serverCores >= SATURATED) full.push('server core 0');
  if (mode === 'unpinned' && figures.serverCores >= SATURATED * cores) full.push('server (all cores)');
  if (figures.loadGeneratorCores >= SATURATED) full.push('load generator');
  if (mode === 'pinned' && figures.loadGeneratorCores + (figures.databaseCores ?? 0) >= SATURATED)
    full.push('core 1 (load generator + database)');
  if (figures.hostCores >= SATURATED * cores) full.push(`host (all ${cores} cores busy)`);
  return full.length ? full : ['nothing (latency bound)'];
}

// The server set the pace: its event loop (fast routes) or all the cores it may use (bcrypt on its threadpool).
const serverBound = (full) => full.some((f) => f.startsWith('server'));

export function summarise(rounds, modes, cores) {
  const out = {};
  for (const mode of modes) {
    const mine = rounds.filter((r) => r.mode === mode).map((r) => r.figures);
    const names = Object.keys(mine[0]);
    const routes = Object.fromEntries(
      names.map((name) => {
        const keys = Object.keys(mine[0][name]).filter((key) => typeof mine[0][name][key] === 'number');
        const med = Object.fromEntries(keys.map((key) => [key, median(mine.map((f) => f[name][key]))]));
        return [name, { ...med, saturated: name === 'bcrypt' ? [] : saturation(med, mode, cores) }];
      }),
    );
    const per = (fn) => median(mine.map(fn));
    const ratios = {};
    if (routes.profile && routes.bare) {
      const decisive = serverBound(routes.profile.saturated) && serverBound(routes.bare.saturated);
      ratios.profile = {
        rps: per((f) => f.profile.rps / f.bare.rps),
        decisive,
        cpu: routes.profile.serverUs == null ? null : per((f) => f.bare.serverUs / f.profile.serverUs),
      };
    }
    for (const name of ['login', 'register']) {
      if (!routes[name] || !routes.bcrypt) continue;
      // a login costs its bcrypt and everything else of the request, the database's share included
      const cpu =
        routes[name].serverUs == null
          ? null
          : per((f) => f.bcrypt.cpuUs / (f[name].serverUs + (f[name].databaseUs ?? 0)));
      ratios[name] = {
        rps: per((f) => f[name].rps / f.bcrypt.rps),
        decisive: serverBound(routes[name].saturated),
        cpu,
      };
    }
    out[mode] = { routes, ratios };
  }
  return { modes: out };
}

/** 'met', 'missed' or why the figure decides nothing. */
export function verdict(value, goal, decisive = true) {
  if (value == null) return '–';
  if (!decisive) return value >= goal ? 'not decisive (server not saturated)' : '**missed** (server not saturated)';
  return value >= goal ? 'met' : '**missed**';
}
