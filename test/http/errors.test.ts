import { request } from '../helpers/request';
import { User } from '../../src/users/user.model';
import { testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp({ CORS_ORIGINS: 'https://app.example.com' });

const problemShape = {
  type: expect.any(String),
  title: expect.any(String),
  status: expect.any(Number),
  detail: expect.any(String),
  code: expect.any(String),
};

describe('errors', () => {
  it('answers 400 MALFORMED_JSON for a body that is not JSON, and stores nothing', async () => {
    const before = await User.countDocuments();

    const res = await request(app)
      .post('/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@example.com",');

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ...problemShape, status: 400, code: 'MALFORMED_JSON' });
    expect(res.text).not.toMatch(/SyntaxError|at JSON\.parse|node_modules/);
    expect(await User.countDocuments()).toBe(before);
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over the limit', async () => {
    const res = await request(app)
      .post('/auth/register')
      .send({ email: uniqueEmail(), password: 'correct horse', name: 'x'.repeat(20_000) });

    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a form-encoded or plain-text body', async () => {
    const form = await request(app)
      .post('/auth/login')
      .type('form')
      .send({ email: 'a@example.com', password: 'correct horse' });
    const text = await request(app).post('/auth/register').set('Content-Type', 'text/plain').send('hello');

    expect(form.status).toBe(415);
    expect(form.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(text.status).toBe(415);
  });

  it('answers 400 VALIDATION_FAILED for a POST with no body at all', async () => {
    const res = await request(app).post('/auth/login');

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers 404 NOT_FOUND as problem+json for an unknown route', async () => {
    const res = await request(app).get('/nope');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({ ...problemShape, status: 404, code: 'NOT_FOUND' });
  });

  it.each([
    ['GET', '/auth/login', 'POST'],
    ['PUT', '/auth/register', 'POST'],
    ['POST', '/user/myprofile', 'GET, DELETE, HEAD'],
    ['GET', '/user/password', 'PUT'],
    ['PUT', '/user/sessions', 'GET, DELETE, HEAD'],
    ['GET', '/auth/logout', 'POST'],
    ['DELETE', '/health', 'GET, HEAD'],
    ['POST', '/ready', 'GET, HEAD'],
  ] as const)('answers 405 METHOD_NOT_ALLOWED for %s %s with Allow: %s', async (method, path, allow) => {
    const res = await request(app)[method.toLowerCase() as 'get'](path);

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('sets helmet headers on errors as on successes', async () => {
    for (const res of [await request(app).get('/nope'), await request(app).get('/health')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('allows only the configured CORS origins and exposes Retry-After', async () => {
    const allowed = await request(app)
      .options('/auth/login')
      .set('Origin', 'https://app.example.com')
      .set('Access-Control-Request-Method', 'POST');
    const other = await request(app).get('/health').set('Origin', 'https://evil.example.com');

    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await request(app).get('/health').set('Origin', 'https://app.example.com');
    expect(simple.headers['access-control-expose-headers']).toContain('Retry-After');
  });

  it('returns the request id a client sends, and makes one otherwise', async () => {
    const given = await request(app).get('/health').set('X-Request-Id', 'trace-123');
    const made = await request(app).get('/health');

    expect(given.headers['x-request-id']).toBe('trace-123');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
