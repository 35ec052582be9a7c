import jwt from 'jsonwebtoken';
import { request } from '../helpers/request';
import { Session } from '../../src/sessions/session.model';
import { hashRefreshToken } from '../../src/sessions/refresh-token';
import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp({ REFRESH_REUSE_GRACE: '1' });
const refresh = (refreshToken: unknown) => request(app).post('/auth/refresh').send({ refreshToken });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('POST /auth/refresh', () => {
  it('answers 200 with a new access token of the same session and a NEW refresh token', async () => {
    const user = await registerUser(app);

    const res = await refresh(user.refreshToken);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      auth: true,
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 604800,
    });
    expect(res.body.refreshToken).not.toBe(user.refreshToken);
    expect((jwt.decode(res.body.token) as { sid: string }).sid).toBe((jwt.decode(user.token) as { sid: string }).sid);
    await request(app).get('/user/myprofile').set(bearer(res.body.token)).expect(200);
  });

  it('stores only the SHA-256 of the refresh token, never the token', async () => {
    const user = await registerUser(app);

    const stored = await Session.findOne({ tokenHash: hashRefreshToken(user.refreshToken) }).lean();

    expect(stored).not.toBeNull();
    expect(JSON.stringify(await Session.find().lean())).not.toContain(user.refreshToken);
  });

  it('refuses a refresh token used once already with 401, and within the grace window keeps the session', async () => {
    const user = await registerUser(app);
    const rotated = await refresh(user.refreshToken).expect(200);

    const again = await refresh(user.refreshToken);

    expect(again.status).toBe(401);
    expect(again.body.code).toBe('INVALID_REFRESH_TOKEN');
    await refresh(rotated.body.refreshToken).expect(200);
  });

  it('revokes the whole session when an old refresh token comes back after the grace window', async () => {
    const user = await registerUser(app);
    const rotated = await refresh(user.refreshToken).expect(200);
    await sleep(1200);

    await refresh(user.refreshToken).expect(401);

    await refresh(rotated.body.refreshToken).expect(401);
    await request(app).get('/user/myprofile').set(bearer(rotated.body.token)).expect(401);
    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(401);
  });

  it('lets exactly one of twenty parallel refreshes with one token win; the others get 401 and the session lives on', async () => {
    const user = await registerUser(app);

    const responses = await Promise.all(Array.from({ length: 20 }, () => refresh(user.refreshToken)));

    const winners = responses.filter((res) => res.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((res) => res.status === 401 && res.body.code === 'INVALID_REFRESH_TOKEN')).toHaveLength(19);
    await request(app).get('/user/myprofile').set(bearer(winners[0].body.token)).expect(200);
    await refresh(winners[0].body.refreshToken).expect(200);
  });

  it('answers 401 INVALID_REFRESH_TOKEN for an unknown token and 400 for a missing or non-string one', async () => {
    expect((await refresh('x'.repeat(43))).body.code).toBe('INVALID_REFRESH_TOKEN');
    expect((await refresh({ $ne: null })).status).toBe(400);
    expect((await request(app).post('/auth/refresh').send({})).body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses the refresh token of a logged-out session', async () => {
    const user = await registerUser(app);
    await request(app).post('/auth/logout').set(bearer(user.token)).expect(204);

    const res = await refresh(user.refreshToken);

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_REFRESH_TOKEN');
  });
});
