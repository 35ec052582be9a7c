import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitSettings } from '../config';
import { HttpError } from '../errors/http-error';
import { clientKey } from './client-address';
import { createAccountAttempts } from './account-attempts';
import { lazyMongoLimiter } from './mongo-limiter';

export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpError(429, 'TOO_MANY_REQUESTS', 'Too many attempts; try again later', {
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });

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
 * A password (or second-factor) check that holds its place in the account's count while it runs: `failed`
 * counts it as a failure, `succeeded` (the user is in) starts the count again, `released` gives back this
 * place only (a right password that still owes a second factor must not wipe the count of wrong codes).
 */
export type Attempt = { failed: () => Promise<void>; succeeded: () => Promise<void>; released: () => Promise<void> };

const noAttempt: Attempt = {
  failed: () => Promise.resolve(),
  succeeded: () => Promise.resolve(),
  released: () => Promise.resolve(),
};

export function createRateLimits(settings: RateLimitSettings) {
  const address = lazyMongoLimiter({ keyPrefix: 'address', points: settings.addressPerMinute, duration: 60 });
  const registrations = lazyMongoLimiter({
    keyPrefix: 'register',
    points: settings.registrationsPerHour,
    duration: 3600,
  });
  const accountAttempts = createAccountAttempts(settings.accountFailures);

  const perAddress =
    (limit: number, limiter: typeof address): RequestHandler =>
    async (req, _res, next) => {
      if (limit > 0) await consumeOrThrow(() => limiter().consume(keyOf(clientKey(req.ip))));
      next();
    };

  /**
   * Takes the attempt's place in the account's count before the password is looked at, so that parallel
   * guesses cannot all pass a check made before the first failure is written: at most
   * RATE_LIMIT_ACCOUNT_FAILURES are ever in flight or evaluated, then one at a time after a growing wait.
   * A refused attempt answers 429, whether its password would have been right or not.
   */
  async function reserveAttempt(email: string): Promise<Attempt> {
    if (settings.accountFailures === 0) return noAttempt;
    const key = keyOf(email);
    const decision = await accountAttempts.admit(key);
    if (!decision.admitted) throw tooManyRequests(decision.waitMs / 1000);
    return {
      failed: () => accountAttempts.failed(key),
      succeeded: () => accountAttempts.succeeded(key),
      released: () => accountAttempts.released(key),
    };
  }

  async function resetAccount(email: string): Promise<void> {
    if (settings.accountFailures === 0) return;
    await accountAttempts.reset(keyOf(email));
  }

  return {
    attemptsPerAddress: perAddress(settings.addressPerMinute, address),
    registrationsPerAddress: perAddress(settings.registrationsPerHour, registrations),
    account: { reserveAttempt, resetAccount },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
export type AccountLimits = RateLimits['account'];
