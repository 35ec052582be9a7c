import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { ADMIN_KEY } from '../admin/admin-helpers';
import { TEST_MFA_KEY, TEST_SECRET, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { WebhookDelivery } from '../../src/webhooks/webhook.models';
import { subscribe, webhookEnv } from './helpers';
import { Receiver } from './receiver';

// The built server (`npm start`), as child processes over the test's database: killed, restarted, two at once.
const serverJs = join(__dirname, '../../dist/server.js');
const database = useTestDatabase();
let receiver: Receiver;
let endpointId: string;
beforeAll(async () => {
  receiver = await Receiver.start();
  endpointId = (await subscribe(testApp(webhookEnv()), receiver, ['user.created'])).id;
});
afterAll(() => receiver.stop());

type Server = { child: ChildProcess; url: string; exited: Promise<unknown> };

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [serverJs], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: '0',
      MONGODB_URI: database.uri(),
      JWT_SECRET: TEST_SECRET,
      MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
      ADMIN_API_KEYS: ADMIN_KEY,
      RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
      RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
      MAIL_TRANSPORT: 'log',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.resume();
  for (let i = 0; i < 150; i++) {
    const match = /listening on http:\/\/localhost:(\d+)/.exec(stdout);
    if (match) return { child, url: `http://127.0.0.1:${match[1]}`, exited };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${stdout}`);
}

async function register(server: Server, email = uniqueEmail()): Promise<string> {
  const res = await fetch(`${server.url}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse' }),
  });
  expect(res.status).toBe(201);
  return email;
}

const createdFor = (email: string) => receiver.ofType('user.created').filter((m) => m.event.data.email === email);

async function stop(server: Server, signal: NodeJS.Signals = 'SIGTERM') {
  server.child.kill(signal);
  await server.exited;
}

describe('the local server delivers in the background', () => {
  it('delivers within seconds of the change, without the answer waiting for it', async () => {
    const server = await startServer();
    const email = await register(server);

    await receiver.waitFor(() => createdFor(email).length === 1);

    expect(createdFor(email)[0].verifiedBy).toHaveLength(1);
    await stop(server);
  });

  it('delivers a change made just before the process was killed (SIGKILL) once it is started again', async () => {
    const first = await startServer();
    const email = await register(first);
    await stop(first, 'SIGKILL'); // right after the answer: the worker has had no pass yet
    expect(createdFor(email)).toHaveLength(0);

    const second = await startServer();
    await receiver.waitFor(() => createdFor(email).length >= 1);

    expect(createdFor(email)[0].verifiedBy).toHaveLength(1);
    await stop(second);
  });

  it('delivers each message once with two processes over one database', async () => {
    const servers = [await startServer(), await startServer()];
    const emails = await Promise.all(Array.from({ length: 12 }, (_, i) => register(servers[i % 2])));

    await receiver.waitFor(() => emails.every((email) => createdFor(email).length > 0), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // a few more passes of both: nothing sent twice

    const ids = receiver.ofType('user.created').filter((m) => emails.includes(m.event.data.email as string));
    expect(ids).toHaveLength(12);
    expect(new Set(ids.map((message) => message.id)).size).toBe(12);
    await Promise.all(servers.map((server) => stop(server)));
  });

  it('hands an attempt in flight back at SIGTERM, and the next process sends it', async () => {
    const server = await startServer();
    receiver.behave = () => 'hang';
    const email = await register(server);
    await receiver.waitFor(() => createdFor(email).length === 1); // in flight: the receiver holds it

    await stop(server);

    const delivery = await WebhookDelivery.findOne({ endpointId, status: 'pending' }).lean();
    expect(delivery).toMatchObject({ attempts: 0, claim: null });
    expect(delivery!.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now());
    receiver.behave = () => 200;
    const next = await startServer();
    await receiver.waitFor(() => createdFor(email).length === 2);
    expect(createdFor(email)[1].id).toBe(createdFor(email)[0].id);
    await stop(next);
  });
});
