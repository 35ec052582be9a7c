import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { toPublicJwk, thumbprint, type PublicJwk } from './jwk';
import type { Algorithm } from './pem-keys';

export type KeyringSettings = {
  algorithm?: Algorithm;
  secret?: string;
  privateKeys?: KeyObject[];
  publicKeys?: KeyObject[];
};

export type Header = { alg?: unknown; kid?: unknown };

/** The one key a token may be checked with, chosen by its header; the JWKS served for other services. */
export function keyring({ algorithm = 'HS256', secret, privateKeys = [], publicKeys = [] }: KeyringSettings) {
  if (algorithm === 'HS256') {
    if (!secret) throw new Error('HS256 needs a secret');
    const key = createSecretKey(Buffer.from(secret, 'utf8'));
    return {
      algorithm,
      signing: { key, kid: undefined },
      verifying: (header: Header) => (header.alg === 'HS256' ? key : null),
      jwks: Object.freeze({ keys: [] as PublicJwk[] }),
    };
  }
  const verifiers = [...privateKeys.map((key) => createPublicKey(key)), ...publicKeys];
  if (verifiers.length === 0) throw new Error(`${algorithm} needs at least one key`);
  const byKid = new Map(verifiers.map((key) => [thumbprint(key), key]));
  const signing = privateKeys[0] ? { key: privateKeys[0], kid: thumbprint(privateKeys[0]) } : undefined;
  const verifying = (header: Header) =>
    header.alg === algorithm && typeof header.kid === 'string' ? (byKid.get(header.kid) ?? null) : null;
  return {
    algorithm,
    signing,
    verifying,
    jwks: Object.freeze({ keys: [...byKid.values()].map((key) => toPublicJwk(key, algorithm)) }),
  };
}

export function headerOf(token: string): Header {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null ? header : {};
  } catch {
    return {};
  }
}
