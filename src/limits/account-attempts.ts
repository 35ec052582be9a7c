import { model, Schema, type mongo } from 'mongoose';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_BACKOFF_MS = 15 * 60 * 1000;
// an attempt that was never answered (its process died) stops counting after this
const STALE_MS = 60 * 1000;
// compare-and-set rounds before a crowd of parallel attempts on one account is told to come back
const MAX_TRIES = 8;

// One document per account (by the email's hash): what the account's password checks are doing right now.
const accountAttemptSchema = new Schema(
  {
    _id: { type: String, required: true },
    failures: { type: Number, default: 0 }, // wrong passwords or codes evaluated in this window
    pending: { type: Number, default: 0 }, // attempts let through and not yet answered
    windowStart: { type: Date, required: true },
    nextAt: { type: Date, default: () => new Date(0) }, // past the allowed failures: no attempt before this
    staleAt: { type: Date, required: true },
    version: { type: Number, default: 0 }, // every write bumps it: the compare of compare-and-set
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { versionKey: false },
);

export const AccountAttempt = model('AccountAttempt', accountAttemptSchema, 'account_attempts');

type AttemptRow = { _id: string; failures: number; pending: number; version: number; staleAt: Date };
// login's hot path goes through the driver: our own filters (no client input), without mongoose's Query,
// which cost more CPU than the update itself (docs/benchmarks.md)
const attemptRows = () => AccountAttempt.collection as unknown as mongo.Collection<AttemptRow>;

type State = { failures: number; pending: number; windowStart: Date; nextAt: Date };

/** The state as of now: failures of an ended window and pending attempts gone stale no longer count. */
function stateAt(doc: (State & { staleAt: Date }) | null, now: Date): State {
  if (!doc) return { failures: 0, pending: 0, windowStart: now, nextAt: new Date(0) };
  const windowEnded = doc.windowStart.getTime() + WINDOW_MS <= now.getTime();
  return {
    failures: windowEnded ? 0 : doc.failures,
    pending: doc.staleAt <= now ? 0 : doc.pending,
    windowStart: windowEnded ? now : doc.windowStart,
    nextAt: windowEnded ? new Date(0) : doc.nextAt,
  };
}

/**
 * Milliseconds to wait before this attempt may be checked, 0 for now. Up to `limit` attempts may be
 * evaluated or in flight at once; past the allowed failures, one at a time, and only once the backoff that
 * the last failure set has passed.
 */
function waitFor(state: State, limit: number, now: Date): number {
  if (state.failures + state.pending < limit) return 0;
  if (state.pending > 0) return 1000;
  return Math.max(0, state.nextAt.getTime() - now.getTime());
}

/** Each failure past the allowed ones doubles the wait before the next attempt: 1 s, 2 s, 4 s ... 15 min. */
const backoffAfter = (failures: number, limit: number, now: Date) =>
  failures >= limit ? new Date(now.getTime() + Math.min(2 ** (failures - limit) * 1000, MAX_BACKOFF_MS)) : null;

export type AttemptDecision = { admitted: true } | { admitted: false; waitMs: number };

export function createAccountAttempts(limit: number) {
  /**
   * Lets the attempt through, counted as pending, or says how long to wait. Under the limit one conditional
   * `$inc` decides, so parallel attempts do not contend; otherwise (a new window, a stale count, the backoff)
   * a compare-and-set on the document's version.
   */
  async function admit(key: string): Promise<AttemptDecision> {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      if (await admitUnderLimit(key)) return { admitted: true };
      const now = new Date();
      const doc = await AccountAttempt.findById(key).lean();
      const state = stateAt(doc, now);
      const waitMs = waitFor(state, limit, now);
      if (waitMs > 0) return { admitted: false, waitMs };
      const next = {
        ...state,
        pending: state.pending + 1,
        staleAt: new Date(now.getTime() + STALE_MS),
        expiresAt: new Date(now.getTime() + WINDOW_MS + MAX_BACKOFF_MS),
      };
      if (await commit(key, doc?.version, next)) return { admitted: true };
    }
    return { admitted: false, waitMs: 1000 };
  }

  async function admitUnderLimit(key: string): Promise<boolean> {
    const now = new Date();
    const admitted = await attemptRows().updateOne(
      {
        _id: key,
        windowStart: { $gt: new Date(now.getTime() - WINDOW_MS) },
        staleAt: { $gt: now },
        $expr: { $lt: [{ $add: ['$failures', '$pending'] }, limit] },
      },
      { $inc: { pending: 1, version: 1 }, $set: { staleAt: new Date(now.getTime() + STALE_MS) } },
    );
    return admitted.modifiedCount === 1;
  }

  async function commit(key: string, version: number | undefined, next: object): Promise<boolean> {
    if (version === undefined) {
      return AccountAttempt.create({ _id: key, ...next, version: 1 }).then(
        () => true,
        (error: Error & { code?: number }) => (error.code === 11000 ? false : Promise.reject(error)),
      );
    }
    return (
      (await AccountAttempt.updateOne({ _id: key, version }, { $set: { ...next, version: version + 1 } }))
        .modifiedCount === 1
    );
  }

  /** A wrong password or code: it counts, and past the allowed ones it sets the next wait. */
  async function failed(key: string): Promise<void> {
    const now = new Date();
    const after = await AccountAttempt.findOneAndUpdate(
      { _id: key },
      { $inc: { failures: 1, version: 1 } },
      { returnDocument: 'after' },
    ).lean();
    const nextAt = after ? backoffAfter(after.failures, limit, now) : null;
    await settle(key, nextAt ? { $max: { nextAt } } : {});
  }

  /** The user is in: the count starts again. */
  const succeeded = (key: string) =>
    settle(key, { $set: { failures: 0, nextAt: new Date(0), windowStart: new Date() } });

  /** A right password that still owes a second factor: only this attempt's place is given back. */
  const released = (key: string) => settle(key, {});

  // the attempt leaves the pending count, never below 0 (a stale count may have been forgotten meanwhile)
  async function settle(key: string, change: Record<string, object>): Promise<void> {
    const attempts = attemptRows();
    const settled = await attempts.updateOne(
      { _id: key, pending: { $gt: 0 } },
      { ...change, $inc: { pending: -1, version: 1 } },
    );
    if (settled.matchedCount === 0 && Object.keys(change).length > 0)
      await attempts.updateOne({ _id: key }, { ...change, $inc: { version: 1 } });
  }

  const reset = async (key: string) => void (await AccountAttempt.deleteOne({ _id: key }));

  return { admit, failed, succeeded, released, reset };
}
