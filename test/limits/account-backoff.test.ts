import { request } from '../helpers/request';
import { registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp({ RATE_LIMIT_ACCOUNT_FAILURES: '3' });
const logIn = (email: string, password: string) => request(app).post('/auth/login').send({ email, password });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('failed logins on one account', () => {
  it('answer 401 up to the limit, then 429 with Retry-After, the same for the right password as for a wrong one', async () => {
    const user = await registerUser(app);
    for (let i = 0; i < 3; i++) expect((await logIn(user.email, 'wrong password')).status).toBe(401);

    const wrong = await logIn(user.email, 'wrong password');
    const right = await logIn(user.email, user.password);

    expect(wrong.status).toBe(429);
    expect(wrong.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(wrong.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(right.status).toBe(429);
    expect(right.body).toEqual(wrong.body);
  });

  it('make each further attempt wait longer, never for good, and a success resets the count', async () => {
    const user = await registerUser(app);
    for (let i = 0; i < 3; i++) await logIn(user.email, 'wrong password');
    const first = await logIn(user.email, 'wrong password');
    await sleep(Number(first.headers['retry-after']) * 1000 + 100);

    await logIn(user.email, 'wrong password').expect(401); // allowed after the wait, and counted
    const second = await logIn(user.email, 'wrong password');
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(Number(first.headers['retry-after']));
    await sleep(Number(second.headers['retry-after']) * 1000 + 100);

    await logIn(user.email, user.password).expect(200);
    await logIn(user.email, 'wrong password').expect(401);
    await logIn(user.email, 'wrong password').expect(401);
  });

  it('count for unknown emails too, so a blocked unknown email answers like a blocked account', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 3; i++) await logIn(email, 'wrong password').expect(401);

    const res = await logIn(email, 'wrong password');

    expect(res.status).toBe(429);
  });

  it('leave other accounts alone', async () => {
    const victim = await registerUser(app);
    const other = await registerUser(app);
    for (let i = 0; i < 4; i++) await logIn(victim.email, 'wrong password');

    await logIn(other.email, other.password).expect(200);
  });
});
