import { createHash, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { AsymmetricAlgorithm } from './pem-keys';

export type PublicJwk =
  | { kty: 'EC'; crv: string; x: string; y: string; kid: string; use: 'sig'; alg: AsymmetricAlgorithm }
  | { kty: 'RSA'; n: string; e: string; kid: string; use: 'sig'; alg: AsymmetricAlgorithm };

// The members RFC 7638 hashes, in lexicographic order: the key's public parameters and nothing else.
const REQUIRED_MEMBERS = { EC: ['crv', 'kty', 'x', 'y'], RSA: ['e', 'kty', 'n'] } as const;

const publicJwkOf = (key: KeyObject): JsonWebKey =>
  (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });

/** The RFC 7638 JWK thumbprint: base64url SHA-256 of the required members, as the key's `kid`. */
export function thumbprint(key: KeyObject): string {
  const jwk = publicJwkOf(key);
  const members = REQUIRED_MEMBERS[jwk.kty as 'EC' | 'RSA'];
  if (!members) throw new Error(`no thumbprint for a ${jwk.kty} key`);
  const canonical = `{${members.map((name) => `"${name}":${JSON.stringify(jwk[name])}`).join(',')}}`;
  return createHash('sha256').update(canonical).digest('base64url');
}

/** The public half as a JWK, member by member: a private member (`d`, `p`, `q`, ...) can never slip out. */
export function toPublicJwk(key: KeyObject, algorithm: AsymmetricAlgorithm): PublicJwk {
  const jwk = publicJwkOf(key);
  const kid = thumbprint(key);
  if (jwk.kty === 'EC')
    return { kty: 'EC', crv: String(jwk.crv), x: String(jwk.x), y: String(jwk.y), kid, use: 'sig', alg: algorithm };
  return { kty: 'RSA', n: String(jwk.n), e: String(jwk.e), kid, use: 'sig', alg: algorithm };
}
