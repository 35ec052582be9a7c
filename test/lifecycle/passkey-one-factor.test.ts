import { testApp } from '../helpers/app';
import { SoftAuthenticator } from '../helpers/authenticator';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { awayFromStepEdge, totpCode } from '../helpers/totp';
import { claimsOf, userWithTotp } from '../mfa/mfa-helpers';
import { addPasskey, loginOptions } from '../passkeys/passkey-helpers';

useTestDatabase();
const app = testApp();

async function totpUserWithKey(userVerified: boolean) {
  const user = await userWithTotp(app);
  return { ...user, ...(await addPasskey(app, user, new SoftAuthenticator({ userVerified }))) };
}
async function passkeyLogin(authenticator: SoftAuthenticator, status: number) {
  const { challengeId, options } = await loginOptions(app);
  return request(app)
    .post('/auth/passkey')
    .send({ challengeId, response: authenticator.authenticate(options) })
    .expect(status);
}

describe('a passkey login on an account with TOTP on', () => {
  it('answers mfaRequired, as a password does, when the authenticator did not verify the person', async () => {
    const user = await totpUserWithKey(false); // a stolen security key, no PIN asked

    const res = await passkeyLogin(user.authenticator, 200);

    expect(res.body).toEqual({
      auth: false,
      mfaRequired: true,
      mfaToken: expect.any(String),
      methods: ['totp', 'recovery'],
    });
    await awayFromStepEdge();
    const done = await request(app)
      .post('/auth/mfa/verify')
      .send({ mfaToken: res.body.mfaToken, code: totpCode(user.secret, 1) })
      .expect(200);
    expect(claimsOf(done.body.token).amr).toEqual(['hwk', 'otp']);
  });

  it('does not take the same passkey again as the second factor', async () => {
    const user = await totpUserWithKey(false);
    const { mfaToken } = (await passkeyLogin(user.authenticator, 200)).body;
    const { challengeId, options } = await loginOptions(app, user.email);

    const res = await request(app)
      .post('/auth/mfa/verify')
      .send({ mfaToken, challengeId, passkey: user.authenticator.authenticate(options) })
      .expect(401);

    expect(res.body.code).toBe('INVALID_MFA_CODE');
  });

  it('logs in at once when the authenticator verified the person: two factors in one (amr hwk user)', async () => {
    const user = await totpUserWithKey(true);

    const res = await passkeyLogin(user.authenticator, 200);

    expect(claimsOf(res.body.token).amr).toEqual(['hwk', 'user']);
  });
});
