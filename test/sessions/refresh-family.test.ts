import { request } from '../helpers/request';
import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp({ REFRESH_REUSE_GRACE: '0' });
const refresh = (refreshToken: string) => request(app).post('/auth/refresh').send({ refreshToken });

// RFC 9700 4.14.2: every refresh token a session spent belongs to its family, not only the last one.
describe('a refresh token spent two rotations ago', () => {
  it("revokes the whole session when presented again, the thief's newest tokens with it", async () => {
    const victim = await registerUser(app);
    const thiefFirst = (await refresh(victim.refreshToken).expect(200)).body;
    const thiefSecond = (await refresh(thiefFirst.refreshToken).expect(200)).body;

    await refresh(victim.refreshToken).expect(401);

    await refresh(thiefSecond.refreshToken).expect(401);
    await request(app).get('/user/myprofile').set(bearer(thiefSecond.token)).expect(401);
  });

  it('revokes the session for any older token of the family, the middle one too', async () => {
    const user = await registerUser(app);
    const first = (await refresh(user.refreshToken).expect(200)).body;
    const second = (await refresh(first.refreshToken).expect(200)).body;
    const third = (await refresh(second.refreshToken).expect(200)).body;

    await refresh(first.refreshToken).expect(401);

    await refresh(third.refreshToken).expect(401);
  });
});

describe('within the grace window', () => {
  it('an older token of the family is only refused, and the session lives on', async () => {
    const graceful = testApp({ REFRESH_REUSE_GRACE: '60' });
    const user = await registerUser(graceful);
    const first = (await request(graceful).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200))
      .body;
    const second = (
      await request(graceful).post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;

    await request(graceful).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);

    await request(graceful).post('/auth/refresh').send({ refreshToken: second.refreshToken }).expect(200);
  });
});
