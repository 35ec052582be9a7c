import mongoose from 'mongoose';

export type Lifetimes = { refreshTokenTtl: number; sessionMaxAge: number; refreshReuseGrace: number };

export const secondsFrom = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

/** The query part that every read of a usable session carries: the stand-in database never expires documents. */
export function live(now: Date) {
  return {
    revokedAt: null,
    idleExpiresAt: mongoose.trusted({ $gt: now }),
    maxExpiresAt: mongoose.trusted({ $gt: now }),
  };
}

type SessionState = {
  userId: { toString(): string };
  revokedAt?: Date | null;
  idleExpiresAt: Date;
  maxExpiresAt: Date;
};

/** The same rule as live(), for a session read by its _id alone (the cheapest read there is). */
export function isLiveFor(session: SessionState | null, userId: string, now: Date): boolean {
  if (!session || session.revokedAt) return false;
  return session.userId.toString() === userId && session.idleExpiresAt > now && session.maxExpiresAt > now;
}
