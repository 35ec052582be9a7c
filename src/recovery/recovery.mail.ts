import type { RecoverySettings } from '../config';
import { templates, type MailContent } from '../mail/mail.templates';
import type { BackgroundWork } from '../mail/background';
import type { Mailer } from '../mail/mailer';

/**
 * The recovery mails, with links to the front end (APP_URL). On the local server and in the container a mail
 * leaves after the answer, never holding it up; on Lambda, where nothing runs after the answer, it is sent first.
 */
export function createRecoveryMail(mailer: Mailer, settings: RecoverySettings, background: BackgroundWork) {
  const link = (page: string, token: string) => `${settings.appUrl}/${page}?token=${encodeURIComponent(token)}`;

  // deliver never rejects: a failed send is logged
  async function post(to: string, content: MailContent): Promise<void> {
    if (settings.mailBeforeAnswer) await background.nowWithinLimit('mail', () => mailer.deliver({ to, ...content }));
    else background.run('mail', () => mailer.deliver({ to, ...content }));
  }

  /** Work whose failure must not change the answer: after it, or before it where nothing may follow it. */
  async function afterAnswer(what: string, task: () => Promise<unknown>): Promise<void> {
    if (settings.mailBeforeAnswer) await background.now(what, task);
    else background.run(what, task);
  }

  return {
    afterAnswer,
    verification: (to: string, token: string) =>
      post(to, templates.verifyEmail(link('verify-email', token), settings.emailVerifyTtl)),
    newAddress: (to: string, token: string) =>
      post(to, templates.confirmNewEmail(link('verify-email', token), settings.emailVerifyTtl)),
    reset: (to: string, token: string) =>
      post(to, templates.resetPassword(link('reset-password', token), settings.passwordResetTtl)),
    notice: (to: string, content: MailContent) => post(to, content),
  };
}

export type RecoveryMail = ReturnType<typeof createRecoveryMail>;
