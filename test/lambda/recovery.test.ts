import { disconnectDatabase } from '../../src/db';
import { testDatabaseUri } from '../helpers/database';
import { Mailbox, tokenIn } from '../helpers/mailbox';
import { lambdaContext, restEvent } from './events';
import { TEST_MFA_KEY } from '../helpers/app';

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
    RATE_LIMIT_ACCOUNT_FAILURES: '5',
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

describe('password reset through the Lambda handler', () => {
  it('mails the link before answering, and the link resets the password: sessions die, the new password logs in', async () => {
    const email = `lambda-reset-${Date.now()}@example.com`;
    const registered = await invoke({
      method: 'POST',
      path: '/auth/register',
      body: { email, password: 'correct horse' },
    });

    const forgot = await invoke({ method: 'POST', path: '/auth/password/forgot', body: { email } });
    const unknown = await invoke({
      method: 'POST',
      path: '/auth/password/forgot',
      body: { email: `nobody-${Date.now()}@example.com` },
    });
    // nothing runs after a Lambda's answer: the mail must already be here
    const mails = mailbox.to(email, 'reset your password');
    const reset = await invoke({
      method: 'POST',
      path: '/auth/password/reset',
      body: { token: tokenIn(mails[0], 'reset-password'), newPassword: 'a brand new secret' },
    });
    const oldSession = await invoke({ method: 'GET', path: '/user/myprofile', token: registered.json.token });
    const oldPassword = await invoke({
      method: 'POST',
      path: '/auth/login',
      body: { email, password: 'correct horse' },
    });
    const newPassword = await invoke({
      method: 'POST',
      path: '/auth/login',
      body: { email, password: 'a brand new secret' },
    });

    expect(registered.statusCode).toBe(201);
    expect(mailbox.to(email, 'confirm your email address')).toHaveLength(1);
    expect([forgot.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(unknown.body).toBe(forgot.body);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('https://app.example.com/reset-password?token=');
    expect(reset.statusCode).toBe(204);
    expect(mailbox.to(email, 'your password was reset')).toHaveLength(1);
    expect(oldSession.statusCode).toBe(401);
    expect(oldPassword.statusCode).toBe(401);
    expect(newPassword.statusCode).toBe(200);
    expect(newPassword.json.token).toEqual(expect.any(String));
  });
});
