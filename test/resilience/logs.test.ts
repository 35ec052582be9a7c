import { Writable } from 'node:stream';
import { request } from '../helpers/request';
import { createApp } from '../../src/app';
import { connectDatabase, disconnectDatabase } from '../../src/db';
import { createLogger } from '../../src/logger';
import { testConfig, uniqueEmail } from '../helpers/app';
import { testDatabaseUri } from '../helpers/database';

const lines: string[] = [];
const capture = new Writable({
  write: (chunk, _encoding, done) => void (lines.push(...String(chunk).trim().split('\n')), done()),
});
const app = createApp(testConfig(), createLogger('info', capture));
const uri = testDatabaseUri();

beforeAll(() => connectDatabase(uri));
afterAll(() => disconnectDatabase());

describe('the request log', () => {
  const password = 'correct horse battery';
  const secrets: string[] = [password];

  beforeAll(async () => {
    const email = uniqueEmail();
    const registered = await request(app)
      .post('/auth/register')
      .set('X-Request-Id', 'trace-register-1')
      .send({ email, password });
    const { token, refreshToken } = registered.body;
    secrets.push(token, refreshToken);
    await request(app).get('/user/myprofile').set('Authorization', `Bearer ${token}`);
    await request(app).post('/auth/refresh').send({ refreshToken });
    await request(app).post('/auth/login').send({ email, password: 'wrong password here' });
    secrets.push('wrong password here');
    await disconnectDatabase(); // a 5xx, logged with its stack
    await request(app).post('/auth/login').set('Authorization', `Bearer ${token}`).send({ email, password });
    await connectDatabase(uri);
  });

  it("is JSON, one line per request, each with a request id, the client's when it sent one", () => {
    const requests = lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === 'request completed' || entry.msg === 'request errored');

    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(
      requests.every((entry) => typeof entry.req?.id === 'string' && typeof entry.res?.statusCode === 'number'),
    ).toBe(true);
    expect(requests.find((entry) => entry.req.url === '/auth/register')?.req.id).toBe('trace-register-1');
  });

  it('logs a 5xx with its stack on the server side', () => {
    const failure = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'request failed');

    expect(failure?.err?.stack).toEqual(expect.stringContaining('\n    at '));
  });

  it('never carries a password, a token, the Authorization header or the connection string', () => {
    const log = lines.join('\n');

    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/authorization|bearer/i);
    expect(log).not.toContain(uri);
    expect(log).not.toContain('mongodb://');
  });
});
