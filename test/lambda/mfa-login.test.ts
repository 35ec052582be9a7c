import { disconnectDatabase } from '../../src/db';
import { testDatabaseUri } from '../helpers/database';
import { awayFromStepEdge, totpCode } from '../helpers/totp';
import { restInvoker } from './events';
import { UNDELIVERABLE_MAIL_ENV } from '../helpers/mailbox';
import { TEST_MFA_KEY } from '../helpers/app';
import { User } from '../../src/users/user.model';

Object.assign(process.env, {
  NODE_ENV: 'production',
  MONGODB_URI: testDatabaseUri(),
  JWT_SECRET: 'lambda-secret-that-is-at-least-32-chars',
  MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
  ...UNDELIVERABLE_MAIL_ENV,
  LOG_LEVEL: 'silent',
  RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
});
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment is set, as Lambda does
const { handler } = require('../../src/lambda') as typeof import('../../src/lambda');

afterAll(() => disconnectDatabase());

const invoke = restInvoker(handler);

describe('a login with a TOTP code through the Lambda handler', () => {
  it('enrolls, answers mfaRequired to the password, and logs in with the code: amr pwd+otp', async () => {
    const user = { email: `lambda-mfa-${Date.now()}@example.com`, password: 'correct horse' };
    const { token } = (await invoke({ method: 'POST', path: '/auth/register', body: user })).json;
    await User.updateOne({ email: user.email }, { $set: { emailVerified: true } }); // v1.7: TOTP needs a verified address
    const { secret } = (
      await invoke({ method: 'POST', path: '/user/mfa/totp', token, body: { password: user.password } })
    ).json;
    await awayFromStepEdge();
    await invoke({ method: 'POST', path: '/user/mfa/totp/confirm', token, body: { code: totpCode(secret) } });

    const login = await invoke({ method: 'POST', path: '/auth/login', body: user });
    const verified = await invoke({
      method: 'POST',
      path: '/auth/mfa/verify',
      body: { mfaToken: login.json.mfaToken, code: totpCode(secret, 1) },
    });

    expect(login.json).toEqual({
      auth: false,
      mfaRequired: true,
      mfaToken: expect.any(String),
      methods: ['totp', 'recovery'],
    });
    expect(verified.statusCode).toBe(200);
    expect(JSON.parse(Buffer.from(verified.json.token.split('.')[1], 'base64url').toString()).amr).toEqual([
      'pwd',
      'otp',
    ]);
    expect((await invoke({ method: 'GET', path: '/user/mfa', token: verified.json.token })).json).toEqual({
      totp: true,
      recoveryCodesLeft: 10,
      passkeys: 0,
    });
  });
});
