import { createHash, randomBytes, randomInt } from 'node:crypto';
import mongoose, { type Types } from 'mongoose';
import { EmailChallenge, type EmailChallengeDocument } from './email-challenge.model';

export const CODE_TRIES = 5;
const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const live = (now: Date) => ({ usedAt: null, expiresAt: mongoose.trusted({ $gt: now }) });

export type Keyed = (value: string) => string;

/** A new challenge for the address, in place of any older one: its link token and its code, each once. */
export async function newChallenge(email: string, userId: Types.ObjectId | null, ttlSeconds: number, keyed: Keyed) {
  const token = randomBytes(32).toString('base64url');
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const set = {
    userId,
    tokenHash: sha256(token),
    codeHash: keyed(`${email}:${code}`),
    tries: 0,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    usedAt: null,
  };
  await EmailChallenge.updateOne({ email }, { $set: set }, { upsert: true });
  return { token, code };
}

/** The link's challenge, used up by one atomic update: of parallel uses exactly one gets it. */
export async function useToken(token: string): Promise<EmailChallengeDocument | null> {
  const now = new Date();
  return EmailChallenge.findOneAndUpdate(
    { tokenHash: sha256(token), ...live(now) },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean<EmailChallengeDocument>();
}

/**
 * The address's challenge, if its code is right. The try is counted before the code is compared, so that
 * parallel guesses cannot all pass a count made before the first failure: at most CODE_TRIES are compared.
 * `wrong` is true when a live challenge was there and the code was not its own.
 */
export async function useCode(email: string, code: string, keyed: Keyed) {
  const now = new Date();
  const counted = await EmailChallenge.findOneAndUpdate(
    { email, ...live(now), tries: mongoose.trusted({ $lt: CODE_TRIES }) },
    { $inc: { tries: 1 } },
    { returnDocument: 'after' },
  ).lean<EmailChallengeDocument>();
  if (!counted) return { challenge: null, wrong: false };
  if (counted.codeHash !== keyed(`${email}:${code}`)) return { challenge: null, wrong: true };
  const used = await EmailChallenge.findOneAndUpdate(
    { _id: counted._id, codeHash: counted.codeHash, ...live(now) },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean<EmailChallengeDocument>();
  return { challenge: used, wrong: false };
}
