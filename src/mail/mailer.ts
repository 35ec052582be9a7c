import type { Transporter } from 'nodemailer';
import type { MailSettings } from './mail.config';
import type { Logger } from '../logger';
import type { MailContent } from './mail.templates';

export type Mail = MailContent & { to: string };

// Every wait is bounded: a mail server that hangs cannot hold a Lambda invocation or pile up sends.
const SMTP_TIMEOUTS = { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10000 };

/**
 * One mailer, two transports: `smtp` sends through SMTP_URL; `log` writes the mail (recipient, subject, text
 * with its link) to the log. `deliver` never rejects: a failed send is logged without the mail's text (which
 * holds the token) and changes no answer.
 */
export function createMailer(settings: MailSettings, logger: Logger) {
  // loaded on the first mail: a process (a Lambda invocation above all) that sends none does not load nodemailer
  let smtp: Promise<Transporter> | undefined;
  const transport = () =>
    (smtp ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({ url: settings.smtpUrl, ...SMTP_TIMEOUTS }),
    ));

  async function deliver(mail: Mail): Promise<boolean> {
    if (settings.transport === 'log') {
      logger.info(
        { mail: { to: mail.to, subject: mail.subject, text: mail.text } },
        `mail to ${mail.to} (MAIL_TRANSPORT=log, not sent): ${mail.subject}`,
      );
      return true;
    }
    try {
      await (
        await transport()
      ).sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      return true;
    } catch (error) {
      const { code, command, responseCode } = error as { code?: string; command?: string; responseCode?: number };
      logger.error(
        { mail: { subject: mail.subject }, smtp: { code, command, responseCode } },
        'mail could not be sent',
      );
      return false;
    }
  }

  return { deliver, transport: settings.transport };
}

export type Mailer = ReturnType<typeof createMailer>;
