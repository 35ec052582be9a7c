import { testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { claimsOf, mfaTokenFor, userWithTotp } from '../mfa/mfa-helpers';
import { addPasskey, loginOptions, userWithPasskey } from './passkey-helpers';

useTestDatabase();
const app = testApp();
const verify = (body: object) => request(app).post('/auth/mfa/verify').send(body);

async function totpUserWithPasskey() {
  const user = await userWithTotp(app);
  return { ...user, ...(await addPasskey(app, user)) };
}

describe('a passkey as the second factor of a password login', () => {
  it('lists passkey among the methods when the account has one', async () => {
    const user = await totpUserWithPasskey();

    const res = await request(app).post('/auth/login').send({ email: user.email, password: user.password }).expect(200);

    expect(res.body.methods).toEqual(['totp', 'recovery', 'passkey']);
  });

  it("logs in with the passkey's answer to a challenge of the email: amr pwd+hwk", async () => {
    const user = await totpUserWithPasskey();
    const mfaToken = await mfaTokenFor(app, user);
    const { challengeId, options } = await loginOptions(app, user.email);

    const res = await verify({ mfaToken, challengeId, passkey: user.authenticator.authenticate(options) });

    expect(res.status).toBe(200);
    expect(claimsOf(res.body.token).amr).toEqual(['pwd', 'hwk']);
  });

  it("answers 401 INVALID_MFA_CODE for another account's passkey, and the mfaToken still works", async () => {
    const user = await totpUserWithPasskey();
    const eve = await userWithPasskey(app);
    const mfaToken = await mfaTokenFor(app, user);
    const theirs = await loginOptions(app);

    const res = await verify({
      mfaToken,
      challengeId: theirs.challengeId,
      passkey: eve.authenticator.authenticate(theirs.options),
    });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_MFA_CODE');
    const own = await loginOptions(app, user.email);
    await verify({
      mfaToken,
      challengeId: own.challengeId,
      passkey: user.authenticator.authenticate(own.options),
    }).expect(200);
  });

  it('answers 401 INVALID_MFA_CODE for a challenge used once already', async () => {
    const user = await totpUserWithPasskey();
    const { challengeId, options } = await loginOptions(app, user.email);
    await verify({
      mfaToken: await mfaTokenFor(app, user),
      challengeId,
      passkey: user.authenticator.authenticate(options),
    }).expect(200);

    const res = await verify({
      mfaToken: await mfaTokenFor(app, user),
      challengeId,
      passkey: user.authenticator.authenticate(options),
    });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_MFA_CODE');
  });

  it('answers 400 VALIDATION_FAILED for a passkey without its challengeId, or with a code besides', async () => {
    const user = await totpUserWithPasskey();
    const mfaToken = await mfaTokenFor(app, user);
    const { challengeId, options } = await loginOptions(app, user.email);
    const passkey = user.authenticator.authenticate(options);

    await verify({ mfaToken, passkey }).expect(400);
    await verify({ mfaToken, challengeId, passkey, code: '123456' }).expect(400);
  });
});
