import type { Express } from 'express';
import { User } from '../../src/users/user.model';
import { bearer, logIn, registerUser, testApp, testConfig, uniqueEmail, type TestUser } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox, tokenIn } from '../helpers/mailbox';
import { request } from '../helpers/request';
import { createApp } from '../../src/app';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp({ ...mailbox.env(), RATE_LIMIT_ACCOUNT_FAILURES: '3' });
});
afterAll(() => mailbox.stop());

const forgot = (email: unknown, on = app) => request(on).post('/auth/password/forgot').send({ email });
const reset = (token: unknown, newPassword: unknown = 'a brand new secret') =>
  request(app).post('/auth/password/reset').send({ token, newPassword });
const resetMail = (email: string, count = 1) => mailbox.waitFor(email, 'reset your password', count);
const loginStatus = async (email: string, password: string) =>
  (await request(app).post('/auth/login').send({ email, password })).status;

async function resetToken(user: TestUser, count = 1): Promise<string> {
  await forgot(user.email).expect(202);
  return tokenIn(await resetMail(user.email, count), 'reset-password');
}

describe('POST /auth/password/forgot → POST /auth/password/reset', () => {
  it('resets the password with the mailed link: 204, every session dead, the new password logs in, the old one not', async () => {
    const user = await registerUser(app);
    const other = await logIn(app, user);
    const token = await resetToken(user);

    await reset(token).expect(204);

    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(401);
    await request(app).get('/user/myprofile').set(bearer(other.token)).expect(401);
    await request(app).post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    expect(await loginStatus(user.email, user.password)).toBe(401);
    expect(await loginStatus(user.email, 'a brand new secret')).toBe(200);
  });

  it('mails a link to APP_URL/reset-password whose mail says what to do if it was not you, then a notice of the reset', async () => {
    const user = await registerUser(app);
    const token = await resetToken(user);
    const mail = await resetMail(user.email);

    await reset(token).expect(204);
    const notice = await mailbox.waitFor(user.email, 'your password was reset');

    expect(mail.text).toContain(`http://localhost:3000/reset-password?token=${token}`);
    expect(mail.text).toContain('your password stays as it is');
    expect(mail.html).toContain(`href="http://localhost:3000/reset-password?token=${token}"`);
    expect(notice.text).toContain('If this was not you');
    expect(notice.text).not.toContain('token=');
  });

  it('counts the email as verified and clears the failed-login count', async () => {
    const user = await registerUser(app);
    for (let i = 0; i < 4; i++)
      await request(app).post('/auth/login').send({ email: user.email, password: 'wrong password' });
    expect(await loginStatus(user.email, user.password)).toBe(429);

    await reset(await resetToken(user)).expect(204);

    expect(await loginStatus(user.email, 'a brand new secret')).toBe(200);
    expect((await User.findOne({ email: user.email }).lean())!.emailVerified).toBe(true);
  });

  it('answers a known and an unknown email 202 with the same body', async () => {
    const user = await registerUser(app);

    const known = await forgot(user.email);
    const unknown = await forgot(uniqueEmail());

    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
  });

  it('answers 429 over the per-address limit', async () => {
    const limited = testApp({ ...mailbox.env(), RATE_LIMIT_ADDRESS_PER_MINUTE: '2' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await forgot(uniqueEmail(), limited)).status);

    expect(statuses).toEqual([202, 202, 429]);
  });

  it('mails at most 3 reset links per account per hour, and still answers 202 the same', async () => {
    // as on Lambda: each answer waits for its mail, so the count of mails is final when the answers are in
    const config = testConfig(mailbox.env());
    const waiting = createApp({ ...config, recovery: { ...config.recovery, mailBeforeAnswer: true } });
    const user = await registerUser(app);

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await forgot(user.email, waiting));

    expect(answers.map((res) => res.status)).toEqual([202, 202, 202, 202]);
    expect(answers[3].body).toEqual(answers[0].body);
    expect(mailbox.to(user.email, 'reset your password')).toHaveLength(3);
  });
});

