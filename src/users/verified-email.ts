import mongoose from 'mongoose';
import { forbidden } from '../errors/http-error';
import { User } from './user.model';

export const emailNotVerified = () =>
  forbidden('EMAIL_NOT_VERIFIED', 'Confirm your email address with the link mailed to you first');

/**
 * A new way in (a passkey, an identity, TOTP) only for an account whose owner has proven the mailbox: until
 * then the account may be someone else's pre-registration of that address, and whatever it added would outlive
 * the owner's recovery.
 */
export async function requireVerifiedEmail(userId: string): Promise<void> {
  if (!mongoose.isValidObjectId(userId) || !(await User.exists({ _id: userId, emailVerified: true })))
    throw emailNotVerified();
}
