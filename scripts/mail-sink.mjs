// A real SMTP server on loopback that keeps what it receives, for the checks that run the built app in
// production mode (where only the smtp transport is allowed): the contract smoke reads its reset link here,
// and `osls offline` prints each mail through `onMail`.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export async function startMailSink(port = 0, onMail = () => {}) {
  const mails = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      simpleParser(stream).then((parsed) => {
        const mail = {
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
        };
        mails.push(mail);
        onMail(mail);
        done();
      }, done);
    },
  });
  server.on('error', () => undefined); // a client that hangs up mid-connection is its own business
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = server.server.address().port;
  return {
    port: bound,
    env: {
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: `smtp://127.0.0.1:${bound}`,
      MAIL_FROM: 'authgate <no-reply@authgate.test>',
    },
    mails,
    /** The first mail to `to` whose subject contains `subject`, waiting up to `limitMs` for it. */
    async waitFor(to, subject, limitMs = 10_000) {
      const found = () => mails.find((mail) => mail.to.includes(to.toLowerCase()) && mail.subject.includes(subject));
      for (const deadline = Date.now() + limitMs; !found() && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 100));
      return found();
    },
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
