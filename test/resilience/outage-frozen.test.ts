import type { Response } from 'supertest';
import { request } from '../helpers/request';
import { connectDatabase, disconnectDatabase } from '../../src/db';
import { User } from '../../src/users/user.model';
import { testApp, uniqueEmail, untilReady } from '../helpers/app';
import { StandIn } from '../helpers/stand-in';

let db: StandIn;
const app = testApp();
const elapsed = async (send: () => Promise<Response>) => {
  const start = Date.now();
  const res = await send();
  return { res, ms: Date.now() - start };
};

beforeAll(async () => {
  db = await StandIn.start();
  await connectDatabase(db.uri('frozen'));
});
afterAll(async () => {
  db.thaw();
  await disconnectDatabase();
  await db.kill();
});

describe('a hung MongoDB (frozen with SIGSTOP, thawed with SIGCONT)', () => {
  const user = { email: uniqueEmail(), password: 'correct horse' };

  it('answers every route that needs it 503 within 3 s, /ready 503 and /health 200; then recovers by itself within 10 s, data kept', async () => {
    await request(app).post('/auth/register').send(user).expect(201);
    db.freeze();

    const login = await elapsed(() => request(app).post('/auth/login').send(user));
    const profile = await elapsed(() => request(app).get('/ready'));
    const health = await request(app).get('/health');

    expect(login.res.status).toBe(503);
    expect(login.res.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(login.ms).toBeLessThan(3000);
    expect(profile.res.status).toBe(503);
    expect(profile.ms).toBeLessThan(3000);
    expect(health.status).toBe(200);
    console.log(`frozen: login answered 503 in ${login.ms} ms, /ready 503 in ${profile.ms} ms`);

    db.thaw();
    const recovery = await untilReady(app, 10_000);
    console.log(`thawed: ready again after ${recovery} ms`);

    await request(app).post('/auth/login').send(user).expect(200);
  });

  it('creates a registration retried after the outage exactly once', async () => {
    const email = uniqueEmail();
    db.freeze();
    const during = await request(app).post('/auth/register').send({ email, password: 'correct horse' });
    db.thaw();
    await untilReady(app, 10_000);

    const retried = await request(app).post('/auth/register').send({ email, password: 'correct horse' });

    expect(during.status).toBe(503);
    expect([201, 409]).toContain(retried.status); // 409 when the first write had reached the database
    expect(await User.countDocuments({ email })).toBe(1);
  });
});
