import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { request } from '../helpers/request';
import { registerUser, TEST_SECRET, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();

describe('POST /auth/login', () => {
  it('answers 200 with a token whose claims are sub, id, sid, amr, premium, email_verified, iat and exp (7 days), nothing personal', async () => {
    const user = await registerUser(app);

    const res = await request(app).post('/auth/login').send({ email: user.email, password: user.password });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      auth: true,
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 604800,
    });
    const claims = jwt.verify(res.body.token, TEST_SECRET, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    expect(Object.keys(claims).sort()).toEqual([
      'amr',
      'auth_time',
      'email_verified',
      'exp',
      'iat',
      'id',
      'premium',
      'sid',
      'sub',
    ]);
    expect(claims.auth_time).toBe(claims.iat); // v1.7: the login is when the user proved who they are
    expect(claims.amr).toEqual(['pwd']);
    expect(claims).toMatchObject({ premium: false, email_verified: false }); // v1.4 entitlements: a new user has neither
    expect(claims.id).toBe(claims.sub);
    expect(claims.exp! - claims.iat!).toBe(604800);
    expect(jwt.decode(res.body.token, { complete: true })?.header.alg).toBe('HS256');
  });

  it('compares the email case-insensitively and ignores surrounding spaces', async () => {
    const user = await registerUser(app);

    await request(app)
      .post('/auth/login')
      .send({ email: ` ${user.email.toUpperCase()} `, password: user.password })
      .expect(200);
  });

  it('answers an unknown email exactly as a wrong password: same status, same body', async () => {
    const user = await registerUser(app);

    const wrong = await request(app).post('/auth/login').send({ email: user.email, password: 'wrong password' });
    const unknown = await request(app).post('/auth/login').send({ email: uniqueEmail(), password: 'wrong password' });

    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers['content-type']).toBe(wrong.headers['content-type']);
  });

  it('runs one bcrypt comparison at the configured cost for an unknown email, as for a known one', async () => {
    const compare = jest.spyOn(bcrypt, 'compare');
    try {
      await request(app).post('/auth/login').send({ email: uniqueEmail(), password: 'whatever it is' }).expect(401);

      expect(compare).toHaveBeenCalledTimes(1);
      expect(String(compare.mock.calls[0][1])).toMatch(/^\$2b\$10\$/);
    } finally {
      compare.mockRestore();
    }
  });

  it('refuses operator injection in email or password with 400, never a login', async () => {
    await registerUser(app);

    for (const body of [
      { email: { $ne: null }, password: { $ne: null } },
      { email: { $gt: '' }, password: 'correct horse' },
      { email: 'a@example.com', password: { $ne: 'x' } },
    ]) {
      const res = await request(app).post('/auth/login').send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.token).toBeUndefined();
    }
  });

  it('answers 401 INVALID_CREDENTIALS, not a rule, for a wrong password of any length', async () => {
    const user = await registerUser(app);

    for (const password of ['short', 'x'.repeat(100)]) {
      const res = await request(app).post('/auth/login').send({ email: user.email, password });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('answers 400 VALIDATION_FAILED for a missing password', async () => {
    const res = await request(app).post('/auth/login').send({ email: uniqueEmail() });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'password' })]);
  });
});
