import { request } from '../helpers/request';
import { User } from '../../src/users/user.model';
import { testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();

describe('POST /auth/register', () => {
  it('answers 201 with auth and a token, and stores a bcrypt hash of the configured cost', async () => {
    const email = uniqueEmail();
    const res = await request(app).post('/auth/register').send({ name: 'Ada', email, password: 'correct horse' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      auth: true,
      token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      expiresIn: 604800,
    });
    const stored = await User.findOne({ email }).select('+password').lean();
    expect(stored?.password).toMatch(/^\$2b\$10\$/);
    expect(stored?.password).not.toContain('correct horse');
  });

  it('stores the email trimmed and lower-cased', async () => {
    const email = uniqueEmail();
    await request(app)
      .post('/auth/register')
      .send({ email: `  ${email.toUpperCase()} `, password: 'correct horse' })
      .expect(201);

    expect(await User.countDocuments({ email })).toBe(1);
  });

  it('answers 409 EMAIL_TAKEN for an email already in use, whatever its case, and keeps the first account', async () => {
    const email = uniqueEmail();
    await request(app).post('/auth/register').send({ email, password: 'first password' }).expect(201);

    const res = await request(app)
      .post('/auth/register')
      .send({ email: email.toUpperCase(), password: 'second password' });

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
    expect(await User.countDocuments({ email })).toBe(1);
    await request(app).post('/auth/login').send({ email, password: 'first password' }).expect(200);
  });

  it('never lets a client set premium or premiumEnds', async () => {
    const email = uniqueEmail();
    await request(app)
      .post('/auth/register')
      .send({
        email,
        password: 'correct horse',
        premium: true,
        premiumEnds: '2099-01-01T00:00:00Z',
        _id: '000000000000000000000001',
      })
      .expect(201);

    const stored = await User.findOne({ email }).lean();
    expect(stored).toMatchObject({ premium: false, premiumEnds: null });
    expect(stored?._id.toString()).not.toBe('000000000000000000000001');
  });

  it.each([
    ['a missing email', { password: 'correct horse' }, 'email'],
    ['a missing password', { email: 'a@example.com' }, 'password'],
    ['an email that is not an email', { email: 'not-an-email', password: 'correct horse' }, 'email'],
    ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.com`, password: 'correct horse' }, 'email'],
    ['a password of 6 characters', { email: 'a@example.com', password: 'sixsix' }, 'password'],
    ['a password over 72 UTF-8 bytes', { email: 'a@example.com', password: 'é'.repeat(37) }, 'password'],
    ['an operator object as email', { email: { $ne: null }, password: 'correct horse' }, 'email'],
    ['a number as password', { email: 'a@example.com', password: 12345678 }, 'password'],
    [
      'a name over 100 characters',
      { name: 'n'.repeat(101), email: 'a@example.com', password: 'correct horse' },
      'name',
    ],
  ])('answers 400 VALIDATION_FAILED for %s and stores nothing', async (_case, body, path) => {
    const before = await User.countDocuments();

    const res = await request(app).post('/auth/register').send(body);

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await User.countDocuments()).toBe(before);
  });

  it('accepts a password of exactly 72 UTF-8 bytes and logs in with it, not with a truncated one', async () => {
    const email = uniqueEmail();
    const password = 'é'.repeat(36);
    await request(app).post('/auth/register').send({ email, password }).expect(201);

    await request(app).post('/auth/login').send({ email, password }).expect(200);
    await request(app)
      .post('/auth/login')
      .send({ email, password: password.slice(0, 35) })
      .expect(401);
  });

  it('answers 400 VALIDATION_FAILED for a body that is an array', async () => {
    const res = await request(app)
      .post('/auth/register')
      .send([{ email: uniqueEmail(), password: 'correct horse' }]);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
