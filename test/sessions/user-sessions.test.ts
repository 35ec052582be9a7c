import jwt from 'jsonwebtoken';
import { request } from '../helpers/request';
import { bearer, logIn, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();
const sessionIdOf = (token: string) => (jwt.decode(token) as { sid: string }).sid;

describe('GET /user/sessions', () => {
  it('lists the live sessions only, newest use first, marking the current one', async () => {
    const user = await registerUser(app);
    const phone = await logIn(app, user, 'phone');
    const laptop = await logIn(app, user, 'laptop');
    await request(app).post('/auth/logout').set(bearer(laptop.token)).expect(204);

    const res = await request(app).get('/user/sessions').set(bearer(phone.token));

    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.body.map((s: { id: string }) => s.id).sort()).toEqual(
      [sessionIdOf(user.token), sessionIdOf(phone.token)].sort(),
    );
    const current = res.body.find((s: { current: boolean }) => s.current);
    expect(current).toEqual({
      id: sessionIdOf(phone.token),
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      userAgent: 'phone',
      current: true,
    });
  });

  it("shows one user nothing of another user's sessions", async () => {
    const alice = await registerUser(app);
    const bob = await registerUser(app);

    const res = await request(app).get('/user/sessions').set(bearer(alice.token));

    expect(res.body.map((s: { id: string }) => s.id)).not.toContain(sessionIdOf(bob.token));
  });

  it('answers 401 without a token', async () => {
    expect((await request(app).get('/user/sessions')).status).toBe(401);
  });
});

describe('DELETE /user/sessions/:id', () => {
  it('answers 204 and that session is refused by its very next request', async () => {
    const user = await registerUser(app);
    const other = await logIn(app, user);

    await request(app)
      .delete(`/user/sessions/${sessionIdOf(other.token)}`)
      .set(bearer(user.token))
      .expect(204);

    await request(app).get('/user/myprofile').set(bearer(other.token)).expect(401);
    await request(app).post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200);
  });

  it("answers 404 SESSION_NOT_FOUND for another user's session, and leaves it alive", async () => {
    const alice = await registerUser(app);
    const bob = await registerUser(app);

    const res = await request(app)
      .delete(`/user/sessions/${sessionIdOf(bob.token)}`)
      .set(bearer(alice.token));

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('SESSION_NOT_FOUND');
    await request(app).get('/user/myprofile').set(bearer(bob.token)).expect(200);
  });

  it.each(['not-an-id', '000000000000000000000000'])('answers 404 SESSION_NOT_FOUND for the id %s', async (id) => {
    const user = await registerUser(app);

    const res = await request(app).delete(`/user/sessions/${id}`).set(bearer(user.token));

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('SESSION_NOT_FOUND');
  });
});

describe('DELETE /user/sessions', () => {
  it("answers 204 and revokes every session of the user, this one too, and no one else's", async () => {
    const user = await registerUser(app);
    const other = await logIn(app, user);
    const stranger = await registerUser(app);

    await request(app).delete('/user/sessions').set(bearer(user.token)).expect(204);

    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(401);
    await request(app).get('/user/myprofile').set(bearer(other.token)).expect(401);
    await request(app).get('/user/myprofile').set(bearer(stranger.token)).expect(200);
  });
});
