import supertest from 'supertest';
import { testApp } from '../helpers/app';

// CORS answers come before any route and touch no database.
const LISTED = 'https://app.example.com';
const listing = testApp({ CORS_ORIGINS: `${LISTED},https://admin.example.com` });
const star = testApp({ CORS_ORIGINS: '*' });

const preflight = (app: ReturnType<typeof testApp>, origin: string) =>
  supertest(app)
    .options('/auth/refresh')
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'POST')
    .set('Access-Control-Request-Headers', 'content-type,x-session-transport');

describe('CORS and credentials', () => {
  it('answers a listed origin, reflected, with Access-Control-Allow-Credentials: true, in the preflight and the request', async () => {
    const options = await preflight(listing, LISTED).expect(204);
    const post = await supertest(listing).post('/auth/refresh').set('Origin', LISTED).send({});

    for (const res of [options, post]) {
      expect(res.headers['access-control-allow-origin']).toBe(LISTED);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(res.headers.vary).toMatch(/Origin/);
    }
    expect(options.headers['access-control-allow-headers']).toMatch(/x-session-transport/i);
  });

  it('answers an origin that is not listed with neither an allowed origin nor credentials', async () => {
    const options = await preflight(listing, 'https://evil.example');
    const post = await supertest(listing).post('/auth/refresh').set('Origin', 'https://evil.example').send({});

    for (const res of [options, post]) {
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('never answers credentials next to CORS_ORIGINS=*: the origin is *, never a reflected one', async () => {
    const origins = ['https://evil.example', LISTED, 'http://localhost:3000', 'null'];

    const answers = await Promise.all(
      origins.flatMap((origin) => [
        preflight(star, origin),
        supertest(star).post('/auth/login').set('Origin', origin).send({}),
      ]),
    );

    for (const res of answers) {
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});
