import { User } from '../users/user.model';
import type { Entitlements } from './tokens';

/** The fields of a user document that the claims `premium` and `email_verified` come from. */
export type EntitledUser = { premium?: boolean | null; premiumEnds?: Date | null; emailVerified?: unknown };

/** Premium while granted and `premiumEnds` is unset or still ahead; a verified email only when said so. */
export function entitlementsOf(user: EntitledUser | null, now = new Date()): Entitlements {
  const premium = user?.premium === true && (user.premiumEnds == null || user.premiumEnds > now);
  return { premium, emailVerified: user?.emailVerified === true };
}

/** One read by _id, for a token signed without the user at hand (a refresh, the second step of a login). */
export async function readEntitledUser(userId: string): Promise<EntitledUser | null> {
  return User.findById(userId, { premium: 1, premiumEnds: 1, emailVerified: 1 }).lean<EntitledUser>();
}
