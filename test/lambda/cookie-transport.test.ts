import { parseSetCookie } from 'cookie';
import { disconnectDatabase } from '../../src/db';
import { testDatabaseUri } from '../helpers/database';
import { httpApiEvent, lambdaContext, restEvent } from './events';
import { UNDELIVERABLE_MAIL_ENV } from '../helpers/mailbox';
import { TEST_MFA_KEY } from '../helpers/app';

Object.assign(process.env, {
  NODE_ENV: 'production',
  MONGODB_URI: testDatabaseUri(),
  JWT_SECRET: 'lambda-secret-that-is-at-least-32-chars',
  MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
  ...UNDELIVERABLE_MAIL_ENV,
  LOG_LEVEL: 'silent',
  RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
  RATE_LIMIT_ACCOUNT_FAILURES: '0',
});
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment is set, as Lambda does
const { handler } = require('../../src/lambda') as typeof import('../../src/lambda');

afterAll(() => disconnectDatabase());

// the page's own origin: the API's host, over https (API Gateway speaks nothing else)
const browser = { Origin: 'https://abcdef1234.execute-api.us-east-1.amazonaws.com' };
const cookieTransport = { 'X-Session-Transport': 'cookie' };
const email = () => `lambda-cookie-${Date.now()}-${Math.random().toString(16).slice(2)}@example.com`;
const register = {
  method: 'POST',
  path: '/auth/register',
  headers: cookieTransport,
  body: { email: '', password: 'correct horse' },
};
const valueOf = (setCookie: string) => `authgate_refresh=${parseSetCookie(setCookie).value}`;
const json = (body: string | undefined) => (body ? JSON.parse(body) : undefined);

describe('the cookie transport through the Lambda handler, REST API (v1) events', () => {
  it('carries Set-Cookie in multiValueHeaders, Secure in production, and reads the Cookie header back on refresh', async () => {
    const opened = await handler(
      restEvent({ ...register, body: { ...register.body, email: email() } }),
      lambdaContext(),
    );
    const [cookie] = opened.multiValueHeaders?.['set-cookie'] as string[];

    const refreshed = await handler(
      restEvent({ method: 'POST', path: '/auth/refresh', headers: browser, cookies: [valueOf(cookie)] }),
      lambdaContext(),
    );

    expect(opened.statusCode).toBe(201);
    expect(json(opened.body).refreshToken).toBeUndefined();
    expect(parseSetCookie(cookie)).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: '/auth',
      maxAge: 2592000,
    });
    expect(opened.headers?.['set-cookie']).toBeUndefined();
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.multiValueHeaders?.['set-cookie']).toEqual([
      expect.stringMatching(/^authgate_refresh=[\w-]{43};/),
    ]);
    expect(valueOf((refreshed.multiValueHeaders?.['set-cookie'] as string[])[0])).not.toBe(valueOf(cookie));
  });

  it('answers 403 CSRF_REJECTED to a cookie refresh from another origin', async () => {
    const opened = await handler(
      restEvent({ ...register, body: { ...register.body, email: email() } }),
      lambdaContext(),
    );
    const cookies = [valueOf((opened.multiValueHeaders?.['set-cookie'] as string[])[0])];

    const foreign = await handler(
      restEvent({ method: 'POST', path: '/auth/refresh', headers: { Origin: 'https://evil.example' }, cookies }),
      lambdaContext(),
    );

    expect(foreign.statusCode).toBe(403);
    expect(json(foreign.body).code).toBe('CSRF_REJECTED');
    expect(
      (await handler(restEvent({ method: 'POST', path: '/auth/refresh', headers: browser, cookies }), lambdaContext()))
        .statusCode,
    ).toBe(200);
  });
});

describe('the cookie transport through the Lambda handler, HTTP API (v2) events', () => {
  type V2Result = { statusCode: number; body?: string; cookies?: string[]; headers?: Record<string, string> };
  const invoke = async (request: Parameters<typeof httpApiEvent>[0]) =>
    (await handler(httpApiEvent(request), lambdaContext())) as unknown as V2Result;

  it("carries Set-Cookie in the `cookies` array, reads the event's cookies on refresh, and clears it on logout", async () => {
    const opened = await invoke({ ...register, body: { ...register.body, email: email() } });
    const refreshed = await invoke({
      method: 'POST',
      path: '/auth/refresh',
      headers: browser,
      cookies: [valueOf(opened.cookies![0])],
    });
    const current = [valueOf(refreshed.cookies![0])];

    const logout = await invoke({
      method: 'POST',
      path: '/auth/logout',
      headers: browser,
      token: json(refreshed.body).token,
      cookies: current,
    });

    expect(opened.statusCode).toBe(201);
    expect(opened.cookies).toEqual([
      expect.stringMatching(
        /^authgate_refresh=[\w-]{43}; Max-Age=2592000; Path=\/auth; HttpOnly; Secure; SameSite=Strict$/,
      ),
    ]);
    expect(opened.headers?.['set-cookie']).toBeUndefined();
    expect(refreshed.statusCode).toBe(200);
    expect(current[0]).not.toBe(valueOf(opened.cookies![0]));
    expect(logout.statusCode).toBe(204);
    expect(parseSetCookie(logout.cookies![0])).toMatchObject({ value: '', maxAge: 0, path: '/auth' });
    expect(
      (await invoke({ method: 'POST', path: '/auth/refresh', headers: browser, cookies: current })).statusCode,
    ).toBe(401);
  });
});
