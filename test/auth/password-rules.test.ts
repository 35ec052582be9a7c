import { request } from '../helpers/request';
import { bearer, registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { User } from '../../src/users/user.model';

useTestDatabase();
const app = testApp();
const register = (password: string, target = app) =>
  request(target).post('/auth/register').send({ email: uniqueEmail(), password });

describe('common passwords', () => {
  it.each(['password', '12345678', 'iloveyou', 'Password', 'qwerty123'])(
    'refuses %s on register with 400 VALIDATION_FAILED that says why, and stores no user',
    async (password) => {
      const email = uniqueEmail();

      const res = await request(app).post('/auth/register').send({ email, password });

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ path: 'password', message: expect.stringMatching(/too common/) }]);
      expect(await User.exists({ email })).toBeNull();
    },
  );

  it('refuses a common new password on PUT /user/password and keeps the old one', async () => {
    const user = await registerUser(app);

    const res = await request(app)
      .put('/user/password')
      .set(bearer(user.token))
      .send({ currentPassword: user.password, newPassword: 'letmein1' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'newPassword', message: expect.stringMatching(/too common/) }]);
    await request(app).post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
  });

  it('accepts a password that is on no list', async () => {
    await register('correct horse battery').expect(201);
  });
});

describe('PASSWORD_MIN_LENGTH', () => {
  it("keeps the tutorial's 7 characters by default", async () => {
    await register('7 chars').expect(201);
  });

  it('raises the minimum when set: 10 refuses 9 characters with 400 and a reason', async () => {
    const strict = testApp({ PASSWORD_MIN_LENGTH: '10' });

    const res = await register('nine char', strict);

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'password', message: 'must be at least 10 characters' }]);
    await register('ten chars!', strict).expect(201);
  });
});

describe('passwords that bcrypt would not see as they are', () => {
  it.each([
    ['a NUL byte (bcrypt stops there)', 'password\u0000password'],
    ['a tab', 'correct\thorse'],
    ['a lone surrogate (it would become U+FFFD)', 'correct horse \uD800'],
  ])('are refused with 400 VALIDATION_FAILED: %s', async (_case, password) => {
    const res = await register(password);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it.each([' password ', 'ＰＡＳＳＷＯＲＤ', 'iloveyou\u00a0'])(
    'finds %p on the common list once normalised and trimmed',
    async (password) => {
      const res = await register(password);

      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/too common/);
    },
  );
});
