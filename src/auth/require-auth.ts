import type { Request, RequestHandler, Response } from 'express';
import { forbidden, unauthorized } from '../errors/http-error';
import type { SessionService } from '../sessions/sessions.service';
import type { UserDocument } from '../users/user.model';
import { tokenFromHeader, type TokenClaims, type Tokens } from './tokens';

export type Caller = { userId: string; sessionId: string };

const refused = () => unauthorized('UNAUTHORIZED', 'A valid access token of a live session is required');
export const reauthenticationRequired = () =>
  forbidden(
    'REAUTHENTICATION_REQUIRED',
    'This changes how the account is entered: prove who you are again (POST /auth/reauthenticate), then retry',
  );

/**
 * The Express stand-in for the API Gateway authorizer, and more: after the signature it checks that the
 * token's session is still live, so a revoked session is refused by the very next request.
 */
export function createAuthGuards(tokens: Tokens, sessions: SessionService, privilegedMaxAge = 600) {
  function claimsOf(req: Request): TokenClaims & { sid: string } {
    const token = tokenFromHeader(req.get('authorization'));
    const claims = token ? tokens.verify(token) : null;
    if (!claims?.sid) throw refused(); // a v1 token without a session is refused too
    return claims as TokenClaims & { sid: string };
  }

  // A token that names an organization (contract v1.9) is refused once its membership is gone: the same one
  // command checks it, so a token without one costs what it always did.

  /** One indexed read: the session is live. */
  const requireAuth: RequestHandler = async (req, res, next) => {
    const { sub, sid, org } = claimsOf(req);
    if (!(await sessions.liveSession(sid, sub, org))) throw refused();
    res.locals.caller = { userId: sub, sessionId: sid } satisfies Caller;
    next();
  };

  /**
   * A privileged session (Ory Kratos's word): live, and its user proved who they are within
   * PRIVILEGED_SESSION_MAX_AGE. The session document's authTime decides, read by the same one query as
   * requireAuth's, so a re-authentication counts at once, whatever access token the client still holds.
   */
  const requirePrivileged: RequestHandler = async (req, res, next) => {
    const { sub, sid, org } = claimsOf(req);
    const session = await sessions.liveSession(sid, sub, org);
    if (!session) throw refused();
    if (Date.now() - session.authTime.getTime() > privilegedMaxAge * 1000) throw reauthenticationRequired();
    res.locals.caller = { userId: sub, sessionId: sid } satisfies Caller;
    next();
  };

  /** For routes that need the user anyway: the session check and the user come in one round trip. */
  const requireAuthWithUser: RequestHandler = async (req, res, next) => {
    const { sub, sid, org } = claimsOf(req);
    const user = await sessions.liveUser(sid, sub, org);
    if (!user) throw refused(); // a gone user is a dead session too
    res.locals.caller = { userId: sub, sessionId: sid } satisfies Caller;
    res.locals.user = user;
    next();
  };

  return { requireAuth, requireAuthWithUser, requirePrivileged };
}

export type AuthGuards = ReturnType<typeof createAuthGuards>;

export const callerOf = (res: Response): Caller => res.locals.caller as Caller;
export const userOf = (res: Response) => res.locals.user as Omit<UserDocument, 'password'>;
