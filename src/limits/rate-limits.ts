import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitSettings } from '../config';
import { HttpError } from '../errors/http-error';
import { clientKey } from './client-address';
import { lazyMongoLimiter } from './mongo-limiter';

const ACCOUNT_WINDOW = 15 * 60;
const MAX_BACKOFF = 15 * 60;

export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpError(429, 'TOO_MANY_REQUESTS', 'Too many attempts; try again later', { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) } });

// Counters are keyed by a hash: the limiter collection holds no email address.
const keyOf = (value: string) => createHash('sha256').update(value).digest('base64url');

/** Rejections of rate-limiter-flexible are a RateLimiterRes when over the limit, an Error when the store failed. */
async function consumeOrThrow(consume: () => Promise<RateLimiterRes>): Promise<RateLimiterRes> {
  try {
    return await consume();
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw tooManyRequests(rejection.msBeforeNext / 1000);
    throw rejection;
  }
}

/**
 * A check that holds its place in the account's count: a failure keeps it; `succeeded` (the user is in)
 * clears the count; `released` gives back this one place only (a right password that still owes a second
 * factor, so that a known password cannot be used to wipe the count of wrong codes).
 */
export type Attempt = { succeeded: () => Promise<void>; released: () => Promise<void> };

const noAttempt: Attempt = { succeeded: async () => undefined, released: async () => undefined };

export function createRateLimits(settings: RateLimitSettings) {
  const address = lazyMongoLimiter({ keyPrefix: 'address', points: settings.addressPerMinute, duration: 60 });
  const registrations = lazyMongoLimiter({ keyPrefix: 'register', points: settings.registrationsPerHour, duration: 3600 });
  const attempts = lazyMongoLimiter({ keyPrefix: 'failures', points: Number.MAX_SAFE_INTEGER, duration: ACCOUNT_WINDOW });
  const backoff = lazyMongoLimiter({ keyPrefix: 'backoff', points: 1, duration: MAX_BACKOFF });

  const perAddress = (limit: number, limiter: typeof address): RequestHandler => async (req, _res, next) => {
    if (limit > 0) await consumeOrThrow(() => limiter().consume(keyOf(clientKey(req.ip))));
    next();
  };

  /**
   * Takes the attempt's place in the account's count before the password is looked at, with one atomic
   * `$inc`, so parallel guesses cannot all pass a check made before the first failure is written. Up to the
   * allowed failures, attempts go through; from the last allowed one on, each attempt must also take the
   * backoff slot (1 s, 2 s, 4 s ... at most 15 min), which one attempt at a time can hold. Refused attempts
   * give their place back and answer 429, whether the password would have been right or not.
   */
  async function reserveAttempt(email: string): Promise<Attempt> {
    if (settings.accountFailures === 0) return noAttempt;
    const key = keyOf(email);
    const count = (await attempts().consume(key)).consumedPoints;
    const over = count - settings.accountFailures;
    if (over >= 0) await takeBackoffSlot(key, Math.min(2 ** over, MAX_BACKOFF));
    return { succeeded: () => resetAccount(email), released: async () => void (await attempts().reward(key)) };
  }

  async function takeBackoffSlot(key: string, seconds: number): Promise<void> {
    const slot = { attrs: {}, customDuration: seconds }; // customDuration is read by the store, not in its typings
    try {
      await backoff().consume(key, 1, slot);
    } catch (rejection) {
      await attempts().reward(key);
      if (rejection instanceof RateLimiterRes) throw tooManyRequests(rejection.msBeforeNext / 1000);
      throw rejection;
    }
  }

  async function resetAccount(email: string): Promise<void> {
    if (settings.accountFailures === 0) return;
    await Promise.all([attempts().delete(keyOf(email)), backoff().delete(keyOf(email))]);
  }

  return {
    attemptsPerAddress: perAddress(settings.addressPerMinute, address),
    registrationsPerAddress: perAddress(settings.registrationsPerHour, registrations),
    account: { reserveAttempt, resetAccount },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
export type AccountLimits = RateLimits['account'];
