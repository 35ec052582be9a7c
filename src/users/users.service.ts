import type { Profile } from './users.schemas';
import { entitlementsOf } from '../auth/entitlements';
import type { UserDocument } from './user.model';

export type { Profile };

/** The public shape of a user, built field by field so that nothing else (the hash least of all) slips out. */
export function toProfile(user: Omit<UserDocument, 'password'>): Profile {
  return {
    id: user._id.toString(),
    name: user.name ?? null,
    email: user.email,
    premium: entitlementsOf(user).premium, // as the claims say it: an ended premium is no premium
    premiumEnds: user.premiumEnds ? user.premiumEnds.toISOString() : null,
    emailVerified: user.emailVerified ?? false,
    pendingEmail: user.pendingEmail ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
