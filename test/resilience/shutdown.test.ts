import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { testDatabaseUri } from '../helpers/database';

// The built server (npm test builds it first), with bcrypt slow enough that a login is still in flight
// when SIGTERM arrives.
const serverJs = join(__dirname, '../../dist/server.js');

describe('the server on SIGTERM', () => {
  it('stops accepting, lets in-flight requests finish with their answer, closes MongoDB and exits 0 within 10 s', async () => {
    const env = { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0', MONGODB_URI: testDatabaseUri(), JWT_SECRET: 's'.repeat(40), BCRYPT_COST: '14', RATE_LIMIT_ADDRESS_PER_MINUTE: '0' };
    const server = spawn(process.execPath, [serverJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    server.stdout.on('data', (chunk) => (stdout += chunk));
    for (let i = 0; i < 100 && !/listening on/.test(stdout); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const base = `http://127.0.0.1:${/localhost:(\d+)/.exec(stdout)![1]}`;
    const user = { email: `shutdown-${Date.now()}@example.com`, password: 'correct horse' };
    const post = (path: string) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
    expect((await post('/auth/register')).status).toBe(201);

    const inFlight = [post('/auth/login'), post('/auth/login')];
    await new Promise((resolve) => setTimeout(resolve, 150));
    const signalled = Date.now();
    server.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await fetch(`${base}/health`).then(() => 'answered', (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message);
    const answers = await Promise.all(inFlight);
    const [code] = await once(server, 'exit');

    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    expect(refused).toBe('ECONNREFUSED');
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(stdout).toContain('"msg":"stopped"');
  });
});
