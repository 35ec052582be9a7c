import type { RequestHandler, Response } from 'express';
import { unauthorized } from '../errors/http-error';
import type { SessionService } from '../sessions/sessions.service';
import { tokenFromHeader, type Tokens } from './tokens';

export type Caller = { userId: string; sessionId: string };

const refused = () => unauthorized('UNAUTHORIZED', 'A valid access token of a live session is required');

/**
 * The Express stand-in for the API Gateway authorizer, and more: after the signature it checks that the
 * token's session is still live (one indexed read), so a revoked session is refused by the next request.
 */
export function requireAuth(tokens: Tokens, sessions: SessionService): RequestHandler {
  return async (req, res, next) => {
    const token = tokenFromHeader(req.get('authorization'));
    const claims = token ? tokens.verify(token) : null;
    if (!claims?.sid) throw refused(); // a v1 token without a session is refused too
    if (!(await sessions.isLive(claims.sid, claims.sub))) throw refused();
    res.locals.caller = { userId: claims.sub, sessionId: claims.sid } satisfies Caller;
    next();
  };
}

export const callerOf = (res: Response): Caller => res.locals.caller as Caller;
