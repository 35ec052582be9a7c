import type { Express } from 'express';
import { LinkToken } from '../../src/recovery/link-token.model';
import { User } from '../../src/users/user.model';
import { bearer, registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox, tokenIn } from '../helpers/mailbox';
import { request } from '../helpers/request';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;
const APP_URL = 'https://app.example.com';

beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp({ ...mailbox.env(), APP_URL });
});
afterAll(() => mailbox.stop());

const verificationMail = (email: string, count = 1) => mailbox.waitFor(email, 'confirm your email address', count);
const verify = (token: unknown) => request(app).post('/auth/verify-email').send({ token });

describe('registration and POST /auth/verify-email', () => {
  it('mails a link to APP_URL/verify-email over SMTP, in a text and an HTML part that say what to do and what if it was not you', async () => {
    const user = await registerUser(app);

    const mail = await verificationMail(user.email);

    expect(mail.from).toContain('no-reply@authgate.test');
    expect(mail.subject).toBe('authgate: confirm your email address');
    expect(mail.text).toMatch(new RegExp(`${APP_URL}/verify-email\\?token=[A-Za-z0-9_-]{43}\\b`));
    expect(mail.text).toContain('If you did not ask for this');
    expect(mail.html).toContain(`href="${APP_URL}/verify-email?token=${tokenIn(mail, 'verify-email')}"`);
    expect(mail.html).toContain('authgate');
  });

  it('answers 200 { emailVerified: true, email } for the mailed link, and the profile says emailVerified', async () => {
    const user = await registerUser(app);
    const before = await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200);
    const token = tokenIn(await verificationMail(user.email), 'verify-email');

    const res = await verify(token);

    expect(before.body.emailVerified).toBe(false);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ emailVerified: true, email: user.email });
    expect((await request(app).get('/user/myprofile').set(bearer(user.token))).body.emailVerified).toBe(true);
  });

  it('keeps only the SHA-256 of the token', async () => {
    const user = await registerUser(app);
    const token = tokenIn(await verificationMail(user.email), 'verify-email');
    const stored = await LinkToken.find({ email: user.email }).lean();

    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 400 INVALID_TOKEN for a used, a tampered and an unknown token', async () => {
    const user = await registerUser(app);
    const token = tokenIn(await verificationMail(user.email), 'verify-email');
    await verify(token).expect(200);

    for (const bad of [token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'x'.repeat(43)]) {
      const res = await verify(bad);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_TOKEN');
    }
  });

  it('answers 400 INVALID_TOKEN for an expired link and leaves the address unverified', async () => {
    const shortApp = testApp({ ...mailbox.env(), EMAIL_VERIFY_TTL: '1' });
    const user = await registerUser(shortApp);
    const token = tokenIn(await verificationMail(user.email), 'verify-email');
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const res = await request(shortApp).post('/auth/verify-email').send({ token });

    expect(res.body.code).toBe('INVALID_TOKEN');
    expect((await User.findOne({ email: user.email }).lean())!.emailVerified).toBe(false);
  });

  it.each([
    ['no token', {}],
    ['a number', { token: 42 }],
    ['an object', { token: { $ne: null } }],
    ['an empty string', { token: '' }],
    ['a token over 256 characters', { token: 'a'.repeat(257) }],
  ])('answers 400 VALIDATION_FAILED for %s', async (_name, body) => {
    const res = await request(app).post('/auth/verify-email').send(body);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('POST /auth/verify-email/resend', () => {
  it('answers 202 and mails a new link; the earlier link still works', async () => {
    const user = await registerUser(app);
    const first = tokenIn(await verificationMail(user.email), 'verify-email');

    const res = await request(app).post('/auth/verify-email/resend').set(bearer(user.token));
    const second = tokenIn(await verificationMail(user.email, 2), 'verify-email');

    expect(res.status).toBe(202);
    expect(second).not.toBe(first);
    await verify(first).expect(200);
  });

  it('answers 202 and the new link verifies the address', async () => {
    const user = await registerUser(app);
    await request(app).post('/auth/verify-email/resend').set(bearer(user.token)).expect(202);

    await verify(tokenIn(await verificationMail(user.email, 2), 'verify-email')).expect(200);

    expect((await User.findOne({ email: user.email }).lean())!.emailVerified).toBe(true);
  });

  it('answers 401 without an access token', async () => {
    const res = await request(app).post('/auth/verify-email/resend');

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
  });

  it('answers 429 over the per-address limit', async () => {
    const limited = testApp({ ...mailbox.env(), RATE_LIMIT_ADDRESS_PER_MINUTE: '2' });
    const user = await registerUser(app);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await request(limited).post('/auth/verify-email/resend').set(bearer(user.token))).status);

    expect(statuses).toEqual([202, 202, 429]);
  });
});

describe('REQUIRE_VERIFIED_EMAIL=true', () => {
  let strict: Express;
  beforeAll(() => void (strict = testApp({ ...mailbox.env(), REQUIRE_VERIFIED_EMAIL: 'true' })));

  it('registers with 201 { auth: false, emailVerificationRequired: true } and no tokens, and mails the link', async () => {
    const email = uniqueEmail();

    const res = await request(strict).post('/auth/register').send({ email, password: 'correct horse' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ auth: false, emailVerificationRequired: true });
    await verificationMail(email);
  });

  it('answers a right password 403 EMAIL_NOT_VERIFIED until the link is used, a wrong one 401, then logs in', async () => {
    const email = uniqueEmail();
    await request(strict).post('/auth/register').send({ email, password: 'correct horse' }).expect(201);

    const unverified = await request(strict).post('/auth/login').send({ email, password: 'correct horse' });
    const wrong = await request(strict).post('/auth/login').send({ email, password: 'wrong horse' });
    await verify(tokenIn(await verificationMail(email), 'verify-email')).expect(200);
    const verified = await request(strict).post('/auth/login').send({ email, password: 'correct horse' });

    expect(unverified.status).toBe(403);
    expect(unverified.body.code).toBe('EMAIL_NOT_VERIFIED');
    expect(wrong.status).toBe(401);
    expect(verified.status).toBe(200);
    expect(verified.body.token).toEqual(expect.any(String));
  });
});
