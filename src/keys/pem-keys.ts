import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

// Reads the PEM keys of JWT_PRIVATE_KEYS (the app) and JWT_PUBLIC_KEYS (the Lambda authorizer). Imports
// node:crypto only: the authorizer's bundle stays small.

export const ALGORITHMS = ['HS256', 'ES256', 'RS256'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];
export type AsymmetricAlgorithm = Exclude<Algorithm, 'HS256'>;

export class KeyError extends Error {}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;
const MIN_RSA_BITS = 2048; // jsonwebtoken refuses smaller RSA keys too

export const isAlgorithm = (value: string): value is Algorithm => (ALGORITHMS as readonly string[]).includes(value);

/** A JSON array of PEM strings, or PEM blocks one after the other (`\n` escapes allowed, as .env files write them). */
export function pemBlocks(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(trimmed);
    } catch {
      throw new KeyError('is neither a JSON array of PEM strings nor PEM blocks');
    }
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))
      throw new KeyError('must be a JSON array of PEM strings');
    return list.flatMap((item: string) => pemBlocks(item));
  }
  const blocks = trimmed.replace(/\\n/g, '\n').match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new KeyError('holds no PEM block (-----BEGIN ... KEY-----)');
  return blocks;
}

/** The signing keys, in order: the first signs, all verify. */
export function privateKeysFrom(text: string, algorithm: AsymmetricAlgorithm): KeyObject[] {
  return pemBlocks(text).map((pem, index) =>
    checked(
      parse(() => createPrivateKey(pem), index, 'a private key'),
      algorithm,
      index,
    ),
  );
}

/** Public keys only: a private key here would put a signing key where only verifying is needed. */
export function publicKeysFrom(text: string, algorithm: AsymmetricAlgorithm): KeyObject[] {
  return pemBlocks(text).map((pem, index) => {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem))
      throw new KeyError(`key ${index + 1} is a private key: give public keys only (openssl pkey -pubout)`);
    return checked(
      parse(() => createPublicKey(pem), index, 'a public key'),
      algorithm,
      index,
    );
  });
}

function parse(make: () => KeyObject, index: number, what: string): KeyObject {
  try {
    return make();
  } catch {
    throw new KeyError(`key ${index + 1} does not parse as ${what} (an unencrypted PEM)`);
  }
}

function checked(key: KeyObject, algorithm: AsymmetricAlgorithm, index: number): KeyObject {
  const details = key.asymmetricKeyDetails ?? {};
  const type = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
  if (algorithm === 'ES256' && type !== 'EC')
    throw new KeyError(`key ${index + 1} is an ${type} key: ES256 needs EC keys on P-256`);
  if (algorithm === 'ES256' && details.namedCurve !== 'prime256v1')
    throw new KeyError(`key ${index + 1} is on curve ${details.namedCurve}: ES256 needs P-256 (prime256v1)`);
  if (algorithm === 'RS256' && type !== 'RSA')
    throw new KeyError(`key ${index + 1} is an ${type} key: RS256 needs RSA keys`);
  if (algorithm === 'RS256' && (details.modulusLength ?? 0) < MIN_RSA_BITS)
    throw new KeyError(`key ${index + 1} has ${details.modulusLength} bits: RS256 needs at least ${MIN_RSA_BITS}`);
  return key;
}
