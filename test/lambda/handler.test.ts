import { disconnectDatabase } from '../../src/db';
import { testDatabaseUri } from '../helpers/database';
import { UNDELIVERABLE_MAIL_ENV } from '../helpers/mailbox';
import { httpApiEvent, lambdaContext, restEvent } from './events';
import { TEST_MFA_KEY } from '../helpers/app';

Object.assign(process.env, {
  NODE_ENV: 'production',
  MONGODB_URI: testDatabaseUri(),
  JWT_SECRET: 'lambda-secret-that-is-at-least-32-chars',
  MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
  LOG_LEVEL: 'silent',
  RATE_LIMIT_ADDRESS_PER_MINUTE: '3',
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
  RATE_LIMIT_ACCOUNT_FAILURES: '5',
  ...UNDELIVERABLE_MAIL_ENV, // production requires SMTP; the reset flow through this handler is in recovery.test.ts
});
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment is set, as Lambda does
const { handler } = require('../../src/lambda') as typeof import('../../src/lambda');

afterAll(() => disconnectDatabase());

let ip = 0;
const freshIp = () => `203.0.113.${++ip}`; // each caller its own address: the per-address limit is 3 here
const invoke = async (request: Parameters<typeof restEvent>[0]) => {
  const result = await handler(restEvent({ sourceIp: freshIp(), ...request }), lambdaContext());
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
};
const email = () => `lambda-${Date.now()}-${Math.random().toString(16).slice(2)}@example.com`;

async function registered() {
  const user = { email: email(), password: 'correct horse' };
  const res = await invoke({ method: 'POST', path: '/auth/register', body: { name: 'Ada', ...user } });
  return { ...user, token: res.json.token as string, refreshToken: res.json.refreshToken as string };
}

