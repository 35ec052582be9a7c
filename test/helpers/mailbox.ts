import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on loopback: the app's mailer sends to it over SMTP (nodemailer's smtp transport), and
// the tests read what arrived, parsed by mailparser, as a person's mail client would.

export type ReceivedMail = { from: string; to: string[]; subject: string; text: string; html: string };

export class Mailbox {
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly mails: ReceivedMail[],
  ) {}

  static async start(port = 0): Promise<Mailbox> {
    const mails: ReceivedMail[] = [];
    const arrived: (() => void)[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        simpleParser(stream).then((parsed) => {
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
          mails.push({
            from: parsed.from?.text ?? '',
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          });
          arrived.forEach((wake) => wake());
          done();
        }, done);
      },
    });
    server.on('error', () => undefined); // a client that hangs up mid-connection is its own business
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const box = new Mailbox(server, (server.server.address() as AddressInfo).port, mails);
    arrived.push(() => box.wake());
    return box;
  }

  /** The app's configuration for sending here. */
  env(): Record<string, string> {
    return {
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: `smtp://127.0.0.1:${this.port}`,
      MAIL_FROM: 'authgate <no-reply@authgate.test>',
    };
  }

  /** The mails to this address whose subject contains `subject`, as they are now. */
  to(address: string, subject = ''): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address.toLowerCase()) && mail.subject.includes(subject));
  }

  /** Waits for the `count`-th mail to this address whose subject contains `subject`. */
  async waitFor(address: string, subject = '', count = 1, limitMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + limitMs;
    while (this.to(address, subject).length < count) {
      if (Date.now() > deadline)
        throw new Error(
          `no mail "${subject}" #${count} to ${address} within ${limitMs} ms; got: ${this.mails.map((m) => `${m.to.join(',')} ${m.subject}`).join(' | ')}`,
        );
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.to(address, subject)[count - 1];
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private wake(): void {
    this.waiters.splice(0).forEach((wake) => wake());
  }
}

/** The token of the link in a mail's text (APP_URL/verify-email?token=… or APP_URL/reset-password?token=…). */
export function tokenIn(mail: ReceivedMail, page: 'verify-email' | 'reset-password' | 'sign-in'): string {
  const match = new RegExp(`https?://\\S+/${page}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${page} link in: ${mail.text}`);
  return decodeURIComponent(match[1]);
}

/** Mail configured as production requires, to a port where nothing listens: every send fails (and is logged). */
export const UNDELIVERABLE_MAIL_ENV = {
  MAIL_TRANSPORT: 'smtp',
  SMTP_URL: 'smtp://127.0.0.1:1',
  MAIL_FROM: 'authgate <no-reply@authgate.test>',
};
