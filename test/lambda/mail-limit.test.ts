import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { createApp } from '../../src/app';
import { connectDatabase, disconnectDatabase } from '../../src/db';
import { createLogger } from '../../src/logger';
import { BEFORE_ANSWER_LIMIT_MS } from '../../src/mail/background';
import { testConfig, uniqueEmail } from '../helpers/app';
import { testDatabaseUri } from '../helpers/database';
import { request } from '../helpers/request';

// The app as the Lambda door configures it (mail sent before the answer), against a real SMTP server that takes
// the message and never answers it: nodemailer alone would wait 10 s (its socket timeout), the Lambda's whole
// timeout, and API Gateway would answer 504 instead of the app.
const held: (() => void)[] = [];
let stalling: SMTPServer;
let port: number;
const lines: string[] = [];
const capture = new Writable({
  write: (chunk, _encoding, done) => void (lines.push(...String(chunk).trim().split('\n')), done()),
});

beforeAll(async () => {
  stalling = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      stream.resume();
      stream.on('end', () => held.push(() => done())); // the message is in, and no reply ever comes
    },
  });
  stalling.on('error', () => undefined);
  await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
  port = (stalling.server.address() as AddressInfo).port;
  await connectDatabase(testDatabaseUri());
});
afterAll(async () => {
  held.forEach((release) => release());
  await new Promise<void>((resolve) => stalling.close(resolve));
  await disconnectDatabase();
});

describe('mail sent before the answer (the Lambda door)', () => {
  it(`answers a registration after at most ${BEFORE_ANSWER_LIMIT_MS} ms of a stalled mail server, and logs the mail as still running`, async () => {
    const config = testConfig({
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'authgate <no-reply@authgate.test>',
    });
    const app = createApp(
      { ...config, recovery: { ...config.recovery, mailBeforeAnswer: true } },
      createLogger('info', capture),
    );

    const started = Date.now();
    const res = await request(app).post('/auth/register').send({ email: uniqueEmail(), password: 'correct horse' });
    const took = Date.now() - started;

    expect(res.status).toBe(201);
    expect(held).toHaveLength(1); // the server had the message and had not answered it when the app answered
    expect(took).toBeGreaterThanOrEqual(BEFORE_ANSWER_LIMIT_MS - 50);
    expect(took).toBeLessThan(10_000); // the function's timeout in serverless.yml
    const warnings = lines.map((line) => JSON.parse(line)).filter((entry) => /still running after/.test(entry.msg));
    expect(warnings.map((entry) => entry.msg)).toEqual([
      `mail still running after ${BEFORE_ANSWER_LIMIT_MS} ms; answering without it`,
    ]);
  });
});
