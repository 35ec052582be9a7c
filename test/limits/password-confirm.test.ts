import { request } from '../helpers/request';
import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp({ RATE_LIMIT_ACCOUNT_FAILURES: '3' });

// A stolen access token must not be a way around the login's backoff to guess the password.
describe('wrong current passwords on the routes that ask for one', () => {
  it('count as failed logins: after the limit PUT /user/password answers 429, even with the right password', async () => {
    const user = await registerUser(app);
    const change = (currentPassword: string) =>
      request(app).put('/user/password').set(bearer(user.token)).send({ currentPassword, newPassword: 'a new secret' });
    for (let i = 0; i < 3; i++) await change('not the password').expect(401);

    const right = await change(user.password);

    expect(right.status).toBe(429);
    expect(right.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(right.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await request(app).post('/auth/login').send({ email: user.email, password: user.password }).expect(429);
  });

  it('share the count with login: failed logins block DELETE /user/myprofile, and the account stays', async () => {
    const user = await registerUser(app);
    for (let i = 0; i < 3; i++)
      await request(app).post('/auth/login').send({ email: user.email, password: 'not the password' }).expect(401);

    const res = await request(app).delete('/user/myprofile').set(bearer(user.token)).send({ password: user.password });

    expect(res.status).toBe(429);
    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200);
  });

  it('are reset by a right one, as a successful login resets them', async () => {
    const user = await registerUser(app);
    const change = (currentPassword: string, newPassword: string) =>
      request(app).put('/user/password').set(bearer(user.token)).send({ currentPassword, newPassword });
    for (let i = 0; i < 2; i++) await change('not the password', 'a new secret').expect(401);
    await change(user.password, 'a new secret').expect(204);

    for (let i = 0; i < 2; i++) await change('not the password', 'another secret').expect(401);

    await change('a new secret', 'another secret').expect(204);
  });
});
