import mongoose, { isValidObjectId } from 'mongoose';
import type { AuditLog } from '../audit/audit.service';
import { unauthorized } from '../errors/http-error';
import type { SessionView } from './sessions.schemas';
import { hashRefreshToken, newRefreshToken } from './refresh-token';
import { isLiveFor, live, secondsFrom, type Lifetimes } from './session.lifetimes';
import { Session, type SessionDocument } from './session.model';
import { User, type UserDocument } from '../users/user.model';
import { dropPendingEmail } from '../recovery/pending-email';
import { membershipLookup } from '../orgs/org-access';

export type OpenedSession = {
  sessionId: string;
  userId: string;
  refreshToken: string;
  amr: string[];
  authTime: Date;
  /** The active organization (contract v1.9), when the session has one. */
  orgId?: string | null;
};
/** What the guards read of a session: enough to say it is live, and how recently its user proved who they are. */
export type LiveSession = { authTime: Date };

const PROJECTION = { spentTokens: 0, 'user.password': 0, 'user.mfa': 0 };
// A session refreshed every quarter hour for its 90 days spends 8,640 tokens; the newest are the ones a thief holds.
const SPENT_TOKENS_KEPT = 1000;
const objectId = (id: string) => new mongoose.Types.ObjectId(id);
function database() {
  const db = Session.db.db;
  // before the first connect there is no Db yet: the same "not connected" error (a 503) as any query meets
  if (!db) throw new mongoose.Error('Connection is not connected');
  return db;
}
// a session opened before v1.7 has no authTime: its login is when it was made
const authTimeOf = (session: { authTime?: Date | null; createdAt: Date }) => session.authTime ?? session.createdAt;
const openedOf = (
  session: { _id: mongoose.Types.ObjectId; userId: mongoose.Types.ObjectId; amr?: string[] | null } & {
    authTime?: Date | null;
    createdAt: Date;
    orgId?: mongoose.Types.ObjectId | null;
  },
  refreshToken: string,
): OpenedSession => ({
  sessionId: session._id.toString(),
  userId: session.userId.toString(),
  refreshToken,
  amr: session.amr?.length ? session.amr : ['pwd'],
  authTime: authTimeOf(session),
  orgId: session.orgId?.toString() ?? null,
});
const invalidRefreshToken = () =>
  unauthorized('INVALID_REFRESH_TOKEN', 'The refresh token is unknown, expired, revoked or already used');

