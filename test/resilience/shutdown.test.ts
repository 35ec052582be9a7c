import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { testDatabaseUri } from '../helpers/database';
import { Mailbox } from '../helpers/mailbox';
import { TEST_MFA_KEY } from '../helpers/app';

// The built server (npm test builds it first), with bcrypt slow enough that a login or a registration is
// still in flight when SIGTERM arrives.
const serverJs = join(__dirname, '../../dist/server.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// production requires SMTP: a real one, so that no failed send is logged as an error
let mailbox: Mailbox;
beforeAll(async () => void (mailbox = await Mailbox.start()));
afterAll(() => mailbox.stop());

async function startServer(uri: string) {
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: '0',
    MONGODB_URI: uri,
    JWT_SECRET: 's'.repeat(40),
    MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
    BCRYPT_COST: '14',
    RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
    ...mailbox.env(),
  };
  const server = spawn(process.execPath, [serverJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '' };
  server.stdout.on('data', (chunk) => (output.stdout += chunk));
  for (let i = 0; i < 100 && !/listening on/.test(output.stdout); i++) await sleep(100);
  const base = `http://127.0.0.1:${/localhost:(\d+)/.exec(output.stdout)![1]}`;
  const post = (path: string, body: object, signal?: AbortSignal) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  return { server, output, base, post };
}

describe('the server on SIGTERM', () => {
  it('stops accepting, lets in-flight requests finish with their answer, closes MongoDB and exits 0 within 10 s', async () => {
    const { server, output, base, post } = await startServer(testDatabaseUri());
    const user = { email: `shutdown-${Date.now()}@example.com`, password: 'correct horse' };
    expect((await post('/auth/register', user)).status).toBe(201);

    const inFlight = [post('/auth/login', user), post('/auth/login', user)];
    await sleep(150);
    const signalled = Date.now();
    server.kill('SIGTERM');
    await sleep(100);
    const refused = await fetch(`${base}/health`).then(
      () => 'answered',
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
    );
    const answers = await Promise.all(inFlight);
    const [code] = await once(server, 'exit');

    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    expect(refused).toBe('ECONNREFUSED');
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(output.stdout).toContain('"msg":"stopped"');
  });

  it('with only synchronously answered requests behind it (health, HEAD, 404, preflight, 405), has none in flight and does not wait out the drain', async () => {
    const { server, output, base } = await startServer(testDatabaseUri());
    const preflight = {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST' },
    };
    const statuses = [];
    for (const [path, init] of [
      ['/health', {}],
      ['/health', { method: 'HEAD' }],
      ['/nope', {}],
      ['/auth/login', preflight],
      ['/health', { method: 'POST' }],
    ] as const) {
      statuses.push((await fetch(`${base}${path}`, init)).status);
    }
    server.kill('SIGTERM');
    const [code] = await once(server, 'exit');
    const lines = output.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; inFlight?: number });

    expect(statuses).toEqual([200, 200, 404, 204, 405]);
    expect(code).toBe(0);
    expect(lines.filter((line) => line.inFlight !== undefined)).toEqual([
      expect.objectContaining({ msg: 'stopped', inFlight: 0 }),
    ]);
  });

  it('lets a registration whose client hung up finish its work before MongoDB closes', async () => {
    const uri = testDatabaseUri();
    const { server, output, post } = await startServer(uri);
    const email = `gone-${Date.now()}@example.com`;

    const client = new AbortController();
    const gone = post('/auth/register', { email, password: 'correct horse' }, client.signal).catch(() => 'aborted');
    await sleep(150);
    client.abort(); // the connection closes: server.close() no longer waits for it
    server.kill('SIGTERM');
    const [code] = await once(server, 'exit');

    expect(await gone).toBe('aborted');
    expect(code).toBe(0);
    expect(output.stdout).not.toContain('"level":50'); // no handler met a closed connection
    const db = await mongoose.createConnection(uri).asPromise();
    try {
      expect(await db.collection('users').countDocuments({ email })).toBe(1);
    } finally {
      await db.dropDatabase();
      await db.close();
    }
  });
});
