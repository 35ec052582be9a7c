import type { Express } from 'express';
import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { resetThroughMail } from '../helpers/lifecycle';
import { Mailbox } from '../helpers/mailbox';
import { request } from '../helpers/request';
import { awayFromStepEdge, totpCode } from '../helpers/totp';
import { addPasskey, loginOptions } from '../passkeys/passkey-helpers';
import { Identity } from '../../src/oidc/oidc.models';
import { Passkey } from '../../src/passkeys/passkey.model';
import { User } from '../../src/users/user.model';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;
beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp(mailbox.env());
});
afterAll(() => mailbox.stop());

const verified = (email: string, emailVerified: boolean) => User.updateOne({ email }, { $set: { emailVerified } });

/**
 * The classic pre-account takeover: the attacker registers the victim's address and adds ways in of their own.
 * Since v1.7 an unverified account cannot add them; an account made before (or any other path to the same
 * state) is arranged here by letting the attacker's account count as verified while they add them.
 */
async function preHijacked(victimEmail: string) {
  const attacker = await registerUser(app, { email: victimEmail, password: 'the attacker chose it' });
  await verified(victimEmail, true);
  const { authenticator } = await addPasskey(app, attacker);
  const { secret } = (
    await request(app).post('/user/mfa/totp').set(bearer(attacker.token)).send({ password: attacker.password })
  ).body;
  await awayFromStepEdge();
  await request(app)
    .post('/user/mfa/totp/confirm')
    .set(bearer(attacker.token))
    .send({ code: totpCode(secret) })
    .expect(200);
  const user = await User.findOne({ email: victimEmail }).lean();
  await Identity.create({ userId: user!._id, provider: 'test', subject: 'attacker', linkedAt: new Date() });
  await request(app)
    .put('/user/email')
    .set(bearer(attacker.token))
    .send({ newEmail: `attacker-${victimEmail}`, password: attacker.password })
    .expect(202);
  await verified(victimEmail, false);
  return { attacker, authenticator, userId: user!._id };
}

describe('a reset that is the first proof of the mailbox', () => {
  it("removes every way in the account had before it: the attacker's passkey, identity, TOTP and email change", async () => {
    const victimEmail = `victim-${Date.now()}@example.com`;
    const { authenticator, userId } = await preHijacked(victimEmail);

    await resetThroughMail(app, mailbox, victimEmail, 'the victim took it back');

    expect(await Passkey.countDocuments({ userId })).toBe(0);
    expect(await Identity.countDocuments({ userId })).toBe(0);
    const user = await User.findById(userId).select('+mfa').lean();
    expect(user?.mfa).toBeUndefined();
    expect(user).toMatchObject({ email: victimEmail, emailVerified: true, pendingEmail: null });
    const { challengeId, options } = await loginOptions(app);
    const res = await request(app)
      .post('/auth/passkey')
      .send({ challengeId, response: authenticator.authenticate(options) });
    expect(res.status).toBe(401);
    const login = await request(app)
      .post('/auth/login')
      .send({ email: victimEmail, password: 'the victim took it back' })
      .expect(200);
    expect(login.body.auth).toBe(true); // no TOTP of the attacker's stands between the victim and the account
  });

  it('keeps the ways in of an account whose address was verified already: the reset only sets a password', async () => {
    const owner = await registerUser(app);
    await verified(owner.email, true);
    await addPasskey(app, owner);
    const userId = (await User.findOne({ email: owner.email }).lean())!._id;

    await resetThroughMail(app, mailbox, owner.email, 'forgot it, set anew');

    expect(await Passkey.countDocuments({ userId })).toBe(1);
  });
});