export function createSessionService(
  { refreshTokenTtl, sessionMaxAge, refreshReuseGrace }: Lifetimes,
  audit: AuditLog,
) {
  // The driver's insertOne with the document as the schema would build it: Session.create's document
  // machinery cost 2.4 times the insert itself in CPU (bench/driver-calls.mjs)
  async function open(userId: string, userAgent: string | undefined, amr: string[] = ['pwd']): Promise<OpenedSession> {
    const now = new Date();
    const refreshToken = newRefreshToken();
    const _id = new mongoose.Types.ObjectId();
    await Session.collection.insertOne({
      _id,
      userId: objectId(userId),
      tokenHash: hashRefreshToken(refreshToken),
      spentTokens: [],
      lastUsedAt: now,
      idleExpiresAt: secondsFrom(now, refreshTokenTtl),
      maxExpiresAt: secondsFrom(now, sessionMaxAge),
      revokedAt: null,
      userAgent: userAgent?.slice(0, 256) ?? null,
      amr,
      authTime: now,
      createdAt: now,
    });
    return { sessionId: _id.toString(), userId, refreshToken, amr, authTime: now };
  }

  /**
   * One conditional atomic update decides: of parallel refreshes with one token, exactly one wins. `orgId`, when
   * given, becomes the session's active organization (null clears it) in the same update.
   */
  async function rotate(refreshToken: string, orgId?: string | null): Promise<OpenedSession> {
    const now = new Date();
    const usedHash = hashRefreshToken(refreshToken);
    const next = newRefreshToken();
    const org = orgId === undefined ? {} : { orgId: orgId === null ? null : objectId(orgId) };
    const session = await Session.findOneAndUpdate(
      { tokenHash: usedHash, ...live(now) },
      {
        $set: {
          tokenHash: hashRefreshToken(next),
          lastUsedAt: now,
          idleExpiresAt: secondsFrom(now, refreshTokenTtl),
          ...org,
        },
        $push: { spentTokens: { $each: [{ hash: usedHash, at: now }], $slice: -SPENT_TOKENS_KEPT } },
      },
      { returnDocument: 'after', projection: { userId: 1, amr: 1, authTime: 1, createdAt: 1, orgId: 1 } },
    ).lean();
    if (session) return openedOf(session, next);
    await revokeOnReuse(usedHash, now);
    throw invalidRefreshToken();
  }

  /**
   * The user proved who they are again in this live session: a new authTime (and how it was proved), and the
   * refresh token rotated as a refresh rotates it (the one it replaces joins the spent ones). A compare-and-set
   * on the current token: of parallel re-authentications and refreshes of one session exactly one rotates, the
   * others are refused as a refresh with a spent token is (no refresh token the client keeps is left spent).
   */
  async function reauthenticate(sessionId: string, userId: string, amr: string[]): Promise<OpenedSession | null> {
    const now = new Date();
    const current = await Session.findOne(
      { _id: objectId(sessionId), userId: objectId(userId), ...live(now) },
      {
        tokenHash: 1,
      },
    ).lean();
    if (!current) return null;
    const next = newRefreshToken();
    const session = await Session.findOneAndUpdate(
      { _id: current._id, tokenHash: current.tokenHash, ...live(now) },
      {
        $set: {
          tokenHash: hashRefreshToken(next),
          authTime: now,
          amr,
          lastUsedAt: now,
          idleExpiresAt: secondsFrom(now, refreshTokenTtl),
        },
        $push: { spentTokens: { $each: [{ hash: current.tokenHash, at: now }], $slice: -SPENT_TOKENS_KEPT } },
      },
      { returnDocument: 'after', projection: { userId: 1, amr: 1, authTime: 1, createdAt: 1, orgId: 1 } },
    ).lean();
    if (!session)
      throw unauthorized(
        'INVALID_REFRESH_TOKEN',
        'A parallel refresh or re-authentication of this session came first; re-authenticate again',
      );
    return openedOf(session, next);
  }

  // Any token the session already spent, presented after the grace window, means it was copied: the whole
  // session dies, the thief's later tokens with it (RFC 9700 4.14.2). Within the window of its own rotation
  // it is a client's retry or a racing tab, and is only refused.
  async function revokeOnReuse(usedHash: string, now: Date): Promise<void> {
    const graceStart = new Date(now.getTime() - refreshReuseGrace * 1000);
    const revoked = await Session.findOneAndUpdate(
      { spentTokens: mongoose.trusted({ $elemMatch: { hash: usedHash, at: { $lte: graceStart } } }), revokedAt: null },
      { $set: { revokedAt: now } },
      { projection: { userId: 1 } },
    ).lean();
    if (revoked)
      await audit.record({
        type: 'refresh.reused',
        userId: revoked.userId.toString(),
        sessionId: revoked._id.toString(),
      });
  }

  // Both reads are by _id: the cheapest read on any MongoDB. The liveness rule is applied to what comes back.
  const sessionById = (sessionId: string) =>
    Session.findById(sessionId, {
      userId: 1,
      revokedAt: 1,
      idleExpiresAt: 1,
      maxExpiresAt: 1,
      authTime: 1,
      createdAt: 1,
    }).lean();

  async function isLive(sessionId: string, userId: string): Promise<boolean> {
    return (await liveSession(sessionId, userId)) !== null;
  }

  /**
   * The session, when it is a live one of this user: the guards' one read, by _id. A token that names an
   * organization also needs its membership: the same one command, an aggregate with its $lookup.
   */
  async function liveSession(sessionId: string, userId: string, orgId?: string): Promise<LiveSession | null> {
    if (!isValidObjectId(sessionId) || !isValidObjectId(userId)) return null;
    if (orgId !== undefined) {
      const row = await sessionWithMembership(sessionId, userId, orgId, []);
      return row && isLiveFor(row, userId, new Date()) ? { authTime: authTimeOf(row) } : null;
    }
    const session = await sessionById(sessionId);
    return session && isLiveFor(session, userId, new Date()) ? { authTime: authTimeOf(session) } : null;
  }

  /** The session with whatever `lookups` bring, and nothing when the token's organization is no longer the user's. */
  async function sessionWithMembership<Row extends SessionDocument>(
    sessionId: string,
    userId: string,
    orgId: string | undefined,
    lookups: object[],
  ): Promise<Row | null> {
    if (orgId !== undefined && !isValidObjectId(orgId)) return null;
    const membership = orgId === undefined ? [] : [membershipLookup(orgId, userId)];
    // One aggregate command, its answer read from the first batch (a $match on _id yields one row at most): the
    // driver's cursor around it cost a fifth of the profile route's CPU, mongoose's Aggregate more (docs/benchmarks.md)
    const reply = await database().command({
      aggregate: Session.collection.collectionName,
      pipeline: [{ $match: { _id: objectId(sessionId) } }, ...lookups, ...membership, { $project: PROJECTION }],
      cursor: {},
    });
    const [row] = (reply as { cursor: { firstBatch: (Row & { memberships?: unknown[] })[] } }).cursor.firstBatch;
    if (!row || (orgId !== undefined && !row.memberships?.length)) return null; // the membership is gone
    return row;
  }

  /**
   * For routes that need the user anyway: the session and its user in one aggregate, one round trip
   * (two parallel finds measured half the throughput on the test database: its cost is per operation).
   */
  async function liveUser(
    sessionId: string,
    userId: string,
    orgId?: string,
  ): Promise<Omit<UserDocument, 'password'> | null> {
    if (!isValidObjectId(sessionId) || !isValidObjectId(userId)) return null;
    const row = await sessionWithMembership<SessionDocument & { user: UserDocument[] }>(sessionId, userId, orgId, [
      { $lookup: { from: User.collection.collectionName, localField: 'userId', foreignField: '_id', as: 'user' } },
    ]);
    return isLiveFor(row, userId, new Date()) ? (row?.user[0] ?? null) : null;
  }

  /** The live session's user, read before a refresh that sets an organization: its membership is checked first. */
  async function userOfRefreshToken(refreshToken: string): Promise<string | null> {
    const session = await Session.findOne(
      { tokenHash: hashRefreshToken(refreshToken), ...live(new Date()) },
      {
        userId: 1,
      },
    ).lean();
    return session?.userId.toString() ?? null;
  }

  /** The session's organization is no longer the user's: later tokens carry none (unless another is chosen). */
  async function dropOrg(sessionId: string, orgId: string): Promise<void> {
    await Session.updateOne({ _id: sessionId, orgId: objectId(orgId) }, { $set: { orgId: null } });
  }

  async function list(userId: string, currentSessionId: string): Promise<SessionView[]> {
    const sessions = await Session.find({ userId, ...live(new Date()) }, { spentTokens: 0 })
      .sort({ lastUsedAt: -1 })
      .lean();
    return sessions.map((session) => ({
      id: session._id.toString(),
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      userAgent: session.userAgent ?? null,
      current: session._id.toString() === currentSessionId,
    }));
  }

  /** False when the user has no such live session: another user's id is "no such session" too. */
  async function revoke(sessionId: string, userId: string): Promise<boolean> {
    if (!isValidObjectId(sessionId)) return false;
    const result = await Session.updateOne(
      { _id: sessionId, userId, ...live(new Date()) },
      { $set: { revokedAt: new Date() } },
    );
    return result.matchedCount === 1;
  }

  async function revokeAll(userId: string, exceptSessionId?: string): Promise<void> {
    const except = exceptSessionId ? { _id: mongoose.trusted({ $ne: objectId(exceptSessionId) }) } : {};
    await Session.updateMany({ userId, revokedAt: null, ...except }, { $set: { revokedAt: new Date() } });
  }

  /** "Log out everywhere": every session, this one too, and a pending email change with them (contract v1.7). */
  async function logOutEverywhere(userId: string): Promise<void> {
    await Promise.all([revokeAll(userId), dropPendingEmail(userId)]);
  }

  async function removeAll(userId: string): Promise<void> {
    await Session.deleteMany({ userId });
  }

  async function removeOne(sessionId: string): Promise<void> {
    await Session.deleteOne({ _id: sessionId });
  }

  return {
    open,
    rotate,
    reauthenticate,
    isLive,
    liveSession,
    liveUser,
    userOfRefreshToken,
    dropOrg,
    list,
    revoke,
    revokeAll,
    logOutEverywhere,
    removeAll,
    removeOne,
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
