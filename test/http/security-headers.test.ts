import express from 'express';
import helmet from 'helmet';
import supertest from 'supertest';
import { testApp } from '../helpers/app';
import { request } from '../helpers/request';

// What every response carries besides helmet's: framing, CORS and the request id.
const notHelmets = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'content-type',
  'etag',
  'transfer-encoding',
  'vary',
  'x-request-id',
  'access-control-allow-origin',
  'access-control-expose-headers',
]);
const helmetsOnly = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !notHelmets.has(name)));

describe('the security headers, worked out once (src/http/security-headers.ts)', () => {
  const reference = express()
    .use(helmet())
    .get('/health', (_req, res) => void res.json({ status: 'ok' }));
  const app = testApp();

  it('are exactly the names and values that helmet() sets on every response, X-Powered-By removed', async () => {
    const expected = helmetsOnly((await supertest(reference).get('/health')).headers);

    const ok = await request(app).get('/health');
    const notFound = await request(app).get('/no-such-route');

    expect(ok.status).toBe(200);
    expect(notFound.status).toBe(404);
    expect(helmetsOnly(ok.headers)).toEqual(expected);
    expect(helmetsOnly(notFound.headers)).toEqual(expected);
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining([
        'content-security-policy',
        'strict-transport-security',
        'x-frame-options',
        'x-content-type-options',
      ]),
    );
    expect(ok.headers).not.toHaveProperty('x-powered-by');
  });

  it('are on a CORS preflight too, which cors answers before any route', async () => {
    const expected = helmetsOnly((await supertest(reference).get('/health')).headers);

    const res = await request(app)
      .options('/auth/login')
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'POST');

    expect(res.status).toBe(204);
    expect(helmetsOnly(res.headers)).toEqual(expect.objectContaining(expected));
  });
});
