import { disconnectDatabase } from '../../src/db';
import { SoftAuthenticator } from '../helpers/authenticator';
import { testDatabaseUri } from '../helpers/database';
import { lambdaContext, restEvent, restInvoker } from './events';
import { UNDELIVERABLE_MAIL_ENV } from '../helpers/mailbox';
import { TEST_MFA_KEY } from '../helpers/app';
import { User } from '../../src/users/user.model';

const origin = 'https://app.example.com';
Object.assign(process.env, {
  NODE_ENV: 'production',
  ...UNDELIVERABLE_MAIL_ENV,
  MONGODB_URI: testDatabaseUri(),
  JWT_SECRET: 'lambda-secret-that-is-at-least-32-chars',
  MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
  LOG_LEVEL: 'silent',
  RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
  WEBAUTHN_RP_ID: 'example.com',
  WEBAUTHN_RP_NAME: 'Example',
  WEBAUTHN_ORIGINS: origin,
});
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment is set, as Lambda does
const { handler } = require('../../src/lambda') as typeof import('../../src/lambda');

afterAll(() => disconnectDatabase());

const invoke = restInvoker(handler);

describe('passkeys through the Lambda handler, with the relying party of the environment', () => {
  it('registers a passkey for example.com and logs in with it, discoverable: amr hwk+user', async () => {
    const email = `lambda-passkey-${Date.now()}@example.com`;
    const { token } = (
      await invoke({ method: 'POST', path: '/auth/register', body: { email, password: 'correct horse' } })
    ).json;
    await User.updateOne({ email }, { $set: { emailVerified: true } }); // v1.7: a passkey needs a verified address
    const authenticator = new SoftAuthenticator({ origin, rpId: 'example.com' });
    const creation = (await invoke({ method: 'POST', path: '/user/passkeys/options', token })).json;
    const added = await invoke({
      method: 'POST',
      path: '/user/passkeys',
      token,
      body: { response: authenticator.register(creation), name: 'Phone' },
    });

    const { challengeId, options } = (await invoke({ method: 'POST', path: '/auth/passkey/options', body: {} })).json;
    const login = await invoke({
      method: 'POST',
      path: '/auth/passkey',
      body: { challengeId, response: authenticator.authenticate(options) },
    });

    expect(creation.rp).toEqual({ name: 'Example', id: 'example.com' });
    expect(added.statusCode).toBe(201);
    expect(login.statusCode).toBe(200);
    expect(JSON.parse(Buffer.from(login.json.token.split('.')[1], 'base64url').toString()).amr).toEqual([
      'hwk',
      'user',
    ]);
  });

  it('refuses a passkey made for the default localhost relying party: 400 INVALID_PASSKEY', async () => {
    const email = `lambda-passkey-rp-${Date.now()}@example.com`;
    const { token } = (
      await invoke({ method: 'POST', path: '/auth/register', body: { email, password: 'correct horse' } })
    ).json;
    await User.updateOne({ email }, { $set: { emailVerified: true } }); // v1.7: a passkey needs a verified address
    const creation = (await invoke({ method: 'POST', path: '/user/passkeys/options', token })).json;

    const res = await invoke({
      method: 'POST',
      path: '/user/passkeys',
      token,
      body: { response: new SoftAuthenticator().register(creation) },
    });

    expect(res.statusCode).toBe(400);
    expect(res.json.code).toBe('INVALID_PASSKEY');
  });

  it('serves the account page', async () => {
    const page = await handler(restEvent({ method: 'GET', path: '/account', resource: '/{proxy+}' }), lambdaContext());

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('account/assets/account.js');
  });
});
