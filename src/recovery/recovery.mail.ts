import type { RecoverySettings } from '../config';
import { templates, type MailContent } from '../mail/mail.templates';
import type { Mailer } from '../mail/mailer';

/**
 * The recovery mails, with links to the front end (APP_URL). On the local server and in the container a mail
 * leaves after the answer, never holding it up; on Lambda, where nothing runs after the answer, it is sent first.
 */
export function createRecoveryMail(mailer: Mailer, settings: RecoverySettings) {
  const link = (page: string, token: string) => `${settings.appUrl}/${page}?token=${encodeURIComponent(token)}`;

  async function post(to: string, content: MailContent): Promise<void> {
    const delivery = mailer.deliver({ to, ...content }); // never rejects: a failed send is logged
    if (settings.mailBeforeAnswer) await delivery;
  }

  return {
    verification: (to: string, token: string) => post(to, templates.verifyEmail(link('verify-email', token), settings.emailVerifyTtl)),
    newAddress: (to: string, token: string) => post(to, templates.confirmNewEmail(link('verify-email', token), settings.emailVerifyTtl)),
    reset: (to: string, token: string) => post(to, templates.resetPassword(link('reset-password', token), settings.passwordResetTtl)),
    notice: (to: string, content: MailContent) => post(to, content),
  };
}

export type RecoveryMail = ReturnType<typeof createRecoveryMail>;
