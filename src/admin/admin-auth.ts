import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { actAs } from '../audit/request-context';
import { unauthorized } from '../errors/http-error';
import { tokenFromHeader } from '../auth/tokens';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `Authorization: Bearer <admin key>`, one of ADMIN_API_KEYS. Keys are compared as SHA-256 digests with
 * timingSafeEqual, every key every time, so neither the time nor a prefix tells anything. The audit log
 * names the key by a fingerprint, never the key.
 */
export function requireAdminKey(keys: string[]): RequestHandler {
  const known = keys.map((key) => ({
    digest: digest(key),
    fingerprint: `admin:${digest(key).toString('hex').slice(0, 12)}`,
  }));
  return (req, _res, next) => {
    const given = digest(tokenFromHeader(req.get('authorization')) ?? '');
    const match = known.reduce<string | null>(
      (found, key) => (timingSafeEqual(key.digest, given) ? key.fingerprint : found),
      null,
    );
    if (!match) throw unauthorized('UNAUTHORIZED', 'A valid admin API key is required');
    actAs(match);
    next();
  };
}
