import { request } from '../helpers/request';
import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const refresh = (app: ReturnType<typeof testApp>, refreshToken: string) =>
  request(app).post('/auth/refresh').send({ refreshToken });

describe('session expiry, with short configured lifetimes', () => {
  it('refuses a refresh token not used within REFRESH_TOKEN_TTL, and the access token of that session', async () => {
    const app = testApp({ REFRESH_TOKEN_TTL: '1' });
    const user = await registerUser(app);
    await sleep(1200);

    const res = await refresh(app, user.refreshToken);

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_REFRESH_TOKEN');
    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(401);
  });

  it('keeps a session alive past REFRESH_TOKEN_TTL while it is used, and ends it at SESSION_MAX_AGE all the same', async () => {
    const app = testApp({ REFRESH_TOKEN_TTL: '2', SESSION_MAX_AGE: '3' });
    const user = await registerUser(app);
    await sleep(1500);
    const first = await refresh(app, user.refreshToken).expect(200);
    await sleep(1000);
    const second = await refresh(app, first.body.refreshToken).expect(200); // 2.5 s: past the first TTL, alive by use
    await sleep(700);

    const late = await refresh(app, second.body.refreshToken); // 3.2 s: past the absolute limit

    expect(late.status).toBe(401);
    await request(app).get('/user/myprofile').set(bearer(second.body.token)).expect(401);
  });
});
