// The floor of a login: bcrypt comparisons per second at the configured cost, 16 in flight, on the libuv
// threadpool of one process placed like the server. Prints { rps, cpuUs }: hashes per second and this
// process's CPU µs per hash (threadpool included).
import bcrypt from 'bcrypt';

const cost = Number(process.env.BCRYPT_COST ?? 10);
const seconds = Number(process.argv[2] ?? 3);
const hash = await bcrypt.hash('correct horse battery', cost);
const inFlight = 16;

async function worker(deadline, counter) {
  while (performance.now() < deadline) {
    await bcrypt.compare('correct horse battery', hash);
    counter.n += 1;
  }
}

await Promise.all(Array.from({ length: inFlight }, () => worker(performance.now() + 500, { n: 0 }))); // warm-up
const counter = { n: 0 };
const start = performance.now();
const cpu = process.cpuUsage();
await Promise.all(Array.from({ length: inFlight }, () => worker(start + seconds * 1000, counter)));
const { user, system } = process.cpuUsage(cpu);
console.log(
  JSON.stringify({ rps: counter.n / ((performance.now() - start) / 1000), cpuUs: (user + system) / counter.n }),
);
