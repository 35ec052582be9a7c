import type { ChildProcess } from 'node:child_process';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { disconnectDatabase } from '../../src/db';
import { testDatabaseUri } from '../helpers/database';
import { cookieFrom, fragmentOf, startProvider, throughProvider } from '../helpers/oidc';
import { lambdaContext, restEvent } from './events';

// The whole OIDC sign-in through the Lambda handler with REST API (v1) events, against the real test provider.
const API_URL = 'https://abcdef1234.execute-api.us-east-1.amazonaws.com/dev';
let provider: ChildProcess;
let handler: typeof import('../../src/lambda').handler;

beforeAll(async () => {
  const started = await startProvider([
    {
      client_id: 'authgate-lambda',
      client_secret: 'lambda-test-secret',
      redirect_uris: [`${API_URL}/auth/oidc/test/callback`],
    },
  ]);
  provider = started.child;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    MONGODB_URI: testDatabaseUri(),
    JWT_SECRET: 'lambda-secret-that-is-at-least-32-chars',
    LOG_LEVEL: 'silent',
    APP_URL: API_URL,
    API_URL,
    OIDC_PROVIDERS: JSON.stringify([
      { id: 'test', issuer: started.issuer, clientId: 'authgate-lambda', clientSecret: 'lambda-test-secret' },
    ]),
    RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
    RATE_LIMIT_ACCOUNT_FAILURES: '0',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment is set, as Lambda does
  handler = (require('../../src/lambda') as typeof import('../../src/lambda')).handler;
});
afterAll(async () => {
  provider.stdout?.destroy();
  provider.kill('SIGKILL');
  await disconnectDatabase();
});

/** A GET as API Gateway hands it over: path without the stage, the query string in its own fields. */
function getEvent(url: string, cookie?: string): APIGatewayProxyEvent {
  const { pathname, searchParams } = new URL(url);
  const path = pathname.replace(/^\/dev/, '');
  const query = Object.fromEntries(searchParams);
  const event = restEvent({ method: 'GET', path, cookies: cookie ? [cookie] : undefined });
  return {
    ...event,
    queryStringParameters: query,
    multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]])),
  };
}

describe('an OIDC sign-in through the Lambda handler', () => {
  it('starts, comes back through the callback with its cookie, and exchanges the code for a session', async () => {
    const login = `lambda-${Date.now()}@example.com`;

    const start = await handler(getEvent(`${API_URL}/auth/oidc/test/start?redirect=/welcome`), lambdaContext());
    expect(start.statusCode).toBe(302);
    const cookie = cookieFrom(start.multiValueHeaders?.['set-cookie'] as string[]);
    expect(cookie).toMatch(/^authgate_oidc=[\w-]{43}$/);
    const callbackUrl = await throughProvider(
      String(start.headers?.location ?? start.multiValueHeaders?.location?.[0]),
      login,
      API_URL,
    );
    const callback = await handler(getEvent(callbackUrl, cookie), lambdaContext());
    const location = String(callback.headers?.location ?? callback.multiValueHeaders?.location?.[0]);
    const code = fragmentOf(location).get('code');
    const exchanged = await handler(
      restEvent({ method: 'POST', path: '/auth/oidc/exchange', body: { code }, cookies: [cookie] }),
      lambdaContext(),
    );

    expect(callback.statusCode).toBe(302);
    expect(location.startsWith(`${API_URL}/welcome#code=`)).toBe(true);
    expect(exchanged.statusCode).toBe(200);
    expect(JSON.parse(exchanged.body)).toMatchObject({
      auth: true,
      token: expect.any(String),
      refreshToken: expect.any(String),
    });
  });
});
