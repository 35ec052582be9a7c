import type { Express } from 'express';
import { bearer, logIn, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { makeStale, provedAgo } from '../helpers/privileged';
import { request } from '../helpers/request';
import { claimsOf } from '../mfa/mfa-helpers';
import { User } from '../../src/users/user.model';

useTestDatabase();
const app = testApp();
const NO_SUCH_PASSKEY = '/user/passkeys/6b05aeb3e31649e5290a5c1c';

/** Every route that changes how the account is entered, as a thief holding only an access token would call it. */
const privilegedCalls = (app: Express, token: string, password: string) => [
  request(app).post('/user/passkeys/options').set(bearer(token)),
  request(app).post('/user/passkeys').set(bearer(token)).send({ response: {} }),
  request(app).delete(NO_SUCH_PASSKEY).set(bearer(token)),
  request(app).post('/user/identities/test/start').set(bearer(token)),
  request(app).delete('/user/identities/test').set(bearer(token)),
  request(app).post('/user/mfa/totp').set(bearer(token)).send({ password }),
  request(app).post('/user/mfa/totp/confirm').set(bearer(token)).send({ code: '123456' }),
  request(app).delete('/user/mfa/totp').set(bearer(token)).send({ password, code: '123456' }),
  request(app).post('/user/mfa/recovery-codes').set(bearer(token)).send({ password, code: '123456' }),
  request(app).put('/user/email').set(bearer(token)).send({ newEmail: 'thief@example.com', password }),
  request(app).delete('/user/email').set(bearer(token)),
  request(app)
    .put('/user/password')
    .set(bearer(token))
    .send({ currentPassword: password, newPassword: 'thief owns it' }),
  request(app).delete('/user/myprofile').set(bearer(token)).send({ password }),
];

describe('a privileged session (recent authentication)', () => {
  it('refuses a stolen access token of an old session on every route that changes the way in, and nothing changes', async () => {
    const owner = await registerUser(app);
    await makeStale(owner.token); // the thief's copy: the session is live, its login long ago
    const before = await User.findOne({ email: owner.email }).select('+password +mfa').lean();

    const answers = await Promise.all(privilegedCalls(app, owner.token, owner.password));

    expect(answers.map((res) => `${res.status} ${res.body.code}`)).toEqual(
      answers.map(() => '403 REAUTHENTICATION_REQUIRED'),
    );
    expect(await User.findOne({ email: owner.email }).select('+password +mfa').lean()).toEqual(before);
    await logIn(app, owner); // the password still works
    await request(app).get('/user/myprofile').set(bearer(owner.token)).expect(200); // an ordinary route still does
  });

  it('lets a session through just inside PRIVILEGED_SESSION_MAX_AGE and refuses it just outside', async () => {
    const user = await registerUser(app);

    await provedAgo(user.token, 590);
    await request(app).delete(NO_SUCH_PASSKEY).set(bearer(user.token)).expect(404);
    await provedAgo(user.token, 610);
    const res = await request(app).delete(NO_SUCH_PASSKEY).set(bearer(user.token)).expect(403);

    expect(res.body.code).toBe('REAUTHENTICATION_REQUIRED');
  });

  it('keeps the login time through a refresh: a refreshed token of an old session is refused too', async () => {
    const user = await registerUser(app);
    await makeStale(user.token);

    const refreshed = (await request(app).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200))
      .body;

    expect(claimsOf(refreshed.token).auth_time).toBeLessThan(Math.floor(Date.now() / 1000) - 600);
    const res = await request(app).delete(NO_SUCH_PASSKEY).set(bearer(refreshed.token)).expect(403);
    expect(res.body.code).toBe('REAUTHENTICATION_REQUIRED');
  });

  it('lets the old session through at once after a re-authentication, even with the access token it had before', async () => {
    const user = await registerUser(app);
    await makeStale(user.token);

    await request(app)
      .post('/auth/reauthenticate')
      .set(bearer(user.token))
      .send({ password: user.password })
      .expect(200);

    await request(app).delete(NO_SUCH_PASSKEY).set(bearer(user.token)).expect(404);
  });

  it('follows PRIVILEGED_SESSION_MAX_AGE', async () => {
    const strict = testApp({ PRIVILEGED_SESSION_MAX_AGE: '60' });
    const user = await registerUser(strict);

    await provedAgo(user.token, 50);
    await request(strict).delete(NO_SUCH_PASSKEY).set(bearer(user.token)).expect(404);
    await provedAgo(user.token, 70);
    await request(strict).delete(NO_SUCH_PASSKEY).set(bearer(user.token)).expect(403);
  });

  it('puts auth_time (seconds) into every access token: the login time, kept by a refresh', async () => {
    const before = Math.floor(Date.now() / 1000);
    const user = await registerUser(app);
    const login = await logIn(app, user);
    const refreshed = (await request(app).post('/auth/refresh').send({ refreshToken: login.refreshToken }).expect(200))
      .body;

    const loginTime = claimsOf(login.token).auth_time;
    expect(loginTime).toBeGreaterThanOrEqual(before);
    expect(loginTime).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(claimsOf(refreshed.token).auth_time).toBe(loginTime);
  });
});
