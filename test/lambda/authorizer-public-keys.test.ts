import jwt from 'jsonwebtoken';
import { createPublicKey } from 'node:crypto';
import { logIn, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import {
  claimsOf,
  claimsToSignAgain,
  confusedToken,
  loadAuthorizer,
  pemPair,
  privateKeysEnv,
  type AsymmetricAlgorithm,
} from '../helpers/keys';
import { thumbprint } from '../../src/keys/jwk';
import { tokenEvent } from './events';

useTestDatabase();

describe.each<AsymmetricAlgorithm>(['ES256', 'RS256'])(
  'the verifyJwt authorizer under %s, with public keys only',
  (algorithm) => {
    const oldKey = pemPair(algorithm);
    const newKey = pemPair(algorithm);
    const app = testApp({ JWT_ALGORITHM: algorithm, JWT_PRIVATE_KEYS: privateKeysEnv(oldKey) });
    const authorizer = (...publicPems: string[]) =>
      loadAuthorizer({ JWT_ALGORITHM: algorithm, JWT_PUBLIC_KEYS: publicPems.join('\n') });
    const refused = (handler: ReturnType<typeof loadAuthorizer>, token: string) =>
      expect(handler(tokenEvent(`Bearer ${token}`))).rejects.toThrow(new Error('Unauthorized'));

    it('allows a token the app signed, with the user, amr and entitlements in the context', async () => {
      const { token } = await registerUser(app);

      const result = await authorizer(oldKey.publicPem)(tokenEvent(`Bearer ${token}`));

      expect(result.principalId).toBe(claimsOf(token).sub);
      expect(result.context).toEqual({
        userId: claimsOf(token).sub,
        amr: 'pwd',
        premium: false,
        emailVerified: false,
        authTime: claimsOf(token).auth_time,
      });
    });

    it("allows tokens of both keys during a rotation, and refuses the old key's once it is removed", async () => {
      const user = await registerUser(app);
      const { token } = await logIn(
        testApp({ JWT_ALGORITHM: algorithm, JWT_PRIVATE_KEYS: privateKeysEnv(newKey, oldKey) }),
        user,
      );
      const during = authorizer(newKey.publicPem, oldKey.publicPem);

      await expect(during(tokenEvent(`Bearer ${user.token}`))).resolves.toMatchObject({
        principalId: claimsOf(token).sub,
      });
      await expect(during(tokenEvent(`Bearer ${token}`))).resolves.toMatchObject({ principalId: claimsOf(token).sub });
      await refused(authorizer(newKey.publicPem), user.token);
    });

    it('refuses the algorithm-confusion attack, a wrong kid and a token without kid', async () => {
      const { token } = await registerUser(app);
      const claims = claimsToSignAgain(token);
      const kid = thumbprint(createPublicKey(oldKey.publicPem));
      const handler = authorizer(oldKey.publicPem);

      await refused(handler, confusedToken(claimsOf(token), oldKey.publicPem, { kid }));
      await refused(
        handler,
        jwt.sign(claims, oldKey.privatePem, {
          algorithm,
          expiresIn: 600,
          keyid: thumbprint(createPublicKey(newKey.publicPem)),
        }),
      );
      await refused(handler, jwt.sign(claims, oldKey.privatePem, { algorithm, expiresIn: 600 }));
    });

    it.each([
      ['no JWT_PUBLIC_KEYS', () => ({}), 'JWT_PUBLIC_KEYS is required'],
      [
        'a private key in JWT_PUBLIC_KEYS',
        () => ({ JWT_PUBLIC_KEYS: oldKey.privatePem }),
        'JWT_PUBLIC_KEYS key 1 is a private key',
      ],
      [
        'a key of the other type',
        () => ({ JWT_PUBLIC_KEYS: pemPair(algorithm === 'ES256' ? 'RS256' : 'ES256').publicPem }),
        'JWT_PUBLIC_KEYS key 1 is an',
      ],
    ])('refuses to start with %s', (_case, env, line) => {
      expect(() => loadAuthorizer({ JWT_ALGORITHM: algorithm, ...env() })).toThrow(`Invalid configuration: ${line}`);
    });
  },
);

describe('the verifyJwt authorizer with JWT_ISSUER and JWT_AUDIENCE', () => {
  const key = pemPair('ES256');
  const env = { JWT_ALGORITHM: 'ES256', JWT_ISSUER: 'https://auth.example.com', JWT_AUDIENCE: 'shop' };

  it("allows the app's tokens and refuses those of the same key without its issuer", async () => {
    const { token } = await registerUser(testApp({ ...env, JWT_PRIVATE_KEYS: key.privatePem }));
    const withoutIssuer = (await registerUser(testApp({ JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEYS: key.privatePem })))
      .token;
    const handler = loadAuthorizer({ ...env, JWT_PUBLIC_KEYS: key.publicPem });

    await expect(handler(tokenEvent(`Bearer ${token}`))).resolves.toMatchObject({ principalId: claimsOf(token).sub });
    await expect(handler(tokenEvent(`Bearer ${withoutIssuer}`))).rejects.toThrow(new Error('Unauthorized'));
  });
});
