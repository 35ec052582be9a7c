import { disconnectDatabase } from '../../src/db';
import { TEST_MFA_KEY } from '../helpers/app';
import { testDatabaseUri } from '../helpers/database';
import { Mailbox, tokenIn } from '../helpers/mailbox';
import { lambdaContext, restEvent } from './events';

// The Lambda handler as API Gateway (REST v1 proxy) calls it, mailing through a real SMTP server on loopback.
let mailbox: Mailbox;
let handler: typeof import('../../src/lambda').handler;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  Object.assign(process.env, {
    NODE_ENV: 'production',
    MONGODB_URI: testDatabaseUri(),
    JWT_SECRET: 'lambda-secret-that-is-at-least-32-chars',
    MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
    APP_URL: 'https://app.example.com',
    ...mailbox.env(),
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment is set, as Lambda does
  ({ handler } = require('../../src/lambda') as typeof import('../../src/lambda'));
});
afterAll(async () => {
  await disconnectDatabase();
  await mailbox.stop();
});

const invoke = async (request: Parameters<typeof restEvent>[0]) => {
  const result = await handler(restEvent(request), lambdaContext());
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
};

describe('sign in by email through the Lambda handler', () => {
  it('mails the link and code before answering; the link signs in, the same answer for an unknown address', async () => {
    const email = `lambda-email-${Date.now()}@example.com`;
    await invoke({ method: 'POST', path: '/auth/register', body: { email, password: 'correct horse' } });

    const started = await invoke({ method: 'POST', path: '/auth/email/start', body: { email } });
    const unknown = await invoke({
      method: 'POST',
      path: '/auth/email/start',
      body: { email: `nobody-${Date.now()}@example.com` },
    });
    // nothing runs after a Lambda's answer: the mail must already be here
    const mails = mailbox.to(email, 'your sign-in code');
    const signedIn = await invoke({
      method: 'POST',
      path: '/auth/email/verify',
      body: { token: tokenIn(mails[0], 'sign-in') },
    });
    const profile = await invoke({ method: 'GET', path: '/user/myprofile', token: signedIn.json.token });

    expect([started.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(unknown.body).toBe(started.body);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('https://app.example.com/sign-in?token=');
    expect(signedIn.statusCode).toBe(200);
    expect(profile.json).toMatchObject({ email, emailVerified: true });
  });
});
