import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';

// Shared by the Express middleware and the Lambda authorizer: imports nothing but jsonwebtoken and crypto.

export type TokenClaims = { sub: string; sid?: string; amr?: string[]; iat: number; exp: number };

export type TokenSettings = { secret: string; expiresIn: number };

const MAX_TOKEN_LENGTH = 4096;
// Tokens already verified, by their whole text (signature included), until they expire. A client sends the
// same access token for many requests, and jsonwebtoken's verify cost a tenth of the profile route's
// throughput (docs/benchmarks.md). At most this many are kept: about 5 MB.
const VERIFIED_CACHE_SIZE = 10_000;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function createTokens({ secret, expiresIn }: TokenSettings) {
  // built once: jsonwebtoken is far slower when it has to turn a string secret into a key on every call
  const key = createSecretKey(Buffer.from(secret, 'utf8'));

  /**
   * `id` repeats `sub` for the original clients; `sid` names the session that must still be live; `amr`
   * (RFC 8176) says how the user proved who they are: `pwd`, then `otp` or `mfa` after a second factor.
   */
  function sign(userId: string, sessionId: string, amr: string[] = ['pwd']): string {
    return jwt.sign({ id: userId, sid: sessionId, amr }, key, { algorithm: 'HS256', expiresIn, subject: userId });
  }

  const verified = new Map<string, TokenClaims>();

  /** The claims of a valid HS256 token with an expiry, or null for anything else. */
  function verify(token: string): TokenClaims | null {
    if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) return null;
    const known = verified.get(token);
    if (known) return isUnexpired(known) ? known : (verified.delete(token), null);
    const claims = verifySignature(token);
    if (claims) remember(token, claims);
    return claims;
  }

  function verifySignature(token: string): TokenClaims | null {
    try {
      const claims = jwt.verify(token, key, { algorithms: ['HS256'] });
      if (!isClaims(claims)) return null;
      const amr = Array.isArray(claims.amr) && claims.amr.every((method) => typeof method === 'string') ? { amr: claims.amr } : {};
      return Object.freeze({ sub: claims.sub, iat: claims.iat, exp: claims.exp, ...(typeof claims.sid === 'string' ? { sid: claims.sid } : {}), ...amr });
    } catch {
      return null;
    }
  }

  function remember(token: string, claims: TokenClaims): void {
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string); // the oldest
    verified.set(token, claims);
  }

  return { sign, verify, expiresIn };
}

export type Tokens = ReturnType<typeof createTokens>;

/** `Bearer <jwt>` or, as the original clients send it, a bare `<jwt>`. */
export function tokenFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^\s*(?:bearer\s+)?(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

// as jsonwebtoken decides: a token is expired from the second its exp names
const isUnexpired = (claims: TokenClaims) => Math.floor(Date.now() / 1000) < claims.exp;

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return typeof claims.sub === 'string' && claims.sub.length > 0 && typeof claims.exp === 'number' && typeof claims.iat === 'number';
}
