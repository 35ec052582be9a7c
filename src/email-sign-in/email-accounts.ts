import type { Types } from 'mongoose';
import type { AuditLog } from '../audit/audit.service';
import { removeEarlierWaysIn } from '../recovery/first-proof';
import type { SessionService } from '../sessions/sessions.service';
import { User } from '../users/user.model';
import { pendingEvent, recordEvents } from '../webhooks/events';

const DUPLICATE_KEY = 11000;

/** The accounts a sign-in by email reaches: found, made (EMAIL_SIGN_UP=true), and proven by the mailbox. */
export function createEmailAccounts({ sessions, audit }: { sessions: SessionService; audit: AuditLog }) {
  const byEmail = (email: string) => User.findOne({ email }, { _id: 1 }).lean();

  /**
   * The account of a used challenge, its address now proven. A first proof (the address was not verified)
   * removes every way in added before it, the password too, and signs every session out: whoever registered
   * the address before its owner keeps nothing (contract v1.7). The owner sets a password with a reset.
   */
  async function proven(email: string, userId: Types.ObjectId | null) {
    const user = userId ? await User.findById(userId).select('+mfa').lean() : await signUp(email);
    if (!user || user.email !== email) return null;
    if (user.emailVerified) return user;
    const now = new Date();
    const first = await User.updateOne(
      { _id: user._id, emailVerified: false },
      {
        $set: { emailVerified: true, passwordChangedAt: now },
        $unset: { password: 1 },
        ...recordEvents('user.email_verified'),
      },
    );
    if (first.modifiedCount === 1) {
      await sessions.revokeAll(user._id.toString());
      await Promise.all([
        removeEarlierWaysIn(user._id.toString()),
        audit.record({ type: 'email.verified', userId: user._id.toString() }),
      ]);
    }
    return User.findById(user._id).select('+mfa').lean();
  }

  /** A password-less account for an address a challenge was mailed to; one made meanwhile is that one. */
  async function signUp(email: string) {
    try {
      const user = await User.create({ email, emailVerified: true, pendingEvents: [pendingEvent('user.created')] });
      await audit.record({ type: 'email.account-created', userId: user.id });
      return User.findById(user._id).select('+mfa').lean();
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      return User.findOne({ email }).select('+mfa').lean();
    }
  }

  return { byEmail, proven };
}
