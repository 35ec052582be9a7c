import { Writable } from 'node:stream';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { LinkToken } from '../../src/recovery/link-token.model';
import { registerUser, testConfig, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox } from '../helpers/mailbox';
import { request } from '../helpers/request';

useTestDatabase();

function capturingApp(env: Record<string, string>) {
  const lines: string[] = [];
  const capture = new Writable({
    write: (chunk, _encoding, done) => void (lines.push(...String(chunk).trim().split('\n')), done()),
  });
  return { app: createApp(testConfig(env), createLogger('info', capture)), lines };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!condition()) throw new Error(`${what} did not happen within 10 s`);
}

describe('the log transport (the default outside production)', () => {
  it('writes each mail to the log: recipient, subject and the text with its link', async () => {
    const { app, lines } = capturingApp({ MAIL_TRANSPORT: 'log' });
    const user = await registerUser(app);

    await until(() => lines.some((line) => line.includes('MAIL_TRANSPORT=log')), 'the mail log line');
    const entry = JSON.parse(lines.find((line) => line.includes('MAIL_TRANSPORT=log'))!);

    expect(entry.mail).toEqual({
      to: user.email,
      subject: 'authgate: confirm your email address',
      text: expect.stringMatching(/http:\/\/localhost:3000\/verify-email\?token=[A-Za-z0-9_-]{43}/),
    });
  });
});

describe('a failed send (the SMTP server is down)', () => {
  let down: Record<string, string>;
  beforeAll(async () => {
    const mailbox = await Mailbox.start();
    down = mailbox.env();
    await mailbox.stop(); // its port is closed now: every send is refused
  });

  it('changes no answer, and is logged without the link or its token', async () => {
    const { app, lines } = capturingApp(down);
    const user = await registerUser(app);

    const known = await request(app).post('/auth/password/forgot').send({ email: user.email });
    const unknown = await request(app).post('/auth/password/forgot').send({ email: uniqueEmail() });
    await until(
      () => lines.filter((line) => line.includes('mail could not be sent')).length >= 2,
      'two failed sends logged',
    );

    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    const failures = lines.filter((line) => line.includes('mail could not be sent')).map((line) => JSON.parse(line));
    expect(failures.map((entry) => entry.mail.subject).sort()).toEqual([
      'authgate: confirm your email address',
      'authgate: reset your password',
    ]);
    expect(failures[0]).toMatchObject({ level: 50, smtp: { code: 'ESOCKET' } });
    expect(lines.join('\n')).not.toMatch(/token=|verify-email\?|reset-password\?/);
    expect(await LinkToken.countDocuments({ email: user.email })).toBe(2); // the links were made; only the mail failed
  });
});
