import { createPublicKey } from 'node:crypto';
import { ConfigError, loadConfig } from '../../src/config';
import { thumbprint } from '../../src/keys/jwk';
import { pemPair } from '../helpers/keys';
import { UNDELIVERABLE_MAIL_ENV } from '../helpers/mailbox';

const production = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db.example.com/authgate',
  MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  ...UNDELIVERABLE_MAIL_ENV,
};
const es = pemPair('ES256');
const es2 = pemPair('ES256');
const rsa = pemPair('RS256');

describe('JWT_ALGORITHM and JWT_PRIVATE_KEYS', () => {
  it('reads PEM blocks one after the other, the first signing, and needs no JWT_SECRET in production under ES256', () => {
    const config = loadConfig({
      ...production,
      JWT_ALGORITHM: 'ES256',
      JWT_PRIVATE_KEYS: `${es.privatePem}\n${es2.privatePem}`,
      JWT_ISSUER: 'https://auth.example.com',
      JWT_AUDIENCE: 'shop',
    });

    expect(config.jwtPrivateKeys.map((key) => thumbprint(key))).toEqual(
      [es, es2].map((pair) => thumbprint(createPublicKey(pair.publicPem))),
    );
    expect(config).toMatchObject({ jwtAlgorithm: 'ES256', jwtIssuer: 'https://auth.example.com', jwtAudience: 'shop' });
    expect(config.warnings).toEqual([]);
  });

  it('reads a JSON array of PEM strings, and PEM blocks with \\n escapes as .env files write them', () => {
    expect(
      loadConfig({ JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEYS: JSON.stringify([rsa.privatePem]) }).jwtPrivateKeys,
    ).toHaveLength(1);
    expect(
      loadConfig({ JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEYS: es.privatePem.replace(/\n/g, '\\n') }).jwtPrivateKeys,
    ).toHaveLength(1);
  });

  it('still requires JWT_SECRET in production under HS256, the default', () => {
    expect(() => loadConfig(production)).toThrow('Invalid configuration: JWT_SECRET is required in production');
  });

  it.each([
    [
      'an unknown algorithm',
      { JWT_ALGORITHM: 'HS512' },
      'Invalid configuration: JWT_ALGORITHM must be HS256, ES256 or RS256',
    ],
    [
      'no keys under ES256',
      { JWT_ALGORITHM: 'ES256' },
      'Invalid configuration: JWT_PRIVATE_KEYS is required when JWT_ALGORITHM is ES256',
    ],
    [
      'no keys under RS256',
      { JWT_ALGORITHM: 'RS256' },
      'Invalid configuration: JWT_PRIVATE_KEYS is required when JWT_ALGORITHM is RS256',
    ],
    [
      'text that is no PEM',
      { JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEYS: 'secret' },
      'Invalid configuration: JWT_PRIVATE_KEYS holds no PEM block',
    ],
    [
      'a PEM block that does not parse',
      { JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEYS: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' },
      'Invalid configuration: JWT_PRIVATE_KEYS key 1 does not parse as a private key',
    ],
    [
      'a public key where a private one belongs',
      { JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEYS: es.publicPem },
      'Invalid configuration: JWT_PRIVATE_KEYS key 1 does not parse as a private key',
    ],
    [
      'an RSA key under ES256',
      { JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEYS: `${es.privatePem}${rsa.privatePem}` },
      'Invalid configuration: JWT_PRIVATE_KEYS key 2 is an RSA key: ES256 needs EC keys on P-256',
    ],
    [
      'an EC key on P-384 under ES256',
      { JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEYS: pemPair('P-384').privatePem },
      'Invalid configuration: JWT_PRIVATE_KEYS key 1 is on curve secp384r1: ES256 needs P-256',
    ],
    [
      'an EC key under RS256',
      { JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEYS: es.privatePem },
      'Invalid configuration: JWT_PRIVATE_KEYS key 1 is an EC key: RS256 needs RSA keys',
    ],
    [
      'a 1024-bit RSA key',
      { JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEYS: pemPair('RSA-1024').privatePem },
      'Invalid configuration: JWT_PRIVATE_KEYS key 1 has 1024 bits: RS256 needs at least 2048',
    ],
    [
      'a JSON array of something else',
      { JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEYS: '[1, 2]' },
      'Invalid configuration: JWT_PRIVATE_KEYS must be a JSON array of PEM strings',
    ],
  ])('stops with one line naming the variable for %s', (_case, env, line) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toContain(line);
    expect((thrown as Error).message).not.toContain('\n');
    expect((thrown as Error).message).not.toMatch(/-----BEGIN [A-Z ]+-----/); // never the key itself
  });

  it('warns when JWT_PRIVATE_KEYS is set but the algorithm is HS256', () => {
    expect(loadConfig({ JWT_SECRET: 's'.repeat(32), JWT_PRIVATE_KEYS: es.privatePem }).warnings).toContainEqual(
      expect.stringContaining('JWT_PRIVATE_KEYS is set but JWT_ALGORITHM is HS256'),
    );
  });
});

describe('thumbprint', () => {
  it('gives the RFC 7638 section 3.1 example its published thumbprint', () => {
    const n =
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';

    expect(thumbprint(createPublicKey({ key: { kty: 'RSA', n, e: 'AQAB' }, format: 'jwk' }))).toBe(
      'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
    );
  });
});
