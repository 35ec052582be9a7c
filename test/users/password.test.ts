import { request } from '../helpers/request';
import { User } from '../../src/users/user.model';
import { bearer, logIn, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();
const storedHash = async (email: string) => (await User.findOne({ email }).select('+password').lean())!.password;

describe('PUT /user/password', () => {
  it('answers 204, changes the password and revokes every other session, keeping this one', async () => {
    const user = await registerUser(app);
    const other = await logIn(app, user);

    await request(app)
      .put('/user/password')
      .set(bearer(user.token))
      .send({ currentPassword: user.password, newPassword: 'a new secret' })
      .expect(204);

    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200);
    await request(app).get('/user/myprofile').set(bearer(other.token)).expect(401);
    await request(app).post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    await request(app).post('/auth/login').send({ email: user.email, password: user.password }).expect(401);
    await request(app).post('/auth/login').send({ email: user.email, password: 'a new secret' }).expect(200);
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong current password and changes nothing', async () => {
    const user = await registerUser(app);
    const other = await logIn(app, user);
    const before = await storedHash(user.email);

    const res = await request(app)
      .put('/user/password')
      .set(bearer(user.token))
      .send({ currentPassword: 'not it at all', newPassword: 'a new secret' });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    expect(await storedHash(user.email)).toBe(before);
    await request(app).get('/user/myprofile').set(bearer(other.token)).expect(200);
  });

  it.each([
    ['a new password of 6 characters', { newPassword: 'sixsix' }],
    ['a new password over 72 bytes', { newPassword: 'é'.repeat(37) }],
    ['a missing new password', { newPassword: undefined }],
    ['an object as current password', { currentPassword: { $ne: null } }],
  ])('answers 400 VALIDATION_FAILED for %s and changes nothing', async (_case, fields) => {
    const user = await registerUser(app);
    const before = await storedHash(user.email);

    const res = await request(app)
      .put('/user/password')
      .set(bearer(user.token))
      .send({ currentPassword: user.password, newPassword: 'a new secret', ...fields });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(await storedHash(user.email)).toBe(before);
  });

  it('answers 401 UNAUTHORIZED without a token', async () => {
    const res = await request(app)
      .put('/user/password')
      .send({ currentPassword: 'whatever1', newPassword: 'a new secret' });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
  });
});
