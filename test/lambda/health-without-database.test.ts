import { createServer } from 'node:net';
import mongoose from 'mongoose';
import { disconnectDatabase } from '../../src/db';
import { httpApiEvent, lambdaContext, restEvent } from './events';
import { UNDELIVERABLE_MAIL_ENV } from '../helpers/mailbox';
import { TEST_MFA_KEY } from '../helpers/app';

// MongoDB is unreachable: MONGODB_URI names a port that was just free on this machine, so nothing listens there.
const closedPort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

let handler: typeof import('../../src/lambda').handler;
const connect$ = jest.spyOn(mongoose, 'connect'); // counts, and calls the real connect

beforeAll(async () => {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    JWT_SECRET: 'lambda-secret-that-is-at-least-32-chars',
    MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
    ...UNDELIVERABLE_MAIL_ENV,
    LOG_LEVEL: 'silent',
    MONGODB_URI: `mongodb://127.0.0.1:${await closedPort()}/authgate`,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment is set, as Lambda does
  ({ handler } = require('../../src/lambda') as typeof import('../../src/lambda'));
});
afterAll(() => disconnectDatabase());

describe('the Lambda handler with MongoDB unreachable', () => {
  it('answers GET and HEAD /health 200 for REST v1 and HTTP API v2 events without trying to connect', async () => {
    const answers = [
      await handler(restEvent({ method: 'GET', path: '/health' }), lambdaContext()),
      await handler(restEvent({ method: 'HEAD', path: '/health' }), lambdaContext()),
      await handler(httpApiEvent({ method: 'GET', path: '/health' }), lambdaContext()),
      await handler(httpApiEvent({ method: 'HEAD', path: '/health' }), lambdaContext()),
    ];

    expect(answers.map((res) => res.statusCode)).toEqual([200, 200, 200, 200]);
    expect(JSON.parse(answers[0].body)).toEqual({ status: 'ok' });
    expect(JSON.parse(answers[2].body)).toEqual({ status: 'ok' });
    expect(answers[0].headers?.['x-request-id']).toEqual(expect.any(String)); // the app answered, with its headers
    expect(connect$).not.toHaveBeenCalled();
  });

  it('still connects first for GET /ready: 503 SERVICE_UNAVAILABLE, the database being down', async () => {
    const ready = await handler(restEvent({ method: 'GET', path: '/ready' }), lambdaContext());

    expect([ready.statusCode, JSON.parse(ready.body).code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(connect$).toHaveBeenCalledTimes(1);
  });
});
