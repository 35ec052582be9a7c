import type { AuditLog } from '../audit/audit.service';
import type { PasswordPolicy } from '../auth/password-policy';
import type { RecoverySettings } from '../config';
import type { AccountLimits } from '../limits/rate-limits';
import type { Logger } from '../logger';
import type { BackgroundWork } from '../mail/background';
import type { Mailer } from '../mail/mailer';
import type { SessionService } from '../sessions/sessions.service';
import { createEmailVerification } from './email-verification.service';
import { createPasswordReset } from './password-reset.service';
import { createRecoveryMail } from './recovery.mail';
import { templates } from '../mail/mail.templates';
import { User } from '../users/user.model';

export type RecoveryDeps = {
  settings: RecoverySettings;
  mailer: Mailer;
  background: BackgroundWork;
  sessions: SessionService;
  limits: AccountLimits;
  bcryptCost: number;
  logger: Logger;
  checkPassword: (userId: string, password: string) => Promise<unknown>;
  passwordPolicy: PasswordPolicy;
  audit: AuditLog;
};

/** Email verification, password reset and email change: the loops that let a person get their account back. */
export function createRecoveryService({ settings, mailer, background, checkPassword, audit, ...rest }: RecoveryDeps) {
  const mail = createRecoveryMail(mailer, settings, background);

  /** A new way in (a passkey, an identity, TOTP): the account's address is told, as for a password change. */
  async function signInMethodAdded(userId: string, method: string): Promise<void> {
    const user = await User.findById(userId, { email: 1 }).lean();
    if (user) await mail.notice(user.email, templates.signInMethodAdded(method));
  }

  return {
    ...createEmailVerification({ mail, settings, checkPassword, audit, sessions: rest.sessions }),
    ...createPasswordReset({ mail, settings, background, audit, ...rest }),
    signInMethodAdded,
  };
}

export type RecoveryService = ReturnType<typeof createRecoveryService>;
