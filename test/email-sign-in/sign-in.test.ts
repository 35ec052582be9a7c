import type { Express } from 'express';
import { setTimeout as delay } from 'node:timers/promises';
import { User } from '../../src/users/user.model';
import { bearer, registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox } from '../helpers/mailbox';
import { request } from '../helpers/request';
import { claimsOf } from '../mfa/mfa-helpers';
import { signInMail, SUBJECT, verify } from './helpers';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp({ ...mailbox.env(), RATE_LIMIT_ADDRESS_PER_MINUTE: '0' });
});
afterAll(() => mailbox.stop());

describe('POST /auth/email/start → POST /auth/email/verify', () => {
  it('signs in with the link: 200, a session with amr email, the address verified', async () => {
    const user = await registerUser(app);
    const { mail, token } = await signInMail(app, mailbox, user.email);

    const res = await verify(app, { token }).expect(200);

    expect(mail.text).toContain(`http://localhost:3000/sign-in?token=${token}`);
    expect(res.body).toEqual({
      auth: true,
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 604800,
    });
    expect(claimsOf(res.body.token).amr).toEqual(['email']);
    const profile = await request(app).get('/user/myprofile').set(bearer(res.body.token)).expect(200);
    expect(profile.body.emailVerified).toBe(true);
  });

  it('signs in with the email and the code of the mail', async () => {
    const user = await registerUser(app);
    const { code } = await signInMail(app, mailbox, user.email);

    const res = await verify(app, { email: user.email.toUpperCase(), code }).expect(200);

    expect(claimsOf(res.body.token).sub).toBeDefined();
  });

  it('takes the challenge once: the link after the code, or again, is 400 INVALID_TOKEN; the code again 401', async () => {
    const user = await registerUser(app);
    const { token, code } = await signInMail(app, mailbox, user.email);

    await verify(app, { email: user.email, code }).expect(200);

    expect((await verify(app, { token })).body.code).toBe('INVALID_TOKEN');
    expect((await verify(app, { email: user.email, code })).body.code).toBe('INVALID_MFA_CODE');
  });

  it('lets a newer request kill the older link and code', async () => {
    const user = await registerUser(app);
    const older = await signInMail(app, mailbox, user.email);
    const newer = await signInMail(app, mailbox, user.email);

    await verify(app, { token: older.token }).expect(400);
    await verify(app, { email: user.email, code: older.code }).expect(401);
    await verify(app, { token: newer.token }).expect(200);
  });

  it('ends the code after 5 wrong tries: the right one is then refused too', async () => {
    const user = await registerUser(app);
    const { code, token } = await signInMail(app, mailbox, user.email);
    const wrong = code === '000000' ? '111111' : '000000';

    for (let i = 0; i < 5; i += 1) {
      const res = await verify(app, { email: user.email, code: wrong });
      expect([401, 429]).toContain(res.status); // the account's backoff may hold the later ones
    }

    await verify(app, { email: user.email, code }).expect((res) => expect([401, 429]).toContain(res.status));
    await verify(app, { token }).expect(200); // the link is the mailbox's own proof: it still works, once
  });

  it('lets exactly one of 20 parallel uses of one link sign in', async () => {
    const user = await registerUser(app);
    const { token } = await signInMail(app, mailbox, user.email);

    const answers = await Promise.all(Array.from({ length: 20 }, () => verify(app, { token })));

    expect(answers.filter((res) => res.status === 200)).toHaveLength(1);
    expect(answers.filter((res) => res.status === 400)).toHaveLength(19);
  });

  it('compares at most 5 of 20 parallel wrong codes, and never signs in with one', async () => {
    const user = await registerUser(app);
    const { code } = await signInMail(app, mailbox, user.email);
    const guesses = Array.from({ length: 20 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));

    const answers = await Promise.all(guesses.map((guess) => verify(app, { email: user.email, code: guess })));

    expect(answers.some((res) => res.status === 200)).toBe(false);
    const row = await User.db.collection('email_challenges').findOne({ email: user.email });
    expect(row?.tries).toBe(5);
  });

  it('answers an unknown address as a known one and mails nothing', async () => {
    const email = uniqueEmail();

    const res = await request(app).post('/auth/email/start').send({ email }).expect(202);
    const known = await request(app)
      .post('/auth/email/start')
      .send({ email: (await registerUser(app)).email });

    expect(res.body).toEqual(known.body);
    await delay(300);
    expect(mailbox.to(email, SUBJECT)).toHaveLength(0);
    expect((await verify(app, { email, code: '123456' })).body.code).toBe('INVALID_MFA_CODE'); // as a wrong code
  });

  it('refuses a disabled account with 403 ACCOUNT_DISABLED', async () => {
    const user = await registerUser(app);
    const { token } = await signInMail(app, mailbox, user.email);
    await User.updateOne({ email: user.email }, { $set: { disabled: true } });

    const res = await verify(app, { token }).expect(403);

    expect(res.body.code).toBe('ACCOUNT_DISABLED');
  });

  it('sends the refresh token as the httpOnly cookie with X-Session-Transport: cookie', async () => {
    const user = await registerUser(app);
    const { token } = await signInMail(app, mailbox, user.email);

    const res = await request(app).post('/auth/email/verify').set('X-Session-Transport', 'cookie').send({ token });

    expect(res.status).toBe(200);
    expect(res.body.refreshToken).toBeUndefined();
    expect(String(res.headers['set-cookie'])).toMatch(/^authgate_refresh=[\w-]{43}; .*HttpOnly/);
  });

  it('mails 3 challenges per address per 15 minutes, and still answers 202 beyond', async () => {
    const user = await registerUser(app);
    for (let i = 0; i < 3; i += 1) await signInMail(app, mailbox, user.email);

    await request(app).post('/auth/email/start').send({ email: user.email }).expect(202);
    await delay(300);

    expect(mailbox.to(user.email, SUBJECT)).toHaveLength(3);
  });
});
