// HTTP throughput of one route at concurrency 16, by autocannon, after a discarded warm-up.
import autocannon from 'autocannon';
import { snapshot, usage } from './cpu.mjs';

const CONNECTIONS = 16;

/** Resolves autocannon's result plus the seconds until its last response (it finishes on its next 1 s tick). */
function run(options) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let last = started;
    const instance = autocannon({ connections: CONNECTIONS, ...options }, (error, result) =>
      error ? reject(error) : resolve({ ...result, untilLastResponse: (last - started) / 1000 }),
    );
    instance.on('response', () => (last = performance.now()));
  });
}

/**
 * requests(i) gives the i-th request: { method, path, headers, body }. Returns requests/s, error counts and,
 * over the measured window only, the CPU of the processes in `pids` ({ server, database }), of this process
 * (the load generator) and of the host, per request and in cores (bench/cpu.mjs).
 * Slow routes (bcrypt) run a fixed amount instead of a fixed time: with 16 in flight at 20/s, the requests
 * cut off at the end of a 5 s window would cost a fifth of the count.
 */
export async function throughput(base, requests, seconds, amount, pids = {}) {
  let i = 0;
  const request = {
    setupRequest: (req) => {
      const next = requests(i++);
      return { ...req, ...next, headers: { ...req.headers, 'content-type': 'application/json', ...next.headers } };
    },
  };
  // a warm-up by count, not time, for slow routes: it must not leave work in flight into the measured run
  await run({ url: base, requests: [request], ...(amount ? { amount: CONNECTIONS * 2 } : { duration: 1 }) });
  const before = snapshot(pids);
  const result = await run({ url: base, requests: [request], ...(amount ? { amount } : { duration: seconds }) });
  const cpu = usage(before, snapshot(pids), result.requests.total, result.untilLastResponse);
  const fiveXx = result['5xx'] ?? 0;
  const otherBad = result.non2xx - fiveXx;
  const rps = amount ? result.requests.total / result.untilLastResponse : result.requests.average;
  return { rps, p50: result.latency.p50, p99: result.latency.p99, fiveXx, non2xx: otherBad + fiveXx, ...cpu };
}
