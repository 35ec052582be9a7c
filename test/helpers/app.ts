import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { request } from './request';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';
/** The MFA_ENCRYPTION_KEY of the tests that run the production configuration (32 bytes in base64). */
export const TEST_MFA_KEY = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';

export function testConfig(env: Record<string, string> = {}): Config {
  // rate limits off unless a test turns them on: every test request comes from one address
  const limitsOff = {
    RATE_LIMIT_ACCOUNT_FAILURES: '0',
    RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
  };
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_SECRET,
    BCRYPT_COST: '10',
    LOG_LEVEL: 'silent',
    ...limitsOff,
    ...env,
  });
}

export function testApp(env: Record<string, string> = {}): Express {
  return createApp(testConfig(env));
}

export const uniqueEmail = () => `user-${randomUUID()}@example.com`;

export type TestUser = { email: string; password: string; name: string; token: string; refreshToken: string };

/** Registers a user through the real route and returns what a client would hold. */
export async function registerUser(app: Express, fields: Partial<Omit<TestUser, 'token'>> = {}): Promise<TestUser> {
  const user = { name: 'Ada Lovelace', email: uniqueEmail(), password: 'correct horse', ...fields };
  const res = await request(app).post('/auth/register').send(user).expect(201);
  return { ...user, token: res.body.token, refreshToken: res.body.refreshToken };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Logs an existing user in again: a second session, as from a second device. */
export async function logIn(app: Express, user: Pick<TestUser, 'email' | 'password'>, userAgent = 'second-device') {
  const res = await request(app)
    .post('/auth/login')
    .set('User-Agent', userAgent)
    .send({ email: user.email, password: user.password })
    .expect(200);
  return res.body as { token: string; refreshToken: string; expiresIn: number };
}

/** Polls GET /ready until it answers 200; returns how long that took. */
export async function untilReady(app: Express, limitMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    if ((await request(app).get('/ready')).status === 200) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not ready within ${limitMs} ms`);
}
