import { isValidObjectId } from 'mongoose';
import { unauthorized } from '../errors/http-error';
import { User, type UserDocument } from './user.model';

export type Profile = {
  id: string;
  name: string | null;
  email: string;
  premium: boolean;
  premiumEnds: string | null;
  createdAt: string;
  updatedAt: string;
};

/** The public shape of a user, built field by field so that nothing else (the hash least of all) slips out. */
export function toProfile(user: Omit<UserDocument, 'password'>): Profile {
  return {
    id: user._id.toString(),
    name: user.name ?? null,
    email: user.email,
    premium: user.premium ?? false,
    premiumEnds: user.premiumEnds ? user.premiumEnds.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export async function getProfile(userId: string): Promise<Profile> {
  const user = isValidObjectId(userId) ? await User.findById(userId).lean<UserDocument>() : null;
  // v1.1: a token whose user is gone is refused like any other dead session
  if (!user) throw unauthorized('UNAUTHORIZED', 'The user of this token no longer exists');
  return toProfile(user);
}
