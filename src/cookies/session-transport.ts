import type { Request, RequestHandler, Response } from 'express';
import type { MfaRequired } from '../mfa/mfa.schemas';
import type { PendingVerification } from '../recovery/recovery.schemas';
import type { Config } from '../config';
import { badRequest } from '../errors/http-error';
import { createCsrfGuard } from '../http/csrf';
import type { AuthResult } from '../auth/auth.schemas';
import { sessionCookieOf, sessionCookieSettings, setSessionCookie } from './session-cookie';

export const TRANSPORT_HEADER = 'X-Session-Transport';

export const TRANSPORTS = ['json', 'cookie'] as const;

const wantsCookie = (req: Request) => req.get(TRANSPORT_HEADER) === 'cookie';

/** Before the body is read: the header, when given, names a transport; a typo is 400, not a silent JSON answer. */
export const requireKnownTransport: RequestHandler = (req, _res, next) => {
  const value = req.get(TRANSPORT_HEADER);
  if (value === undefined || (TRANSPORTS as readonly string[]).includes(value)) return next();
  const message = `must be ${TRANSPORTS.join(' or ')}`;
  throw badRequest('VALIDATION_FAILED', `${TRANSPORT_HEADER} ${message}`, [{ path: TRANSPORT_HEADER, message }]);
};
const isEmptyBody = (body: unknown) =>
  body === undefined ||
  (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
// a refresh by cookie may still choose the active organization (contract v1.9): its only body field
const withoutOrganization = (body: unknown): unknown => {
  if (typeof body !== 'object' || body === null || !('organizationId' in body)) return body;
  const rest: Record<string, unknown> = { ...body };
  delete rest.organizationId;
  return rest;
};
const organizationOf = (body: unknown) =>
  typeof body === 'object' && body !== null && 'organizationId' in body
    ? { organizationId: (body as Record<string, unknown>).organizationId }
    : {};

/**
 * The two transports of a refresh token: the JSON body (the default, unchanged since v1.1) or, for browsers,
 * an httpOnly cookie. Every route that opens or renews a session answers through `send`.
 */
export function createSessionTransport(config: Pick<Config, 'appUrl' | 'env' | 'refreshTokenTtl' | 'corsOrigins'>) {
  const settings = sessionCookieSettings(config);
  const requireAllowedOrigin = createCsrfGuard(config);

  /**
   * Answers a session: `X-Session-Transport: cookie` (or a refresh that came by cookie) moves the refresh token
   * into the cookie.
   */
  function send(
    req: Request,
    res: Response,
    result: AuthResult | MfaRequired | PendingVerification,
    status = 200,
  ): void {
    // an answer that opens no session yet (a second factor is owed) is the same on both transports
    if (!('refreshToken' in result) || (!wantsCookie(req) && res.locals.sessionByCookie !== true))
      return void res.status(status).json(result);
    const { refreshToken, ...body } = result;
    setSessionCookie(res, settings, refreshToken);
    res.status(status).json(body);
  }

  /**
   * Before the refresh body is validated: with no body token (no body, or `{}`), the cookie's token is used,
   * once the Origin is allowed (403 CSRF_REJECTED otherwise, before anything changes). A body token still wins.
   */
  const tokenFromCookie: RequestHandler = (req, res, next) => {
    const token = isEmptyBody(withoutOrganization(req.body)) ? sessionCookieOf(req) : undefined;
    if (token === undefined) return next(); // the JSON transport, as before: no token at all is 400
    requireAllowedOrigin(req);
    req.body = { refreshToken: token, ...organizationOf(req.body) };
    res.locals.sessionByCookie = true;
    next();
  };

  /** After a logout: a browser that sent the cookie gets it cleared (Max-Age=0). */
  function clear(req: Request, res: Response): void {
    if (sessionCookieOf(req) !== undefined) setSessionCookie(res, settings, null);
  }

  return { send, tokenFromCookie, clear };
}

export type SessionTransport = ReturnType<typeof createSessionTransport>;
