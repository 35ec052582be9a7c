import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { testDatabaseUri } from '../helpers/database';
import { UNDELIVERABLE_MAIL_ENV } from '../helpers/mailbox';
import { TEST_MFA_KEY } from '../helpers/app';

// The real entry point, built by `npm test`'s pretest step, run as `npm start` would run it.
const serverJs = join(__dirname, '../../dist/server.js');

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [serverJs], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return { child, output: () => ({ stdout, stderr }) };
}

async function waitForListening(output: () => { stdout: string }): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const match = /listening on http:\/\/localhost:(\d+)/.exec(output().stdout);
    if (match) return Number(match[1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start: ${output().stdout}`);
}

describe('the server entry point', () => {
  it('stops at start with one clear line, no stack trace, when production lacks JWT_SECRET', async () => {
    const { child, output } = startServer({
      NODE_ENV: 'production',
      MONGODB_URI: testDatabaseUri(),
      ...UNDELIVERABLE_MAIL_ENV,
    });

    const [code] = await once(child, 'exit');

    expect(code).toBe(1);
    expect(output().stderr.trim()).toBe(
      'Invalid configuration: JWT_SECRET is required in production (at least 32 characters)',
    );
  });

  it('serves on PORT against MONGODB_URI, and on SIGTERM closes cleanly and exits 0', async () => {
    const { child, output } = startServer({
      NODE_ENV: 'production',
      MONGODB_URI: testDatabaseUri(),
      JWT_SECRET: 's'.repeat(40),
      MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
      PORT: '0',
      ...UNDELIVERABLE_MAIL_ENV,
    });
    const port = await waitForListening(output);

    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');

    expect(code).toBe(0);
    expect(output().stdout).toContain('"msg":"stopped"');
    expect(output().stdout).not.toContain('mongodb://');
  });
});
