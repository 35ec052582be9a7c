import type { Express } from 'express';
import { setTimeout as delay } from 'node:timers/promises';
import { User } from '../../src/users/user.model';
import { bearer, logIn, registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox, tokenIn } from '../helpers/mailbox';
import { request } from '../helpers/request';
import { totpCode } from '../helpers/totp';
import { verifiedUser } from '../helpers/lifecycle';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;
beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp({ ...mailbox.env(), RATE_LIMIT_ADDRESS_PER_MINUTE: '0' });
});
afterAll(() => mailbox.stop());

async function resetToken(email: string): Promise<string> {
  const count = mailbox.to(email, 'reset your password').length + 1;
  await request(app).post('/auth/password/forgot').send({ email }).expect(202);
  return tokenIn(await mailbox.waitFor(email, 'reset your password', count), 'reset-password');
}

describe("an email change in flight while the owner recovers the account (the thief's request races the reset)", () => {
  // The thief's PUT /user/email passes its guard, then checks the password (bcrypt) while the owner's reset
  // revokes every session and clears the pending change: nothing the PUT writes afterwards may survive.
  it.each([0, 5, 10, 15, 20, 25, 30, 40, 50, 60, 80])(
    'leaves no pending change and no working link when the reset is sent %i ms after the request',
    async (offset) => {
      const owner = await registerUser(app);
      const thief = await logIn(app, owner, 'thief');
      const token = await resetToken(owner.email);
      const newEmail = `thief-${uniqueEmail()}`;

      const change = request(app)
        .put('/user/email')
        .set(bearer(thief.token))
        .send({ newEmail, password: owner.password })
        .then((res) => res);
      await delay(offset);
      await request(app).post('/auth/password/reset').send({ token, newPassword: 'the owner is back' }).expect(204);
      const changed = await change;
      await delay(200); // a mail the change sent is in by now

      const user = await User.findOne({ _id: (await User.findOne({ email: owner.email }).lean())!._id }).lean();
      expect(user?.pendingEmail ?? null).toBeNull();
      expect([202, 401]).toContain(changed.status);
      for (const mail of mailbox.to(newEmail, 'confirm your new email address')) {
        const res = await request(app)
          .post('/auth/verify-email')
          .send({ token: tokenIn(mail, 'verify-email') });
        expect(res.body.code).toBe('INVALID_TOKEN');
      }
      expect(user?.email).toBe(owner.email);
    },
  );
});

describe('a TOTP enrollment started by whoever held the account', () => {
  it("dies with the owner's reset: its secret confirms nothing afterwards", async () => {
    const owner = await verifiedUser(app);
    const { secret } = (
      await request(app).post('/user/mfa/totp').set(bearer(owner.token)).send({ password: owner.password }).expect(200)
    ).body;
    const token = await resetToken(owner.email);

    await request(app).post('/auth/password/reset').send({ token, newPassword: 'the owner is back' }).expect(204);
    const again = await logIn(app, { email: owner.email, password: 'the owner is back' });
    const res = await request(app)
      .post('/user/mfa/totp/confirm')
      .set(bearer(again.token))
      .send({ code: totpCode(secret) });

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MFA_NOT_ENABLED');
  });
});