describe('the Lambda handler with API Gateway REST proxy events', () => {
  it('answers POST /auth/register 201 with the tokens', async () => {
    const res = await invoke({
      method: 'POST',
      path: '/auth/register',
      body: { email: email(), password: 'correct horse' },
    });

    expect(res.statusCode).toBe(201);
    expect(res.json).toEqual({
      auth: true,
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 604800,
    });
  });

  it('answers POST /auth/login 200, and 401 INVALID_CREDENTIALS as problem+json for a wrong password', async () => {
    const user = await registered();

    const ok = await invoke({
      method: 'POST',
      path: '/auth/login',
      body: { email: user.email, password: user.password },
    });
    const wrong = await invoke({
      method: 'POST',
      path: '/auth/login',
      body: { email: user.email, password: 'wrong password' },
    });

    expect(ok.statusCode).toBe(200);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.json.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers GET /user/myprofile 200 with the profile and no hash, and 401 without a token', async () => {
    const user = await registered();

    const profile = await invoke({ method: 'GET', path: '/user/myprofile', token: user.token });
    const anonymous = await invoke({ method: 'GET', path: '/user/myprofile' });

    expect(profile.statusCode).toBe(200);
    expect(profile.json.email).toBe(user.email);
    expect(profile.body).not.toContain('$2b$');
    expect(anonymous.statusCode).toBe(401);
  });

  it('rotates on POST /auth/refresh and revokes on POST /auth/logout, seen by the next invocation', async () => {
    const user = await registered();

    const refreshed = await invoke({
      method: 'POST',
      path: '/auth/refresh',
      body: { refreshToken: user.refreshToken },
    });
    const reused = await invoke({ method: 'POST', path: '/auth/refresh', body: { refreshToken: user.refreshToken } });
    const logout = await invoke({ method: 'POST', path: '/auth/logout', token: refreshed.json.token });
    const after = await invoke({ method: 'GET', path: '/user/myprofile', token: refreshed.json.token });

    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json.refreshToken).not.toBe(user.refreshToken);
    expect(reused.json.code).toBe('INVALID_REFRESH_TOKEN');
    expect(logout.statusCode).toBe(204);
    expect(after.statusCode).toBe(401);
  });

  it('carries auth_time, and re-authenticates the same session through POST /auth/reauthenticate (v1.7)', async () => {
    const user = await registered();
    const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

    const again = await invoke({
      method: 'POST',
      path: '/auth/reauthenticate',
      token: user.token,
      body: { password: user.password },
    });

    expect(again.statusCode).toBe(200);
    expect(claimsOf(user.token).auth_time).toEqual(expect.any(Number));
    expect(claimsOf(again.json.token)).toMatchObject({ sid: claimsOf(user.token).sid, amr: ['pwd'] });
    expect(claimsOf(again.json.token).auth_time).toBeGreaterThanOrEqual(claimsOf(user.token).auth_time);
  });

  it('lists and revokes sessions, changes the password and deletes the account', async () => {
    const user = await registered();
    const sessions = await invoke({ method: 'GET', path: '/user/sessions', token: user.token });
    const one = await invoke({
      method: 'DELETE',
      path: `/user/sessions/${'0'.repeat(24)}`,
      resource: '/user/sessions/{id}',
      token: user.token,
    });
    const password = await invoke({
      method: 'PUT',
      path: '/user/password',
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'a new secret' },
    });
    const all = await invoke({ method: 'DELETE', path: '/user/sessions', token: user.token });
    const relogin = await invoke({
      method: 'POST',
      path: '/auth/login',
      body: { email: user.email, password: 'a new secret' },
    });
    const gone = await invoke({
      method: 'DELETE',
      path: '/user/myprofile',
      token: relogin.json.token,
      body: { password: 'a new secret' },
    });

    expect(sessions.statusCode).toBe(200);
    expect(sessions.json).toEqual([expect.objectContaining({ current: true, userAgent: 'jest-lambda' })]);
    expect(one.json.code).toBe('SESSION_NOT_FOUND');
    expect([password.statusCode, all.statusCode, relogin.statusCode, gone.statusCode]).toEqual([204, 204, 200, 204]);
  });

  it('answers GET /health and GET /ready 200, and an unknown path 404 NOT_FOUND', async () => {
    expect((await invoke({ method: 'GET', path: '/health' })).json).toEqual({ status: 'ok' });
    expect((await invoke({ method: 'GET', path: '/ready' })).json).toEqual({ status: 'ready' });
    expect((await invoke({ method: 'GET', path: '/nope', resource: '/{proxy+}' })).json.code).toBe('NOT_FOUND');
  });

  it('answers other spellings of token routes, which API Gateway routes to {proxy+} past the authorizer, 404 NOT_FOUND', async () => {
    const user = await registered();
    const loose = [
      ['GET', '/USER/MyProfile'],
      ['GET', '/user/myprofile/'],
      ['DELETE', '/User/Sessions'],
      ['DELETE', '/user/sessions/'],
      ['PUT', '/user/Password'],
    ];

    for (const [method, path] of loose) {
      const res = await invoke({ method, path, resource: '/{proxy+}', token: user.token });
      expect([method, path, res.statusCode, res.json.code]).toEqual([method, path, 404, 'NOT_FOUND']);
    }
    expect((await invoke({ method: 'GET', path: '/user/sessions', token: user.token })).json).toHaveLength(1); // nothing was revoked
  });

  it('counts the API Gateway source IP as the client address, not X-Forwarded-For', async () => {
    const sourceIp = '192.0.2.77';
    const attempt = () =>
      handler(
        restEvent({
          method: 'POST',
          path: '/auth/login',
          body: { email: email(), password: 'wrong password' },
          sourceIp,
        }),
        lambdaContext(),
      );
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);

    expect((await attempt()).statusCode).toBe(429);
    expect((await invoke({ method: 'GET', path: '/health' })).statusCode).toBe(200);
  });
});

describe('the Lambda handler with an HTTP API v2 event', () => {
  it('answers POST /auth/login and GET /user/myprofile', async () => {
    const user = await registered();

    const login = await handler(
      httpApiEvent({ method: 'POST', path: '/auth/login', body: { email: user.email, password: user.password } }),
      lambdaContext(),
    );
    const token = JSON.parse(login.body).token;
    const profile = await handler(httpApiEvent({ method: 'GET', path: '/user/myprofile', token }), lambdaContext());

    expect(login.statusCode).toBe(200);
    expect(profile.statusCode).toBe(200);
    expect(JSON.parse(profile.body).email).toBe(user.email);
  });
});
