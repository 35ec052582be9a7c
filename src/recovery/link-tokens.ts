import { createHash, randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { LinkToken, type LinkPurpose, type LinkTokenDocument } from './link-token.model';

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const unexpired = (now: Date) => ({ expiresAt: mongoose.trusted({ $gt: now }) });

/** A new link token: 256 random bits, of which only the hash is stored. */
export async function issueLinkToken(
  userId: string,
  purpose: LinkPurpose,
  email: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await LinkToken.create({
    userId,
    purpose,
    email,
    tokenHash: hashOf(token),
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
  return token;
}

/** One conditional atomic update decides: of parallel uses of one token, exactly one gets it back. */
export async function useLinkToken(token: string, purposes: LinkPurpose[]): Promise<LinkTokenDocument | null> {
  const now = new Date();
  return LinkToken.findOneAndUpdate(
    { tokenHash: hashOf(token), purpose: mongoose.trusted({ $in: purposes }), usedAt: null, ...unexpired(now) },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean<LinkTokenDocument>();
}

/** Gives a used token back, when what it was used for could not be done (the new address was taken). */
export async function releaseLinkToken(id: LinkTokenDocument['_id']): Promise<void> {
  await LinkToken.updateOne({ _id: id }, { $set: { usedAt: null } });
}

/** Every unused link of the user for these purposes stops working now (reset links unless told). */
export async function expireLinks(userId: string, purposes: LinkPurpose[] = ['reset-password']): Promise<void> {
  const now = new Date();
  await LinkToken.updateMany(
    { userId, purpose: mongoose.trusted({ $in: purposes }), usedAt: null, ...unexpired(now) },
    { $set: { expiresAt: now } },
  );
}

export const expireResetLinks = (userId: string) => expireLinks(userId);

/** One link stops working now, whatever its purpose. */
export async function expireLinkToken(token: string): Promise<void> {
  await LinkToken.updateOne({ tokenHash: hashOf(token) }, { $set: { expiresAt: new Date() } });
}
