// Webhook delivery throughput: events recorded on users (as the routes record them), relayed and sent to a
// receiver on loopback by one delivery pass, the local server's worker's work. Prints events per second, and
// beside it the receiver's own floor (bare POSTs of the same body from this process, 4 at a time, as the sender
// sends), since the stand-in database is not mongod: the ratio is the figure. After `npm run build`.
// `node bench/webhooks-throughput.mjs [events]` (default 2000), the embedded database or MONGODB_URI.
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const { connectDatabase, disconnectDatabase } = require('../dist/db.js');
const { User } = require('../dist/users/user.model.js');
const { pendingEvent } = require('../dist/webhooks/events.js');
const { WebhookEndpoint } = require('../dist/webhooks/webhook.models.js');
const { createSecretBox } = require('../dist/mfa/secret-box.js');
const { newSecret } = require('../dist/webhooks/signature.js');
const { createWebhookRun } = require('../dist/webhooks/worker.js');
const { createLogger } = require('../dist/logger.js');

const events = Number(process.argv[2] ?? 2000);
const key = Buffer.alloc(32, 7);
const database = process.env.MONGODB_URI ? null : await startEmbeddedDatabase();
await connectDatabase(`${(process.env.MONGODB_URI ?? database.uri).replace(/\/$/, '')}/authgate-bench-webhooks`);
let received = 0;
const receiver = createServer((req, res) => req.resume().on('end', () => (received++, res.writeHead(204).end())));
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${receiver.address().port}/hooks`;

try {
  await WebhookEndpoint.create({
    url,
    events: ['user.created'],
    secret: createSecretBox(key).seal(newSecret()),
    createdAt: new Date(),
  });
  const stamp = Date.now();
  for (let i = 0; i < events; i += 100)
    await User.insertMany(
      Array.from({ length: Math.min(100, events - i) }, (_, j) => ({
        email: `bench-${stamp}-${i + j}@example.com`,
        pendingEvents: [pendingEvent('user.created')],
      })),
    );
  const run = createWebhookRun(
    { rules: { httpsOnly: false, publicOnly: false }, encryptionKey: key },
    createLogger('silent'),
  );
  const start = process.hrtime.bigint();
  let sent = 0;
  while (sent < events) sent += (await run()).sent;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  const body = JSON.stringify({
    type: 'user.created',
    timestamp: new Date().toISOString(),
    data: { id: 'x'.repeat(24) },
  });
  const floorStart = process.hrtime.bigint();
  const post = () =>
    new Promise((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
        (res) => res.resume().on('end', resolve),
      );
      req.on('error', reject).end(body);
    });
  const worker = async (share) => {
    for (let i = 0; i < share; i++) await post();
  };
  await Promise.all(Array.from({ length: 4 }, () => worker(events / 4)));
  const floorSeconds = Number(process.hrtime.bigint() - floorStart) / 1e9;

  const rate = events / seconds;
  const floor = events / floorSeconds;
  console.log(
    `webhooks: ${events} events relayed and delivered in ${seconds.toFixed(2)} s: ${rate.toFixed(0)} events/s`,
  );
  console.log(
    `receiver floor (bare POSTs, 4 at a time): ${floor.toFixed(0)} requests/s; ratio ${(rate / floor).toFixed(2)}`,
  );
  console.log(
    `database: ${database?.kind ?? 'MONGODB_URI'}; the receiver took ${received} requests (${events} + ${events})`,
  );
} finally {
  await User.db.dropDatabase().catch(() => undefined);
  await disconnectDatabase();
  receiver.close();
  await database?.stop();
}
