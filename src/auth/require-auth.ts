import type { Request, RequestHandler, Response } from 'express';
import { unauthorized } from '../errors/http-error';
import type { SessionService } from '../sessions/sessions.service';
import type { UserDocument } from '../users/user.model';
import { tokenFromHeader, type TokenClaims, type Tokens } from './tokens';

export type Caller = { userId: string; sessionId: string };

const refused = () => unauthorized('UNAUTHORIZED', 'A valid access token of a live session is required');

/**
 * The Express stand-in for the API Gateway authorizer, and more: after the signature it checks that the
 * token's session is still live, so a revoked session is refused by the very next request.
 */
export function createAuthGuards(tokens: Tokens, sessions: SessionService) {
  function claimsOf(req: Request): TokenClaims & { sid: string } {
    const token = tokenFromHeader(req.get('authorization'));
    const claims = token ? tokens.verify(token) : null;
    if (!claims?.sid) throw refused(); // a v1 token without a session is refused too
    return claims as TokenClaims & { sid: string };
  }

  /** One indexed read: the session is live. */
  const requireAuth: RequestHandler = async (req, res, next) => {
    const { sub, sid } = claimsOf(req);
    if (!(await sessions.isLive(sid, sub))) throw refused();
    res.locals.caller = { userId: sub, sessionId: sid } satisfies Caller;
    next();
  };

  /** For routes that need the user anyway: the session check and the user come in one round trip. */
  const requireAuthWithUser: RequestHandler = async (req, res, next) => {
    const { sub, sid } = claimsOf(req);
    const user = await sessions.liveUser(sid, sub);
    if (!user) throw refused(); // a gone user is a dead session too
    res.locals.caller = { userId: sub, sessionId: sid } satisfies Caller;
    res.locals.user = user;
    next();
  };

  return { requireAuth, requireAuthWithUser };
}

export type AuthGuards = ReturnType<typeof createAuthGuards>;

export const callerOf = (res: Response): Caller => res.locals.caller as Caller;
export const userOf = (res: Response) => res.locals.user as Omit<UserDocument, 'password'>;
