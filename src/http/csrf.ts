import type { Request } from 'express';
import { forbidden } from '../errors/http-error';

export type OriginSettings = { appUrl: string; corsOrigins: string[] | '*' };

/**
 * The origins a cookie-authenticated request may come from: the app's own (APP_URL's origin, or the origin of
 * the host the request was sent to) and those CORS_ORIGINS lists. `*` lists none: it opens reading, not cookies.
 */
export function createOriginCheck({ appUrl, corsOrigins }: OriginSettings): (req: Request) => boolean {
  const own = new URL(appUrl).origin;
  const listed = new Set(corsOrigins === '*' ? [] : corsOrigins);
  return (req) => {
    const origin = req.get('origin');
    if (!origin) return false; // browsers send Origin on every POST; its absence is not a page of ours
    return origin === own || listed.has(origin) || origin === `${req.protocol}://${req.get('host')}`;
  };
}

/** Throws 403 CSRF_REJECTED unless the request comes from an allowed origin. Changes nothing when it throws. */
export function createCsrfGuard(settings: OriginSettings): (req: Request) => void {
  const allowed = createOriginCheck(settings);
  return (req) => {
    if (!allowed(req))
      throw forbidden('CSRF_REJECTED', 'A request authenticated by a cookie must come from an allowed Origin');
  };
}
