import { request } from '../helpers/request';
import { connectDatabase, disconnectDatabase } from '../../src/db';
import { testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

const database = useTestDatabase();
const app = testApp();

describe('health and readiness', () => {
  it('answers GET /health 200 {status: ok}', async () => {
    const res = await request(app).get('/health');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers GET /ready 200 {status: ready} when MongoDB answers a ping', async () => {
    const res = await request(app).get('/ready');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  describe('with the database connection gone', () => {
    beforeAll(() => disconnectDatabase());
    afterAll(() => connectDatabase(database.uri()));

    it('keeps /health at 200 and answers /ready 503 SERVICE_UNAVAILABLE', async () => {
      expect((await request(app).get('/health')).status).toBe(200);
      const ready = await request(app).get('/ready');

      expect(ready.status).toBe(503);
      expect(ready.body.code).toBe('SERVICE_UNAVAILABLE');
    });

    it('answers routes that need MongoDB 503 without a driver message, a collection name or the URI', async () => {
      const res = await request(app).post('/auth/login').send({ email: uniqueEmail(), password: 'correct horse' });

      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.text).not.toMatch(/mongo|users|findOne|127\.0\.0\.1|initial connection/i);
    });
  });
});
