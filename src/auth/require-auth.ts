import type { RequestHandler } from 'express';
import { unauthorized } from '../errors/http-error';
import { tokenFromHeader, type Tokens } from './tokens';

/** The Express stand-in for the API Gateway authorizer: it verifies on its own, whatever sits in front. */
export function requireAuth(tokens: Tokens): RequestHandler {
  return (req, res, next) => {
    const token = tokenFromHeader(req.get('authorization'));
    const claims = token ? tokens.verify(token) : null;
    if (!claims) return next(unauthorized('UNAUTHORIZED', 'A valid access token is required'));
    res.locals.auth = claims;
    next();
  };
}
