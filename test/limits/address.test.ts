import { request } from '../helpers/request';
import { RateLimit } from '../../src/limits/rate-limit.model';
import { testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
// every test request comes from 127.0.0.1: each test starts with no counters
beforeEach(() => RateLimit.deleteMany({}));
const login = (app: ReturnType<typeof testApp>, forwardedFor?: string) => {
  const req = request(app).post('/auth/login');
  return (forwardedFor ? req.set('X-Forwarded-For', forwardedFor) : req).send({
    email: uniqueEmail(),
    password: 'wrong password',
  });
};

describe('attempts per client address', () => {
  it('answer 429 TOO_MANY_REQUESTS with Retry-After once one address passes its per-minute budget across login, register and refresh', async () => {
    const app = testApp({ RATE_LIMIT_ADDRESS_PER_MINUTE: '4' });
    await login(app).expect(401);
    await request(app).post('/auth/register').send({ email: uniqueEmail(), password: 'correct horse' }).expect(201);
    await request(app)
      .post('/auth/refresh')
      .send({ refreshToken: 'x'.repeat(43) })
      .expect(401);
    await login(app).expect(401);

    const res = await login(app);

    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('ignore X-Forwarded-For without TRUST_PROXY: a client cannot pick a fresh address per request', async () => {
    const app = testApp({ RATE_LIMIT_ADDRESS_PER_MINUTE: '2' });
    await login(app, '203.0.113.1').expect(401);
    await login(app, '203.0.113.2').expect(401);

    expect((await login(app, '203.0.113.3')).status).toBe(429);
  });

  it('count each forwarded client on its own behind a trusted proxy (TRUST_PROXY=1)', async () => {
    const app = testApp({ RATE_LIMIT_ADDRESS_PER_MINUTE: '2', TRUST_PROXY: '1' });
    await login(app, '198.51.100.7').expect(401);
    await login(app, '198.51.100.7').expect(401);

    expect((await login(app, '198.51.100.7')).status).toBe(429);
    expect((await login(app, '198.51.100.8')).status).toBe(401);
  });
});

describe('registrations per client address', () => {
  it('answer 429 past the hourly budget and store no user', async () => {
    const app = testApp({ RATE_LIMIT_REGISTRATIONS_PER_HOUR: '2' });
    await request(app).post('/auth/register').send({ email: uniqueEmail(), password: 'correct horse' }).expect(201);
    await request(app).post('/auth/register').send({ email: uniqueEmail(), password: 'correct horse' }).expect(201);
    const email = uniqueEmail();

    const res = await request(app).post('/auth/register').send({ email, password: 'correct horse' });

    expect(res.status).toBe(429);
    await request(app).post('/auth/login').send({ email, password: 'correct horse' }).expect(401);
  });
});
