import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { testDatabaseUri } from '../helpers/database';
import { Mailbox } from '../helpers/mailbox';
import { TEST_MFA_KEY } from '../helpers/app';

// The built server (npm test builds it first): its mail leaves after the answer, so a SIGTERM right after the
// answer must not lose it.
const serverJs = join(__dirname, '../../dist/server.js');

let mailbox: Mailbox;
beforeAll(async () => void (mailbox = await Mailbox.start()));
afterAll(() => mailbox.stop());

describe('mail that leaves after the answer', () => {
  it('still leaves when the server is stopped right after answering', async () => {
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: '0',
      MONGODB_URI: testDatabaseUri(),
      JWT_SECRET: 's'.repeat(40),
      MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
      RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
      ...mailbox.env(),
    };
    const server = spawn(process.execPath, [serverJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    server.stdout.on('data', (chunk) => (stdout += chunk));
    for (let i = 0; i < 100 && !/listening on/.test(stdout); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const base = `http://127.0.0.1:${/localhost:(\d+)/.exec(stdout)![1]}`;
    const post = (path: string, body: object) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const email = `shutdown-mail-${Date.now()}@example.com`;
    expect((await post('/auth/register', { email, password: 'correct horse' })).status).toBe(201);

    const forgot = await post('/auth/password/forgot', { email });
    server.kill('SIGTERM');
    const [code] = await once(server, 'exit');

    expect(forgot.status).toBe(202);
    expect(code).toBe(0);
    expect(mailbox.to(email, 'confirm your email address')).toHaveLength(1);
    expect(mailbox.to(email, 'reset your password')).toHaveLength(1);
    expect(stdout).not.toContain('"level":50');
  });
});
