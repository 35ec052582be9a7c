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

export type RecoveryDeps = {
  settings: RecoverySettings;
  mailer: Mailer;
  background: BackgroundWork;
  sessions: SessionService;
  limits: AccountLimits;
  bcryptCost: number;
  logger: Logger;
  checkPassword: (userId: string, password: string) => Promise<void>;
  passwordPolicy: PasswordPolicy;
  audit: AuditLog;
};

/** Email verification, password reset and email change: the loops that let a person get their account back. */
export function createRecoveryService({ settings, mailer, background, checkPassword, audit, ...rest }: RecoveryDeps) {
  const mail = createRecoveryMail(mailer, settings, background);
  return {
    ...createEmailVerification({ mail, settings, checkPassword, audit }),
    ...createPasswordReset({ mail, settings, background, audit, ...rest }),
  };
}

export type RecoveryService = ReturnType<typeof createRecoveryService>;