describe('a reset link', () => {
  it('works once: used again it is 400 INVALID_TOKEN and changes nothing', async () => {
    const user = await registerUser(app);
    const token = await resetToken(user);
    await reset(token, 'first new secret').expect(204);

    const again = await reset(token, 'second new secret');

    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_TOKEN');
    expect(await loginStatus(user.email, 'first new secret')).toBe(200);
  });

  it('is 400 INVALID_TOKEN once expired (PASSWORD_RESET_TTL), and the password stays', async () => {
    const short = testApp({ ...mailbox.env(), PASSWORD_RESET_TTL: '1' });
    const user = await registerUser(app);
    await forgot(user.email, short).expect(202);
    const token = tokenIn(await resetMail(user.email), 'reset-password');
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const res = await reset(token);

    expect(res.body.code).toBe('INVALID_TOKEN');
    expect(await loginStatus(user.email, user.password)).toBe(200);
  });

  it('is dead once a newer link is asked for; the newer one works', async () => {
    const user = await registerUser(app);
    const older = await resetToken(user, 1);
    const newer = await resetToken(user, 2);

    expect((await reset(older)).body.code).toBe('INVALID_TOKEN');
    await reset(newer).expect(204);
  });

  it('is dead after a password change, which also mails a notice', async () => {
    const user = await registerUser(app);
    const token = await resetToken(user);

    await request(app)
      .put('/user/password')
      .set(bearer(user.token))
      .send({ currentPassword: user.password, newPassword: 'changed secret' })
      .expect(204);

    expect((await reset(token)).body.code).toBe('INVALID_TOKEN');
    expect((await mailbox.waitFor(user.email, 'your password was changed')).text).toContain('If this was not you');
  });

  it('of 20 parallel uses, exactly one succeeds, and its password is the one set', async () => {
    const user = await registerUser(app);
    const token = await resetToken(user);

    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => reset(token, `parallel secret ${i}`)));

    const winners = answers.flatMap((res, i) => (res.status === 204 ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(answers.filter((res) => res.status === 400 && res.body.code === 'INVALID_TOKEN')).toHaveLength(19);
    expect(await loginStatus(user.email, `parallel secret ${winners[0]}`)).toBe(200);
    expect(await loginStatus(user.email, `parallel secret ${(winners[0] + 1) % 20}`)).toBe(401);
  });
});

describe('bad input', () => {
  it.each([
    ['forgot without an email', '/auth/password/forgot', {}, 'email'],
    ['forgot with a number', '/auth/password/forgot', { email: 42 }, 'email'],
    ['forgot with an object', '/auth/password/forgot', { email: { $gt: '' } }, 'email'],
    ['forgot with a non-email', '/auth/password/forgot', { email: 'not-an-email' }, 'email'],
    [
      'forgot with a 65-character local part',
      '/auth/password/forgot',
      { email: `${'a'.repeat(65)}@example.com` },
      'email',
    ],
    ['reset without a token', '/auth/password/reset', { newPassword: 'a brand new secret' }, 'token'],
    [
      'reset with an object as token',
      '/auth/password/reset',
      { token: { $ne: null }, newPassword: 'a brand new secret' },
      'token',
    ],
    [
      'reset with a 6-character password',
      '/auth/password/reset',
      { token: 'x'.repeat(43), newPassword: 'sixsix' },
      'newPassword',
    ],
    [
      'reset with a password over 72 bytes',
      '/auth/password/reset',
      { token: 'x'.repeat(43), newPassword: 'é'.repeat(37) },
      'newPassword',
    ],
  ])('answers 400 VALIDATION_FAILED for %s', async (_name, path, body, field) => {
    const res = await request(app).post(path).send(body);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((error: { path: string }) => error.path)).toContain(field);
  });

  it('answers a bad new password 400 without using the link', async () => {
    const user = await registerUser(app);
    const token = await resetToken(user);

    await reset(token, 'short').expect(400);

    await reset(token).expect(204);
  });
});
