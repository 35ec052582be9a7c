import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import {
  confusedToken,
  claimsOf,
  headerOf,
  pemPair,
  privateKeysEnv,
  type AsymmetricAlgorithm,
  type PemPair,
} from '../helpers/keys';

useTestDatabase();

// Another service of the SaaS, as docs/verifying-tokens.md shows it: it holds no secret of authgate's, only the
// address of its JWKS, and verifies tokens alone. Here authgate really listens, and jose fetches the keys over HTTP.
const ISSUER = 'https://auth.example.com';
const AUDIENCE = 'shop';
const servers: Server[] = [];
afterAll(async () => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

async function running(algorithm: AsymmetricAlgorithm, ...keys: PemPair[]): Promise<string> {
  const app = testApp({
    JWT_ALGORITHM: algorithm,
    JWT_PRIVATE_KEYS: privateKeysEnv(...keys),
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function post(base: string, path: string, body: object): Promise<{ token: string }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return (await res.json()) as { token: string };
}

/** What the other service runs: the remote key set of one authgate, and the checks it must not forget. */
function verifierOf(base: string, algorithm: AsymmetricAlgorithm) {
  const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', base));
  return async (token: string) =>
    (await jwtVerify(token, jwks, { issuer: ISSUER, audience: AUDIENCE, algorithms: [algorithm] })).payload;
}

describe.each<AsymmetricAlgorithm>(['ES256', 'RS256'])(
  'a separate service verifying %s tokens with jose from the JWKS',
  (algorithm) => {
    const oldKey = pemPair(algorithm);
    const newKey = pemPair(algorithm);
    const user = { email: uniqueEmail(), password: 'correct horse' };

    it("verifies a token before a rotation, during it (both keys served), and refuses the old key's after its removal", async () => {
      const before = await running(algorithm, oldKey);
      const oldToken = (await post(before, '/auth/register', user)).token;
      await expect(verifierOf(before, algorithm)(oldToken)).resolves.toMatchObject({
        sub: claimsOf(oldToken).sub,
        premium: false,
        email_verified: false,
      });

      const during = await running(algorithm, newKey, oldKey); // a second instance, same database: the new key signs
      const newToken = (await post(during, '/auth/login', user)).token;
      expect(headerOf(newToken).kid).not.toBe(headerOf(oldToken).kid);
      const verifyDuring = verifierOf(during, algorithm);
      await expect(verifyDuring(oldToken)).resolves.toMatchObject({ sub: claimsOf(oldToken).sub });
      await expect(verifyDuring(newToken)).resolves.toMatchObject({
        sub: claimsOf(oldToken).sub,
        iss: ISSUER,
        aud: AUDIENCE,
      });

      const after = await running(algorithm, newKey);
      const verifyAfter = verifierOf(after, algorithm);
      await expect(verifyAfter(newToken)).resolves.toMatchObject({ sub: claimsOf(newToken).sub });
      await expect(verifyAfter(oldToken)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    });

    it('refuses the algorithm-confusion attack and a token for another audience', async () => {
      const base = await running(algorithm, oldKey);
      const { token } = await post(base, '/auth/register', { email: uniqueEmail(), password: 'correct horse' });
      const verify = verifierOf(base, algorithm);

      await expect(
        verify(confusedToken(claimsOf(token), oldKey.publicPem, { kid: headerOf(token).kid })),
      ).rejects.toBeInstanceOf(errors.JOSEAlgNotAllowed);
      const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', base));
      await expect(
        jwtVerify(token, jwks, { issuer: ISSUER, audience: 'payments', algorithms: [algorithm] }),
      ).rejects.toBeInstanceOf(errors.JWTClaimValidationFailed);
    });
  },
);
