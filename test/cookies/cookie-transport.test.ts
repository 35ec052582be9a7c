import { parseSetCookie, type SetCookie } from 'cookie';
import type { Response } from 'supertest';
import { agent, request } from '../helpers/request';
import { bearer, registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();
const ORIGIN = 'http://localhost:3000'; // APP_URL's default: the app's own origin
const COOKIE = { 'X-Session-Transport': 'cookie' };

const setCookies = (res: Response): SetCookie[] =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((line) => parseSetCookie(line));
const sessionCookie = (res: Response) => setCookies(res).find((cookie) => cookie.name === 'authgate_refresh');

describe('the cookie transport (X-Session-Transport: cookie)', () => {
  it('login sets authgate_refresh HttpOnly, SameSite=Strict, Path=/auth, Max-Age=REFRESH_TOKEN_TTL, and the body has no refreshToken', async () => {
    const user = await registerUser(app);

    const res = await request(app)
      .post('/auth/login')
      .set(COOKIE)
      .send({ email: user.email, password: user.password })
      .expect(200);

    expect(res.body).toEqual({ auth: true, token: expect.any(String), expiresIn: 604800 });
    expect(sessionCookie(res)).toEqual({
      name: 'authgate_refresh',
      value: expect.stringMatching(/^[\w-]{43}$/),
      httpOnly: true,
      sameSite: 'strict',
      path: '/auth',
      maxAge: 2592000,
    });
    expect(res.headers['set-cookie']).toHaveLength(1);
    await request(app).get('/user/myprofile').set(bearer(res.body.token)).expect(200);
  });

  it('register answers 201 with the cookie and no refreshToken in the body', async () => {
    const res = await request(app)
      .post('/auth/register')
      .set(COOKIE)
      .send({ email: uniqueEmail(), password: 'correct horse' })
      .expect(201);

    expect(res.body.refreshToken).toBeUndefined();
    expect(sessionCookie(res)?.value).toMatch(/^[\w-]{43}$/);
  });

  it('lives a whole session on the cookie alone: login, refresh twice with no body, logout clears the cookie', async () => {
    const browser = agent(app);
    const user = await registerUser(app);
    const login = await browser
      .post('/auth/login')
      .set(COOKIE)
      .send({ email: user.email, password: user.password })
      .expect(200);

    const first = await browser.post('/auth/refresh').set('Origin', ORIGIN).expect(200);
    const second = await browser.post('/auth/refresh').set('Origin', ORIGIN).send({}).expect(200);
    const logout = await browser.post('/auth/logout').set('Origin', ORIGIN).set(bearer(second.body.token)).expect(204);

    const values = [login, first, second].map((res) => sessionCookie(res)?.value);
    expect(new Set(values).size).toBe(3);
    expect(first.body).toEqual({ auth: true, token: expect.any(String), expiresIn: 604800 });
    expect(sessionCookie(logout)).toEqual({
      name: 'authgate_refresh',
      value: '',
      httpOnly: true,
      sameSite: 'strict',
      path: '/auth',
      maxAge: 0,
    });
    const spent = await request(app)
      .post('/auth/refresh')
      .set('Origin', ORIGIN)
      .set('Cookie', `authgate_refresh=${values[2]}`)
      .expect(401);
    expect(spent.body.code).toBe('INVALID_REFRESH_TOKEN');
    await request(app).get('/user/myprofile').set(bearer(second.body.token)).expect(401);
  });

  it('leaves the JSON transport unchanged: no header, no cookie; the token in the body', async () => {
    const user = await registerUser(app);

    const refreshed = await request(app).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    const logout = await request(app).post('/auth/logout').set(bearer(refreshed.body.token)).expect(204);
    const json = await request(app)
      .post('/auth/login')
      .set('X-Session-Transport', 'json')
      .send({ email: user.email, password: user.password })
      .expect(200);

    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
    expect(json.body.refreshToken).toEqual(expect.any(String));
    [refreshed, logout, json].forEach((res) => expect(res.headers['set-cookie']).toBeUndefined());
  });

  it("lets a body token win over the cookie: the body's session rotates, the cookie's stays as it was", async () => {
    const cookieUser = await registerUser(app);
    const bodyUser = await registerUser(app);

    const res = await request(app)
      .post('/auth/refresh')
      .set('Cookie', `authgate_refresh=${cookieUser.refreshToken}`)
      .send({ refreshToken: bodyUser.refreshToken })
      .expect(200);

    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect(res.headers['set-cookie']).toBeUndefined();
    await request(app).post('/auth/refresh').send({ refreshToken: bodyUser.refreshToken }).expect(401);
    await request(app).post('/auth/refresh').send({ refreshToken: cookieUser.refreshToken }).expect(200);
  });

  it('answers a refresh with a body token and the header with the cookie: a client moving to the cookie transport', async () => {
    const user = await registerUser(app);

    const res = await request(app)
      .post('/auth/refresh')
      .set(COOKIE)
      .send({ refreshToken: user.refreshToken })
      .expect(200);

    expect(res.body.refreshToken).toBeUndefined();
    expect(sessionCookie(res)?.value).toMatch(/^[\w-]{43}$/);
  });

  it.each([['Cookie'], ['cookies'], ['JSON'], ['']])(
    'answers 400 VALIDATION_FAILED to X-Session-Transport %p and opens no session',
    async (value) => {
      const user = await registerUser(app);

      const res = await request(app)
        .post('/auth/login')
        .set('X-Session-Transport', value)
        .send({ email: user.email, password: user.password });

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ path: 'X-Session-Transport', message: 'must be json or cookie' }]);
      expect(res.headers['set-cookie']).toBeUndefined();
      const sessions = await request(app).get('/user/sessions').set(bearer(user.token)).expect(200);
      expect(sessions.body).toHaveLength(1); // the registration's only
    },
  );

  it('answers 400 VALIDATION_FAILED, as before, to a refresh with neither a body token nor a cookie', async () => {
    const empty = await request(app).post('/auth/refresh').set('Origin', ORIGIN).expect(400);
    const blank = await request(app)
      .post('/auth/refresh')
      .set('Origin', ORIGIN)
      .set('Cookie', 'authgate_refresh=')
      .send({})
      .expect(400);

    expect([empty.body.code, blank.body.code]).toEqual(['VALIDATION_FAILED', 'VALIDATION_FAILED']);
  });

  it('lets exactly one of ten parallel refreshes with one cookie win; the others get 401 and the session lives on', async () => {
    const login = await request(app)
      .post('/auth/register')
      .set(COOKIE)
      .send({ email: uniqueEmail(), password: 'correct horse' })
      .expect(201);
    const cookie = `authgate_refresh=${sessionCookie(login)?.value}`;

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => request(app).post('/auth/refresh').set('Origin', ORIGIN).set('Cookie', cookie)),
    );

    const winners = responses.filter((res) => res.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((res) => res.status === 401)).toHaveLength(9);
    expect(responses.filter((res) => res.status === 401).every((res) => res.headers['set-cookie'] === undefined)).toBe(
      true,
    );
    await request(app)
      .post('/auth/refresh')
      .set('Origin', ORIGIN)
      .set('Cookie', `authgate_refresh=${sessionCookie(winners[0])?.value}`)
      .expect(200);
  });
});
