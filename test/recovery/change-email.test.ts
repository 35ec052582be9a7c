import type { Express } from 'express';
import { User } from '../../src/users/user.model';
import { bearer, registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox, tokenIn } from '../helpers/mailbox';
import { request } from '../helpers/request';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp(mailbox.env());
});
afterAll(() => mailbox.stop());

const changeEmail = (token: string, body: object) => request(app).put('/user/email').set(bearer(token)).send(body);
const profileOf = async (token: string) =>
  (await request(app).get('/user/myprofile').set(bearer(token)).expect(200)).body;

describe('PUT /user/email', () => {
  it('answers 202, mails the new address a link and the old one a notice, and changes nothing yet', async () => {
    const user = await registerUser(app);
    const newEmail = uniqueEmail();

    const res = await changeEmail(user.token, { newEmail, password: user.password });
    const link = await mailbox.waitFor(newEmail, 'confirm your new email address');
    const notice = await mailbox.waitFor(user.email, 'your email address is being changed');

    expect(res.status).toBe(202);
    expect(link.text).toMatch(/\/verify-email\?token=[A-Za-z0-9_-]{43}/);
    expect(notice.text).toContain(newEmail);
    expect(notice.text).toContain('If this was not you');
    expect(notice.text).not.toContain('token=');
    expect((await profileOf(user.token)).email).toBe(user.email);
  });

  it("changes the address when the new address's link is used: 200 with it, verified, and login uses it", async () => {
    const user = await registerUser(app);
    const newEmail = uniqueEmail();
    await changeEmail(user.token, { newEmail, password: user.password }).expect(202);
    const token = tokenIn(await mailbox.waitFor(newEmail, 'confirm your new email address'), 'verify-email');

    const res = await request(app).post('/auth/verify-email').send({ token });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ emailVerified: true, email: newEmail });
    expect(await profileOf(user.token)).toMatchObject({ email: newEmail, emailVerified: true });
    await request(app).post('/auth/login').send({ email: newEmail, password: user.password }).expect(200);
    await request(app).post('/auth/login').send({ email: user.email, password: user.password }).expect(401);
  });

  it('answers 409 EMAIL_TAKEN and changes nothing when the new address was registered meanwhile; the link works once it is free', async () => {
    const user = await registerUser(app);
    const newEmail = uniqueEmail();
    await changeEmail(user.token, { newEmail, password: user.password }).expect(202);
    const token = tokenIn(await mailbox.waitFor(newEmail, 'confirm your new email address'), 'verify-email');
    const squatter = await registerUser(app, { email: newEmail });

    const res = await request(app).post('/auth/verify-email').send({ token });

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
    expect(await profileOf(user.token)).toMatchObject({ email: user.email, emailVerified: false });
    expect(await User.countDocuments({ email: newEmail })).toBe(1);
    await request(app)
      .delete('/user/myprofile')
      .set(bearer(squatter.token))
      .send({ password: squatter.password })
      .expect(204);
    await request(app).post('/auth/verify-email').send({ token }).expect(200);
  });

  it('answers 409 EMAIL_TAKEN at once for an address in use, its own included, and mails nothing', async () => {
    const user = await registerUser(app);
    const other = await registerUser(app);

    const taken = await changeEmail(user.token, { newEmail: other.email, password: user.password });
    const own = await changeEmail(user.token, { newEmail: user.email.toUpperCase(), password: user.password });

    expect([taken.status, own.status]).toEqual([409, 409]);
    expect(taken.body.code).toBe('EMAIL_TAKEN');
    expect(mailbox.to(other.email, 'new email address')).toHaveLength(0);
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password and mails nothing', async () => {
    const user = await registerUser(app);
    const newEmail = uniqueEmail();

    const res = await changeEmail(user.token, { newEmail, password: 'not the password' });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    expect(mailbox.to(newEmail)).toHaveLength(0);
  });

  it('answers 429 over the per-address limit', async () => {
    const limited = testApp({ ...mailbox.env(), RATE_LIMIT_ADDRESS_PER_MINUTE: '1' });
    const user = await registerUser(app);
    const put = () =>
      request(limited)
        .put('/user/email')
        .set(bearer(user.token))
        .send({ newEmail: uniqueEmail(), password: user.password });

    const statuses = [(await put()).status, (await put()).status];

    expect(statuses).toEqual([202, 429]);
  });

  it('answers 401 without an access token', async () => {
    await request(app).put('/user/email').send({ newEmail: uniqueEmail(), password: 'whatever it is' }).expect(401);
  });

  it.each([
    ['no new email', { password: 'correct horse' }, 'newEmail'],
    ['a non-email', { newEmail: 'nope', password: 'correct horse' }, 'newEmail'],
    ['a 65-character local part', { newEmail: `${'a'.repeat(65)}@example.com`, password: 'correct horse' }, 'newEmail'],
    ['an object as new email', { newEmail: { $ne: null }, password: 'correct horse' }, 'newEmail'],
    ['no password', { newEmail: 'a@example.com' }, 'password'],
    ['a password over 1024 characters', { newEmail: 'a@example.com', password: 'p'.repeat(1025) }, 'password'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_name, body, field) => {
    const user = await registerUser(app);

    const res = await changeEmail(user.token, body);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((error: { path: string }) => error.path)).toContain(field);
  });
});
