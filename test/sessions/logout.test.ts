import { request } from '../helpers/request';
import { bearer, logIn, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();

describe('POST /auth/logout', () => {
  it('answers 204 and the very next request with that access token is 401, while other sessions live on', async () => {
    const user = await registerUser(app);
    const other = await logIn(app, user);

    await request(app).post('/auth/logout').set(bearer(user.token)).expect(204);

    const res = await request(app).get('/user/myprofile').set(bearer(user.token));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
    await request(app).get('/user/myprofile').set(bearer(other.token)).expect(200);
  });

  it('answers 401 UNAUTHORIZED without a token, and for a token already logged out', async () => {
    const user = await registerUser(app);
    await request(app).post('/auth/logout').set(bearer(user.token)).expect(204);

    expect((await request(app).post('/auth/logout')).status).toBe(401);
    expect((await request(app).post('/auth/logout').set(bearer(user.token))).body.code).toBe('UNAUTHORIZED');
  });
});
