import { request } from '../helpers/request';
import { connectDatabase, disconnectDatabase } from '../../src/db';
import { User } from '../../src/users/user.model';
import { testApp, uniqueEmail, untilReady } from '../helpers/app';
import { StandIn } from '../helpers/stand-in';

let db: StandIn;
const app = testApp();

beforeAll(async () => {
  db = await StandIn.start();
  await connectDatabase(db.uri('killed'));
});
afterAll(async () => {
  await disconnectDatabase();
  await db.kill();
});

describe('a lost MongoDB (killed, then started again empty on the same port)', () => {
  it('answers 503 within 3 s while it is gone, /health stays 200, and recovers by itself within 10 s of its return', async () => {
    await request(app).post('/auth/register').send({ email: uniqueEmail(), password: 'correct horse' }).expect(201);
    await db.kill();

    const start = Date.now();
    const login = await request(app).post('/auth/login').send({ email: uniqueEmail(), password: 'correct horse' });
    const ms = Date.now() - start;

    expect(login.status).toBe(503);
    expect(login.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(ms).toBeLessThan(3000);
    expect((await request(app).get('/ready')).status).toBe(503);
    expect((await request(app).get('/health')).status).toBe(200);

    await db.restart();
    const recovery = await untilReady(app, 10_000);
    console.log(`killed: login answered 503 in ${ms} ms; after the restart, ready again in ${recovery} ms`);
    await request(app).post('/auth/register').send({ email: uniqueEmail(), password: 'correct horse' }).expect(201);
  });

  it('has its unique email index back after the database came back empty: a registration race still gives one 201', async () => {
    const email = uniqueEmail();

    const statuses = (
      await Promise.all(
        Array.from({ length: 20 }, () =>
          request(app).post('/auth/register').send({ email, password: 'correct horse' }),
        ),
      )
    ).map((res) => res.status);

    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(await User.countDocuments({ email })).toBe(1);
  });
});
