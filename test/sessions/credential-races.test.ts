import { request } from '../helpers/request';
import { bearer, registerUser, testApp, type TestUser } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const logIn = (user: TestUser) => request(app).post('/auth/login').send({ email: user.email, password: user.password });
// the login starts while the change is on its way: its password check overlaps the change's write
const OFFSETS_MS = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 120, 140];

/** Runs `change` and, `offset` ms later, a login with the old password; both answered, the login's session must be dead. */
async function raceLogin(offset: number, change: (user: TestUser) => Promise<{ status: number }>) {
  const user = await registerUser(app);
  const [changed, login] = await Promise.all([change(user), sleep(offset).then(() => logIn(user))]);
  return { user, changed: changed.status, login };
}

/** The racing login either failed, or its session works on no route that takes a token or a refresh token. */
async function expectNoWorkingSession(login: { status: number; body: { token?: string; refreshToken?: string } }) {
  if (login.status !== 200) return void expect(login.status).toBe(401);
  await request(app).get('/user/sessions').set(bearer(login.body.token!)).expect(401);
  await request(app).post('/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
}

describe('a login that checked the old password while the password changed', () => {
  it.each(OFFSETS_MS)(
    'opens no session that works once the change has answered (login %i ms after)',
    async (offset) => {
      const change = (user: TestUser) =>
        request(app)
          .put('/user/password')
          .set(bearer(user.token))
          .send({ currentPassword: user.password, newPassword: 'a brand new secret' });

      const { changed, login } = await raceLogin(offset, change);

      expect(changed).toBe(204);
      await expectNoWorkingSession(login);
    },
  );
});

describe('a login that checked the password while the account was deleted', () => {
  it.each(OFFSETS_MS)(
    'leaves no session of the gone user that works on any route (login %i ms after)',
    async (offset) => {
      const remove = (user: TestUser) =>
        request(app).delete('/user/myprofile').set(bearer(user.token)).send({ password: user.password });

      const { changed, login } = await raceLogin(offset, remove);

      expect(changed).toBe(204);
      await expectNoWorkingSession(login);
    },
  );
});
