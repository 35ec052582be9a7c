import { once } from 'node:events';
import { createServer, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trackInFlight, type InFlight } from '../../src/http/in-flight';
import { testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((done) => server.close(done)))));

async function listening(server: Server): Promise<{ base: string; inFlight: InFlight }> {
  const inFlight = trackInFlight(server);
  servers.push(server.listen(0, '127.0.0.1'));
  await once(server, 'listening');
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, inFlight };
}

/** 'drained' when drained() resolves before the event loop turns (all promise jobs run first), else 'waiting'. */
async function state(inFlight: InFlight): Promise<'drained' | 'waiting'> {
  let drained = false;
  void inFlight.drained().then(() => (drained = true));
  await new Promise((turn) => setImmediate(turn));
  return drained ? 'drained' : 'waiting';
}

describe('the in-flight count of the real app', () => {
  it('is 0 again once requests that the app answers synchronously (health, HEAD, 404, preflight, 405) are answered', async () => {
    const { base, inFlight } = await listening(createServer(testApp()));
    const preflight = {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'DELETE' },
    };
    const calls = [
      ['/health', {}],
      ['/health', { method: 'HEAD' }],
      ['/nope', {}],
      ['/user/myprofile', preflight],
      ['/health', { method: 'PUT' }],
    ] as const;

    const statuses = [];
    for (const [path, init] of calls) statuses.push((await fetch(`${base}${path}`, init)).status);

    expect(statuses).toEqual([200, 200, 404, 204, 405]);
    expect(inFlight.count()).toBe(0);
    expect(await state(inFlight)).toBe('drained');
  });

  it('is 0 again after answers the app gives asynchronously: a login, a malformed body', async () => {
    const { base, inFlight } = await listening(createServer(testApp()));
    const post = (body: string) =>
      fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    const statuses = [
      (await post('{"email":"nobody@example.com","password":"wrong password"}')).status,
      (await post('{nope')).status,
    ];

    expect(statuses).toEqual([401, 400]);
    expect(inFlight.count()).toBe(0);
  });
});

describe('the in-flight count of a handler whose client hangs up', () => {
  it('keeps the request until its handler ends the response, then counts it out once', async () => {
    let release!: () => void;
    const handlerMayEnd = new Promise<void>((resolve) => (release = resolve));
    let response!: ServerResponse;
    const server = createServer((_req, res) => {
      response = res;
      void handlerMayEnd.then(() => res.end('late'));
    });
    const { base, inFlight } = await listening(server);

    const client = httpRequest(`${base}/slow`).on('error', () => undefined);
    client.end();
    await once(server, 'request');
    client.destroy(); // the client hangs up while the handler is still at work
    await once(response, 'close');
    const whileWorking = [inFlight.count(), await state(inFlight)];
    const drained = inFlight.drained();
    release();
    await drained;

    expect(whileWorking).toEqual([1, 'waiting']);
    expect(inFlight.count()).toBe(0);
  });
});
