import { createServer, connect, type Server } from 'node:net';
import mongoose from 'mongoose';
import { disconnectDatabase } from '../../src/db';
import { testDatabaseUri } from '../helpers/database';
import { UNDELIVERABLE_MAIL_ENV } from '../helpers/mailbox';
import { lambdaContext, restEvent } from './events';
import { TEST_MFA_KEY } from '../helpers/app';

// MongoDB is reached through a TCP relay that this test opens only after the first invocation:
// a real failed connect, then a real one.
const target = new URL(testDatabaseUri().replace(/^mongodb:/, 'http:'));
let relay: Server | undefined;
const relayPort = 20000 + Math.floor(Math.random() * 20000);

Object.assign(process.env, {
  NODE_ENV: 'production',
  JWT_SECRET: 'lambda-secret-that-is-at-least-32-chars',
  MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
  LOG_LEVEL: 'silent',
  ...UNDELIVERABLE_MAIL_ENV,
  MONGODB_URI: `mongodb://127.0.0.1:${relayPort}${target.pathname}`,
});
const connect$ = jest.spyOn(mongoose, 'connect'); // counts, and calls the real connect
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment is set, as Lambda does
const { handler } = require('../../src/lambda') as typeof import('../../src/lambda');
const ready = () => handler(restEvent({ method: 'GET', path: '/ready' }), lambdaContext());

function openRelay(): Promise<void> {
  relay = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => relay!.listen(relayPort, '127.0.0.1', () => resolve()));
}

afterAll(async () => {
  await disconnectDatabase();
  relay?.close();
});

describe('the Lambda handler and its MongoDB connection', () => {
  it('answers 503 SERVICE_UNAVAILABLE as problem+json when the connect fails, and does not remember the failure', async () => {
    const res = await ready();

    expect(res.statusCode).toBe(503);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.body).code).toBe('SERVICE_UNAVAILABLE');
    expect(res.body).not.toContain(String(relayPort));
  });

  it('connects on the next invocation once MongoDB is there, then reuses one connection for 100 warm invocations', async () => {
    await openRelay();
    connect$.mockClear();

    const statuses = [];
    for (let i = 0; i < 100; i++) statuses.push((await ready()).statusCode);

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(connect$).toHaveBeenCalledTimes(1);
  });
});
