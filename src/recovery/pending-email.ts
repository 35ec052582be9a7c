import { User } from '../users/user.model';
import { expireLinks } from './link-tokens';

/**
 * A pending email change dies: its links stop working and the profile shows none. A reset, a password change,
 * "log out everywhere", a newer change request and DELETE /user/email each end it, so that an address someone
 * asked for while they held the account for a moment cannot take it over after its owner's recovery.
 */
export async function dropPendingEmail(userId: string): Promise<void> {
  await Promise.all([
    User.updateOne({ _id: userId }, { $set: { pendingEmail: null } }),
    expireLinks(userId, ['change-email']),
  ]);
}
