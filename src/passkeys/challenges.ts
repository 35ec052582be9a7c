import { randomBytes } from 'node:crypto';
import mongoose, { type Types } from 'mongoose';
import { PasskeyChallenge } from './passkey-challenge.model';

export const CHALLENGE_SECONDS = 300;

type Ceremony = 'register' | 'login';
export type IssuedChallenge = { challengeId: string; challenge: string };
export type SpentChallenge = { challenge: string; userId: Types.ObjectId | null; anyUser: boolean };

const random = () => randomBytes(32).toString('base64url');

/** A new challenge for one ceremony of one user (or of whoever a discoverable credential names). */
export async function issueChallenge(
  ceremony: Ceremony,
  userId: string | null,
  anyUser = false,
): Promise<IssuedChallenge> {
  const issued = { challengeId: random(), challenge: random() };
  await PasskeyChallenge.create({
    ...issued,
    ceremony,
    userId,
    anyUser,
    expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000),
  });
  return issued;
}

/**
 * Marks a live, unused challenge used, in one atomic update, and returns it: of parallel uses exactly one
 * gets it. The filter names the ceremony (and, where given, the user), so a challenge made for another
 * ceremony or another user is not found.
 */
export async function spendChallenge(
  filter: { challengeId: string } | { challenge: string; userId: string },
  ceremony: Ceremony,
): Promise<SpentChallenge | null> {
  const now = new Date();
  const spent = await PasskeyChallenge.findOneAndUpdate(
    { ...filter, ceremony, usedAt: null, expiresAt: mongoose.trusted({ $gt: now }) },
    { $set: { usedAt: now } },
    { projection: { challenge: 1, userId: 1, anyUser: 1 } },
  ).lean();
  return spent && { challenge: spent.challenge, userId: spent.userId ?? null, anyUser: spent.anyUser ?? false };
}
