import { parseSetCookie } from 'cookie';
import type { Express } from 'express';
import { request } from '../helpers/request';
import { bearer, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const OWN = 'http://localhost:3000'; // APP_URL's default
const LISTED = 'https://app.example.com';
const listing = testApp({ CORS_ORIGINS: `${LISTED}, https://admin.example.com`, REFRESH_REUSE_GRACE: '0' });
const star = testApp({ CORS_ORIGINS: '*' });

async function cookieSession(app: Express) {
  const res = await request(app)
    .post('/auth/register')
    .set('X-Session-Transport', 'cookie')
    .send({ email: uniqueEmail(), password: 'correct horse' })
    .expect(201);
  return {
    cookie: `authgate_refresh=${parseSetCookie(res.headers['set-cookie'][0]).value}`,
    token: res.body.token as string,
  };
}
const refreshFrom = (app: Express, cookie: string, origin?: string) => {
  const req = request(app).post('/auth/refresh').set('Cookie', cookie);
  return origin === undefined ? req : req.set('Origin', origin);
};

describe('CSRF: a refresh that the cookie authenticates', () => {
  it.each([
    ['a foreign origin', 'https://evil.example'],
    ['a look-alike of the app', 'http://localhost:3000.evil.example'],
    ['the app on another port', 'http://localhost:3001'],
    ['the app under another scheme', 'https://localhost:3000'],
    ['an opaque origin', 'null'],
    ['no Origin at all', undefined],
  ])(
    'answers 403 CSRF_REJECTED from %s, and changes nothing: the cookie still works from the app',
    async (_name, origin) => {
      const { cookie } = await cookieSession(listing);

      const res = await refreshFrom(listing, cookie, origin).expect(403);

      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('CSRF_REJECTED');
      expect(res.headers['set-cookie']).toBeUndefined();
      await refreshFrom(listing, cookie, OWN).expect(200);
    },
  );

  it("accepts APP_URL's origin, an origin that CORS_ORIGINS lists, and the origin of the host the request was sent to", async () => {
    const session = await cookieSession(listing);

    const own = await refreshFrom(listing, session.cookie, OWN).expect(200);
    const listed = await refreshFrom(
      listing,
      `authgate_refresh=${parseSetCookie(own.headers['set-cookie'][0]).value}`,
      LISTED,
    ).expect(200);
    const next = `authgate_refresh=${parseSetCookie(listed.headers['set-cookie'][0]).value}`;
    await refreshFrom(listing, next, 'https://auth.internal:8443').set('Host', 'auth.internal:8443').expect(403); // the request came over http
    await refreshFrom(listing, next, 'http://auth.internal:8443').set('Host', 'auth.internal:8443').expect(200);
  });

  it("with CORS_ORIGINS=* works for the app's own pages only", async () => {
    const { cookie } = await cookieSession(star);

    const foreign = await refreshFrom(star, cookie, 'https://anyone.example').expect(403);

    expect(foreign.body.code).toBe('CSRF_REJECTED');
    await refreshFrom(star, cookie, OWN).expect(200);
  });

  it('needs no Origin when the token comes in the body: that is the JSON transport, which no other site holds', async () => {
    const user = await request(star)
      .post('/auth/register')
      .send({ email: uniqueEmail(), password: 'correct horse' })
      .expect(201);

    await request(star)
      .post('/auth/refresh')
      .set('Origin', 'https://anyone.example')
      .send({ refreshToken: user.body.refreshToken })
      .expect(200);
  });
});

describe('a spent cookie after the grace (REFRESH_REUSE_GRACE=0)', () => {
  it('revokes the whole session: the current cookie and the access tokens stop working', async () => {
    const { cookie: spent, token } = await cookieSession(listing);
    const rotated = await refreshFrom(listing, spent, OWN).expect(200);
    const current = `authgate_refresh=${parseSetCookie(rotated.headers['set-cookie'][0]).value}`;

    const reuse = await refreshFrom(listing, spent, OWN).expect(401);

    expect(reuse.body.code).toBe('INVALID_REFRESH_TOKEN');
    await refreshFrom(listing, current, OWN).expect(401);
    await request(listing).get('/user/myprofile').set(bearer(rotated.body.token)).expect(401);
    await request(listing).get('/user/myprofile').set(bearer(token)).expect(401);
  });
});
