import type { Express } from 'express';
import { setTimeout as delay } from 'node:timers/promises';
import { User } from '../../src/users/user.model';
import { bearer, registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox } from '../helpers/mailbox';
import { request } from '../helpers/request';
import { totpCode } from '../helpers/totp';
import { claimsOf, userWithTotp } from '../mfa/mfa-helpers';
import { signInMail, SUBJECT, verify } from './helpers';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp({ ...mailbox.env(), RATE_LIMIT_ADDRESS_PER_MINUTE: '0' });
});
afterAll(() => mailbox.stop());

const loginStatus = async (email: string, password: string) =>
  (await request(app).post('/auth/login').send({ email, password })).status;

describe('sign in by email, and the account around it', () => {
  it('refuses an expired link and code (EMAIL_SIGN_IN_TTL)', async () => {
    const brief = testApp({ ...mailbox.env(), EMAIL_SIGN_IN_TTL: '1' });
    const user = await registerUser(brief);
    const { token, code } = await signInMail(brief, mailbox, user.email);

    await delay(1200);

    await verify(brief, { token }).expect(400);
    await verify(brief, { email: user.email, code }).expect(401);
  });

  it('asks a TOTP account for its second factor, and the factor signs in with amr email + otp', async () => {
    const user = await userWithTotp(app);
    const { token } = await signInMail(app, mailbox, user.email);

    const step = await verify(app, { token }).expect(200);
    const done = await request(app)
      .post('/auth/mfa/verify')
      .send({ mfaToken: step.body.mfaToken, code: totpCode(user.secret, 1) });

    expect(step.body).toMatchObject({ auth: false, mfaRequired: true });
    expect(done.status).toBe(200);
    expect(claimsOf(done.body.token).amr).toEqual(['email', 'otp']);
  });

  it('makes a password-less account for an unknown address with EMAIL_SIGN_UP=true', async () => {
    const open = testApp({ ...mailbox.env(), EMAIL_SIGN_UP: 'true' });
    const email = uniqueEmail();
    const { code } = await signInMail(open, mailbox, email);

    const res = await verify(open, { email, code }).expect(200);

    const profile = await request(open).get('/user/myprofile').set(bearer(res.body.token)).expect(200);
    expect(profile.body).toMatchObject({ email, emailVerified: true });
    expect((await User.findOne({ email }).select('+password').lean())?.password).toBeUndefined();
  });

  it('mails nothing to an unknown address without EMAIL_SIGN_UP', async () => {
    const email = uniqueEmail();

    await request(app).post('/auth/email/start').send({ email }).expect(202);
    await delay(300);

    expect(mailbox.to(email, SUBJECT)).toHaveLength(0);
  });

  it('as the first proof of the address, leaves nothing to whoever registered it first', async () => {
    // the attacker registers the victim's address with a password of theirs and keeps a session
    const attacker = await registerUser(app);
    // the owner signs in by email: the first proof that the mailbox is theirs
    const { token } = await signInMail(app, mailbox, attacker.email);
    const owner = await verify(app, { token }).expect(200);

    expect(await loginStatus(attacker.email, attacker.password)).toBe(401);
    await request(app).get('/user/myprofile').set(bearer(attacker.token)).expect(401);
    await request(app).post('/auth/refresh').send({ refreshToken: attacker.refreshToken }).expect(401);
    await request(app).get('/user/myprofile').set(bearer(owner.body.token)).expect(200);
  });

  it('keeps the password of an account whose address was verified before', async () => {
    const user = await registerUser(app);
    await User.updateOne({ email: user.email }, { $set: { emailVerified: true } });
    const { token } = await signInMail(app, mailbox, user.email);

    await verify(app, { token }).expect(200);

    expect(await loginStatus(user.email, user.password)).toBe(200);
    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200);
  });

  it('refuses a link whose account has moved to another address since', async () => {
    const user = await registerUser(app);
    const { token } = await signInMail(app, mailbox, user.email);
    await User.updateOne({ email: user.email }, { $set: { email: uniqueEmail() } });

    await verify(app, { token }).expect(400);
  });
});
