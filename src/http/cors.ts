import type { CorsOptionsDelegate } from 'cors';
import type { Request } from 'express';

const base = { exposedHeaders: ['Retry-After', 'X-Request-Id'], maxAge: 600 };

/**
 * The cors package answers `Access-Control-Allow-Credentials: true` to every origin once `credentials` is set,
 * and next to `*` too; so it is decided per request: only a listed origin, reflected, may send credentials.
 */
export function corsOptions(corsOrigins: string[] | '*'): CorsOptionsDelegate<Request> {
  if (corsOrigins === '*') return (_req, callback) => callback(null, { ...base, origin: '*', credentials: false });
  const listed = new Set(corsOrigins);
  return (req, callback) =>
    callback(null, { ...base, origin: corsOrigins, credentials: listed.has(req.headers.origin ?? '') });
}
