import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { headerOf, keyring } from '../keys/keyring';
import type { Algorithm } from '../keys/pem-keys';

// Shared by the Express middleware and the Lambda authorizer: imports nothing but jsonwebtoken, crypto and
// the small key helpers of src/keys.

export type TokenClaims = {
  sub: string;
  sid?: string;
  amr?: string[];
  premium?: boolean;
  email_verified?: boolean;
  auth_time?: number; // seconds: when the user last proved who they are in this session (OpenID Connect's claim)
  org?: string; // the session's active organization (contract v1.9), with the user's role in it
  org_role?: string;
  iat: number;
  exp: number;
};

/** What the user may do, computed when a token is signed: a grant or an expiry shows at the next refresh. */
export type Entitlements = { premium: boolean; emailVerified: boolean };
/** The session's active organization and the user's role in it, as read when the token is signed. */
export type ActiveOrg = { id: string; role: string };

export type TokenSettings = {
  expiresIn: number;
  algorithm?: Algorithm; // HS256 unless said
  secret?: string; // HS256
  privateKeys?: KeyObject[]; // ES256 / RS256: the first signs, all verify (rotation)
  publicKeys?: KeyObject[]; // ES256 / RS256, verifying only: the Lambda authorizer holds no private key
  issuer?: string;
  audience?: string;
};

const MAX_TOKEN_LENGTH = 4096;
// Tokens already verified, by their whole text (signature included), until they expire. A client sends the
// same access token for many requests, and jsonwebtoken's verify cost a tenth of the profile route's
// throughput (docs/benchmarks.md). At most this many are kept: about 5 MB.
const VERIFIED_CACHE_SIZE = 10_000;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const NO_ENTITLEMENTS: Entitlements = { premium: false, emailVerified: false };

export function createTokens(settings: TokenSettings) {
  const { expiresIn, issuer, audience } = settings;
  const keys = keyring(settings); // built once: jsonwebtoken is far slower when it turns a string into a key per call
  const checks = { algorithms: [keys.algorithm], ...(issuer ? { issuer } : {}), ...(audience ? { audience } : {}) };

  /**
   * `id` repeats `sub` for the original clients; `sid` names the session that must still be live; `amr`
   * (RFC 8176) says how the user proved who they are: `pwd`, then `otp` or `mfa` after a second factor;
   * `auth_time` when (the session's authTime, kept by a refresh; now when not given); `org` and `org_role` the
   * session's active organization, when it has one.
   */
  function sign(
    userId: string,
    sessionId: string,
    amr: string[] = ['pwd'],
    { premium, emailVerified }: Entitlements = NO_ENTITLEMENTS,
    authTime: Date = new Date(),
    org?: ActiveOrg | null,
  ): string {
    if (!keys.signing) throw new Error('these tokens verify only: no signing key');
    const auth_time = Math.floor(authTime.getTime() / 1000);
    const payload = {
      id: userId,
      sid: sessionId,
      amr,
      premium,
      email_verified: emailVerified,
      auth_time,
      ...(org ? { org: org.id, org_role: org.role } : {}),
    };
    return jwt.sign(payload, keys.signing.key, {
      algorithm: keys.algorithm,
      expiresIn,
      subject: userId,
      ...(keys.signing.kid ? { keyid: keys.signing.kid } : {}),
      ...(issuer ? { issuer } : {}),
      ...(audience ? { audience } : {}),
    });
  }

  const verified = new Map<string, TokenClaims>();

  /** The claims of a valid token of this algorithm, key, issuer and audience with an expiry, or null. */
  function verify(token: string): TokenClaims | null {
    if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) return null;
    const known = verified.get(token);
    if (known) return isUnexpired(known) ? known : (verified.delete(token), null);
    const claims = verifySignature(token);
    if (claims) remember(token, claims);
    return claims;
  }

  function verifySignature(token: string): TokenClaims | null {
    const key = keys.verifying(headerOf(token));
    if (!key) return null; // another algorithm (HS256 under ES256: the confusion attack), an unknown or removed kid
    try {
      const claims = jwt.verify(token, key, checks);
      return isClaims(claims) ? pickClaims(claims) : null;
    } catch {
      return null;
    }
  }

  function remember(token: string, claims: TokenClaims): void {
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string); // the oldest
    verified.set(token, claims);
  }

  return { sign, verify, expiresIn, jwks: keys.jwks };
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
  return (
    typeof claims.sub === 'string' &&
    claims.sub.length > 0 &&
    typeof claims.exp === 'number' &&
    typeof claims.iat === 'number'
  );
}

function pickClaims(claims: TokenClaims): TokenClaims {
  const amr =
    Array.isArray(claims.amr) && claims.amr.every((method) => typeof method === 'string') ? { amr: claims.amr } : {};
  const flag = (name: 'premium' | 'email_verified') =>
    typeof claims[name] === 'boolean' ? { [name]: claims[name] } : {};
  const text = (name: 'org' | 'org_role') => (typeof claims[name] === 'string' ? { [name]: claims[name] } : {});
  return Object.freeze({
    sub: claims.sub,
    iat: claims.iat,
    exp: claims.exp,
    ...(typeof claims.sid === 'string' ? { sid: claims.sid } : {}),
    ...amr,
    ...flag('premium'),
    ...flag('email_verified'),
    ...(typeof claims.auth_time === 'number' ? { auth_time: claims.auth_time } : {}),
    ...text('org'),
    ...text('org_role'),
  });
}
