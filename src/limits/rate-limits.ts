import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitSettings } from '../config';
import { HttpError } from '../errors/http-error';
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

export function createRateLimits(settings: RateLimitSettings) {
  const address = lazyMongoLimiter({ keyPrefix: 'address', points: settings.addressPerMinute, duration: 60 });
  const registrations = lazyMongoLimiter({ keyPrefix: 'register', points: settings.registrationsPerHour, duration: 3600 });
  const failures = lazyMongoLimiter({ keyPrefix: 'failures', points: Number.MAX_SAFE_INTEGER, duration: ACCOUNT_WINDOW });
  const backoff = lazyMongoLimiter({ keyPrefix: 'backoff', points: 1, duration: MAX_BACKOFF });

  const perAddress = (limit: number, limiter: typeof address): RequestHandler => async (req, _res, next) => {
    if (limit > 0) await consumeOrThrow(() => limiter().consume(keyOf(req.ip ?? 'unknown')));
    next();
  };

  /** Answers 429 while the account waits out its backoff, before the password is even looked at. */
  async function checkAccount(email: string): Promise<void> {
    if (settings.accountFailures === 0) return;
    const blocked = await backoff().get(keyOf(email));
    if (blocked && blocked.consumedPoints > 1) throw tooManyRequests(blocked.msBeforeNext / 1000);
  }

  /** Once the window holds the allowed failures, each further attempt waits: 1 s, 2 s, 4 s ... at most 15 min. */
  async function recordFailure(email: string): Promise<void> {
    if (settings.accountFailures === 0) return;
    const count = (await failures().consume(keyOf(email))).consumedPoints;
    const over = count - settings.accountFailures;
    if (over >= 0) await backoff().block(keyOf(email), Math.min(2 ** over, MAX_BACKOFF));
  }

  async function resetAccount(email: string): Promise<void> {
    if (settings.accountFailures === 0) return;
    await Promise.all([failures().delete(keyOf(email)), backoff().delete(keyOf(email))]);
  }

  return {
    attemptsPerAddress: perAddress(settings.addressPerMinute, address),
    registrationsPerAddress: perAddress(settings.registrationsPerHour, registrations),
    account: { checkAccount, recordFailure, resetAccount },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
export type AccountLimits = RateLimits['account'];
