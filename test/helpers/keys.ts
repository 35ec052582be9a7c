import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';

export type AsymmetricAlgorithm = 'ES256' | 'RS256';
export type PemPair = { privatePem: string; publicPem: string };

/** A fresh key pair in PEM (PKCS#8 / SPKI), as an operator makes one with openssl. */
export function pemPair(algorithm: AsymmetricAlgorithm | 'P-384' | 'RSA-1024'): PemPair {
  const publicKeyEncoding = { type: 'spki', format: 'pem' } as const;
  const privateKeyEncoding = { type: 'pkcs8', format: 'pem' } as const;
  const { publicKey, privateKey } =
    algorithm === 'ES256' || algorithm === 'P-384'
      ? generateKeyPairSync('ec', {
          namedCurve: algorithm === 'ES256' ? 'P-256' : 'P-384',
          publicKeyEncoding,
          privateKeyEncoding,
        })
      : generateKeyPairSync('rsa', {
          modulusLength: algorithm === 'RSA-1024' ? 1024 : 2048,
          publicKeyEncoding,
          privateKeyEncoding,
        });
  return { privatePem: privateKey, publicPem: publicKey };
}

/** JWT_PRIVATE_KEYS as a JSON array, the signing key first. */
export const privateKeysEnv = (...pairs: PemPair[]) => JSON.stringify(pairs.map((pair) => pair.privatePem));

export const headerOf = (token: string) => (jwt.decode(token, { complete: true }) as jwt.Jwt).header;
export const claimsOf = (token: string) => jwt.decode(token) as jwt.JwtPayload;

/** A token's claims without those jsonwebtoken sets from its options, to sign them again with other ones. */
export function claimsToSignAgain(token: string): jwt.JwtPayload {
  const claims = { ...claimsOf(token) };
  for (const name of ['iat', 'exp', 'iss', 'aud']) delete claims[name];
  return claims;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The algorithm-confusion attack: HS256 with the verifier's PEM public key as the HMAC secret, signed by hand
 * (jsonwebtoken itself refuses to sign so).
 */
export function confusedToken(claims: object, publicPem: string, header: object = {}): string {
  const input = `${base64url({ alg: 'HS256', typ: 'JWT', ...header })}.${base64url(claims)}`;
  return `${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`;
}

type Authorizer = typeof import('../../src/authorizer');

/** The authorizer module as a cold Lambda loads it: fresh, with exactly this environment (no JWT_SECRET unless given). */
export function loadAuthorizer(env: Record<string, string>): Authorizer['handler'] {
  const saved = { ...process.env };
  for (const name of [
    'JWT_SECRET',
    'JWT_ALGORITHM',
    'JWT_PUBLIC_KEYS',
    'JWT_PRIVATE_KEYS',
    'JWT_ISSUER',
    'JWT_AUDIENCE',
  ])
    delete process.env[name];
  Object.assign(process.env, env);
  try {
    let loaded: Authorizer | undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module per environment, as each cold start reads its own
    jest.isolateModules(() => void (loaded = require('../../src/authorizer') as Authorizer));
    return (loaded as Authorizer).handler;
  } finally {
    process.env = saved;
  }
}
