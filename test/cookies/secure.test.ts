import { parseSetCookie } from 'cookie';
import { request } from '../helpers/request';
import { testApp, testConfig, uniqueEmail, TEST_MFA_KEY } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { ConfigError, loadConfig } from '../../src/config';
import { sessionCookieSettings } from '../../src/cookies/session-cookie';
import { UNDELIVERABLE_MAIL_ENV } from '../helpers/mailbox';

useTestDatabase();
const settingsFor = (env: Record<string, string>) => sessionCookieSettings(testConfig(env));

describe('the Secure attribute and the Path of the session cookie', () => {
  it.each([
    ['plain http://localhost outside production', false, { APP_URL: 'http://localhost:3000' }],
    [
      'the default APP_URL in production',
      true,
      {
        NODE_ENV: 'production',
        MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
        ...UNDELIVERABLE_MAIL_ENV,
        MONGODB_URI: 'mongodb://db.internal/authgate',
      },
    ],
    [
      'plain http://localhost in production',
      true,
      {
        NODE_ENV: 'production',
        MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
        ...UNDELIVERABLE_MAIL_ENV,
        MONGODB_URI: 'mongodb://db.internal/authgate',
        APP_URL: 'http://localhost:8080',
      },
    ],
    ['an https APP_URL (a container behind a TLS proxy)', true, { APP_URL: 'https://auth.example.com' }],
    ['plain http on any other host', true, { APP_URL: 'http://auth.internal:3000' }],
    ['http://127.0.0.1, which the contract does not exempt', true, { APP_URL: 'http://127.0.0.1:3000' }],
  ])('for %s, Secure is %s', (_name, secure, env) => {
    expect(settingsFor(env).secure).toBe(secure);
  });

  it('takes its Path below the path of APP_URL, e.g. an API Gateway stage', () => {
    expect(settingsFor({}).path).toBe('/auth');
    expect(settingsFor({ APP_URL: 'https://abc.execute-api.us-east-1.amazonaws.com/dev/' }).path).toBe('/dev/auth');
  });

  it('is set with Secure by the app whose APP_URL is https', async () => {
    const app = testApp({ APP_URL: 'https://auth.example.com' });

    const res = await request(app)
      .post('/auth/register')
      .set('X-Session-Transport', 'cookie')
      .send({ email: uniqueEmail(), password: 'correct horse' })
      .expect(201);

    expect(parseSetCookie(res.headers['set-cookie'][0])).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
      path: '/auth',
    });
    expect(res.headers['set-cookie'][0]).toMatch(/; Secure/);
  });

  it('stops at start with one line naming APP_URL when it is not an http(s) URL', () => {
    expect(() => loadConfig({ APP_URL: 'javascript:alert(1)' })).toThrow(ConfigError);
    expect(() => loadConfig({ APP_URL: 'localhost:3000' })).toThrow(/^Invalid configuration: APP_URL /);
  });
});
