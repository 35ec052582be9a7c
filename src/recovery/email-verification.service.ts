import type { Caller } from '../auth/require-auth';
import type { AuditLog } from '../audit/audit.service';
import type { RecoverySettings } from '../config';
import { badRequest, conflict, unauthorized } from '../errors/http-error';
import { templates } from '../mail/mail.templates';
import { User } from '../users/user.model';
import type { LinkTokenDocument } from './link-token.model';
import { expireLinks, expireLinkToken, issueLinkToken, releaseLinkToken, useLinkToken } from './link-tokens';
import { dropPendingEmail } from './pending-email';
import type { RecoveryMail } from './recovery.mail';
import type { ChangeEmailInput, EmailVerified } from './recovery.schemas';
import type { SessionService } from '../sessions/sessions.service';
import { recordEvents } from '../webhooks/events';

export type EmailVerificationDeps = {
  mail: RecoveryMail;
  settings: RecoverySettings;
  checkPassword: (userId: string, password: string) => Promise<unknown>;
  audit: AuditLog;
  sessions: Pick<SessionService, 'isLive'>;
};

const DUPLICATE_KEY = 11000;
export const invalidToken = () =>
  badRequest('INVALID_TOKEN', 'The link is unknown, expired or already used; ask for a new one');
const emailTaken = () => conflict('EMAIL_TAKEN', 'Email is already registered');

export function createEmailVerification({ mail, settings, checkPassword, audit, sessions }: EmailVerificationDeps) {
  async function sendVerification(userId: string, email: string): Promise<void> {
    const token = await issueLinkToken(userId, 'verify-email', email, settings.emailVerifyTtl);
    await mail.verification(email, token);
  }

  /** For a registration: the link is made and mailed after the answer (before it on Lambda), and never fails it. */
  const mailLinkToNewUser = (userId: string, email: string) =>
    mail.afterAnswer('verification mail', () => sendVerification(userId, email));

  /** Earlier links stay valid until they expire. A verified address gets no more mail. */
  async function resendVerification(userId: string): Promise<void> {
    const user = await User.findById(userId).lean();
    if (user && !user.emailVerified) await sendVerification(userId, user.email);
  }

  async function verifyEmail(token: string): Promise<EmailVerified> {
    const link = await useLinkToken(token, ['verify-email', 'change-email']);
    if (!link) throw invalidToken();
    const changed = link.purpose === 'change-email';
    const verified = await (changed ? applyNewEmail(link) : confirmEmail(link));
    await audit.record({ type: changed ? 'email.changed' : 'email.verified', userId: link.userId.toString() });
    return verified;
  }

  // A link verifies the address it was mailed to, not one the account has moved to since.
  async function confirmEmail(link: LinkTokenDocument): Promise<EmailVerified> {
    const filter = { _id: link.userId, email: link.email };
    const after = { returnDocument: 'after' } as const;
    // the event only when this link is what verified it: the same write, conditioned on the address being unverified
    const user =
      (await User.findOneAndUpdate(
        { ...filter, emailVerified: false },
        { $set: { emailVerified: true }, ...recordEvents('user.email_verified') },
        after,
      ).lean()) ?? (await User.findOneAndUpdate(filter, { $set: { emailVerified: true } }, after).lean());
    if (!user) throw invalidToken();
    return { emailVerified: true, email: user.email };
  }

  // Only the change still pending works: a newer request, a reset, a password change or "log out everywhere"
  // ended the others. The unique index decides a race with a registration of the same address: 409, and the
  // link is given back.
  async function applyNewEmail(link: LinkTokenDocument): Promise<EmailVerified> {
    try {
      const user = await User.findOneAndUpdate(
        { _id: link.userId, pendingEmail: link.email },
        { $set: { email: link.email, emailVerified: true, pendingEmail: null }, ...recordEvents('user.email_changed') },
        { returnDocument: 'after' },
      ).lean();
      if (!user) throw invalidToken();
      return { emailVerified: true, email: user.email };
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      await releaseLinkToken(link._id);
      throw emailTaken();
    }
  }

  /**
   * Nothing changes until the new address's link is used; the old address is told at once. The newest request
   * is the only pending one: the links of earlier ones die.
   */
  async function changeEmail(caller: Caller, { newEmail, password }: ChangeEmailInput): Promise<void> {
    await checkPassword(caller.userId, password);
    const [user, taken] = await Promise.all([User.findById(caller.userId).lean(), User.exists({ email: newEmail })]);
    if (taken) throw emailTaken();
    if (!user) return; // deleted meanwhile: its session is dead, nothing to mail
    await expireLinks(caller.userId, ['change-email']);
    const token = await issueLinkToken(caller.userId, 'change-email', newEmail, settings.emailVerifyTtl);
    await User.updateOne({ _id: caller.userId }, { $set: { pendingEmail: newEmail } });
    // The owner's recovery (a reset, a password change, "log out everywhere") may have ended this session while
    // the password was checked: it revokes sessions before its own write, so a request that finds its session
    // gone after this write undoes it, and one that finds it live wrote before the recovery, which then ends it.
    if (!(await sessions.isLive(caller.sessionId, caller.userId))) {
      await Promise.all([
        User.updateOne({ _id: caller.userId, pendingEmail: newEmail }, { $set: { pendingEmail: null } }),
        expireLinkToken(token),
      ]);
      throw unauthorized('UNAUTHORIZED', 'A valid access token of a live session is required');
    }
    await Promise.all([
      mail.newAddress(newEmail, token),
      mail.notice(user.email, templates.emailChangeRequested(newEmail)),
      audit.record({ type: 'email.change-requested', ...caller }),
    ]);
  }

  /** DELETE /user/email: the pending change, if any, is over. */
  async function cancelEmailChange(caller: Caller): Promise<void> {
    await Promise.all([dropPendingEmail(caller.userId), audit.record({ type: 'email.change-cancelled', ...caller })]);
  }

  return { mailLinkToNewUser, resendVerification, verifyEmail, changeEmail, cancelEmailChange };
}
