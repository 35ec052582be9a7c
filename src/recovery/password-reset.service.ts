import { setTimeout as delay } from 'node:timers/promises';
import mongoose from 'mongoose';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { AuditLog } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { serviceUnavailable } from '../errors/http-error';
import type { PasswordPolicy } from '../auth/password-policy';
import type { RecoverySettings } from '../config';
import type { AccountLimits } from '../limits/rate-limits';
import { lazyMongoLimiter } from '../limits/mongo-limiter';
import type { Logger } from '../logger';
import type { BackgroundWork } from '../mail/background';
import { templates } from '../mail/mail.templates';
import type { SessionService } from '../sessions/sessions.service';
import { User } from '../users/user.model';
import { invalidToken } from './email-verification.service';
import { expireLinks, expireResetLinks, issueLinkToken, useLinkToken } from './link-tokens';
import { removeEarlierWaysIn } from './first-proof';
import type { RecoveryMail } from './recovery.mail';
import type { ResetPasswordInput } from './recovery.schemas';
import { recordEvents } from '../webhooks/events';

export type PasswordResetDeps = {
  mail: RecoveryMail;
  settings: RecoverySettings;
  background: BackgroundWork;
  sessions: SessionService;
  limits: AccountLimits;
  bcryptCost: number;
  logger: Logger;
  passwordPolicy: PasswordPolicy;
  audit: AuditLog;
};

export const RESET_MAILS_PER_HOUR = 3;
// On Lambda every forgot answer takes this long, whether a mail was sent or not (see forgotPassword).
export const FORGOT_ANSWER_MS = 1500;

export function createPasswordReset({
  mail,
  settings,
  background,
  sessions,
  limits,
  bcryptCost,
  logger,
  passwordPolicy,
  audit,
}: PasswordResetDeps) {
  const resetMails = lazyMongoLimiter({ keyPrefix: 'reset-mail', points: RESET_MAILS_PER_HOUR, duration: 3600 });

  /**
   * Tells nothing about the account. On a server that keeps running, the answer does not wait for any of the
   * work, so both paths answer alike. On Lambda nothing runs after the answer: the work is done first and
   * every answer is held to the same FORGOT_ANSWER_MS.
   */
  async function forgotPassword(email: string): Promise<void> {
    if (!settings.mailBeforeAnswer) {
      // the work follows the answer: a lost database must still say 503, not promise a mail that cannot come
      if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected) throw serviceUnavailable();
      background.run('password reset request', () => sendResetLink(email));
      return;
    }
    const started = performance.now();
    await Promise.all([background.now('password reset request', () => sendResetLink(email)), delay(FORGOT_ANSWER_MS)]);
    const took = performance.now() - started;
    if (took > FORGOT_ANSWER_MS + 100)
      logger.warn(
        { tookMs: Math.round(took) },
        `a forgot-password answer took longer than ${FORGOT_ANSWER_MS} ms: its timing may tell known accounts apart`,
      );
  }

  async function sendResetLink(email: string): Promise<void> {
    const user = await User.findOne({ email }).lean();
    if (!user || !(await withinHourlyLimit(user._id.toString()))) return; // over the limit: still 202, no hint
    const userId = user._id.toString();
    await expireResetLinks(userId); // a new request makes every older link dead
    await mail.reset(user.email, await issueLinkToken(userId, 'reset-password', user.email, settings.passwordResetTtl));
  }

  async function withinHourlyLimit(userId: string): Promise<boolean> {
    try {
      await resetMails().consume(userId);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      throw rejection;
    }
  }

  /** The link is used up before anything else, so of parallel uses exactly one sets a password. */
  async function resetPassword({ token, newPassword }: ResetPasswordInput): Promise<void> {
    await passwordPolicy.check(newPassword, 'newPassword'); // before the link is spent: a refused password keeps it
    const link = await useLinkToken(token, ['reset-password']);
    if (!link) throw invalidToken();
    // a link mailed to an address the account has since left is dead
    const user = await User.findOne({ _id: link.userId, email: link.email }).lean();
    if (!user) throw invalidToken();
    await setPassword(user._id.toString(), newPassword, !user.emailVerified);
    // the first proof that the owner reads this mailbox: whoever held the account before (a pre-registration of
    // someone else's address) loses every way in they added
    if (!user.emailVerified) await removeEarlierWaysIn(user._id.toString());
    await Promise.all([
      limits.resetAccount(user.email),
      audit.record({ type: 'password.reset', userId: user._id.toString() }),
    ]);
    await mail.notice(user.email, templates.passwordReset());
  }

  /**
   * The one place a reset sets a password: every session is revoked (again after the write, so that a login
   * which raced the reset dies too), every other reset link and any pending email change die, and the address
   * counts as verified: the link proved that its owner reads it.
   */
  async function setPassword(userId: string, newPassword: string, firstProof = false): Promise<void> {
    const password = await hashPassword(newPassword, bcryptCost);
    await sessions.revokeAll(userId);
    // passwordChangedAt: a login that checked the old password meanwhile finds it changed and drops its session
    await User.updateOne(
      { _id: userId },
      // a TOTP enrollment started before (by whoever held the account) dies too: its secret is theirs
      {
        $set: { password, emailVerified: true, passwordChangedAt: new Date(), pendingEmail: null },
        $unset: { 'mfa.pendingSecret': 1 },
        ...(firstProof ? recordEvents('user.email_verified') : {}),
      },
    );
    await Promise.all([sessions.revokeAll(userId), expireLinks(userId, ['reset-password', 'change-email'])]);
  }

  /** After PUT /user/password: older reset links and any pending email change die, and the address is told. */
  async function passwordChanged(userId: string): Promise<void> {
    const [user] = await Promise.all([
      User.findOneAndUpdate(
        { _id: userId },
        { $set: { pendingEmail: null }, $unset: { 'mfa.pendingSecret': 1 } },
      ).lean(),
      expireLinks(userId, ['reset-password', 'change-email']),
    ]);
    if (user) await mail.notice(user.email, templates.passwordChanged());
  }

  return { forgotPassword, resetPassword, setPassword, passwordChanged };
}
