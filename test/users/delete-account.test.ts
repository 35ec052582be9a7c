import { request } from '../helpers/request';
import { Session } from '../../src/sessions/session.model';
import { User } from '../../src/users/user.model';
import { bearer, logIn, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();

describe('DELETE /user/myprofile', () => {
  it('answers 204; the user and all their sessions are gone, their tokens refused, and the email can register again', async () => {
    const user = await registerUser(app);
    const other = await logIn(app, user);
    const id = (await User.findOne({ email: user.email }).lean())!._id;

    await request(app).delete('/user/myprofile').set(bearer(user.token)).send({ password: user.password }).expect(204);

    expect(await User.countDocuments({ email: user.email })).toBe(0);
    expect(await Session.countDocuments({ userId: id })).toBe(0);
    await request(app).get('/user/myprofile').set(bearer(other.token)).expect(401);
    await request(app).post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    await request(app).post('/auth/login').send({ email: user.email, password: user.password }).expect(401);
    await request(app).post('/auth/register').send({ email: user.email, password: 'starting over' }).expect(201);
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password and deletes nothing', async () => {
    const user = await registerUser(app);

    const res = await request(app)
      .delete('/user/myprofile')
      .set(bearer(user.token))
      .send({ password: 'not the password' });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200);
  });

  it('answers 400 VALIDATION_FAILED without a password, or with an operator object, and deletes nothing', async () => {
    const user = await registerUser(app);

    for (const body of [{}, { password: { $ne: null } }]) {
      const res = await request(app).delete('/user/myprofile').set(bearer(user.token)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await User.countDocuments({ email: user.email })).toBe(1);
  });

  it('answers 401 UNAUTHORIZED without a token', async () => {
    expect((await request(app).delete('/user/myprofile').send({ password: 'whatever1' })).status).toBe(401);
  });
});
