import { createRemoteJWKSet, jwtVerify } from 'jose';

// authgate's access tokens, verified with its public keys alone (ES256 or RS256, pinned: a token cannot pick its
// algorithm): this service holds nothing that can sign one. jose fetches the JWKS once, caches it, and fetches again when a token names an unknown key id
// (authgate rotating its keys), at most every 30 s.
export type User = { id: string; premium: boolean };
export type TokenSettings = { jwksUrl: URL; algorithm: 'ES256' | 'RS256'; issuer?: string; audience?: string };
export type VerifyToken = (token: string) => Promise<User>;

export function createTokenVerifier({ jwksUrl, algorithm, issuer, audience }: TokenSettings): VerifyToken {
  const jwks = createRemoteJWKSet(jwksUrl);
  return async (token) => {
    const { payload } = await jwtVerify(token, jwks, { algorithms: [algorithm], issuer, audience });
    if (!payload.sub) throw new Error('the token names no user');
    return { id: payload.sub, premium: payload.premium === true };
  };
}

/** `Bearer <jwt>`, or a bare token, as authgate accepts them. */
export const tokenFromHeader = (header = '') => header.replace(/^Bearer\s+/i, '').trim();
