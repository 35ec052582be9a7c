import jwt from 'jsonwebtoken';
import { createPrivateKey } from 'node:crypto';
import { bearer, logIn, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import {
  claimsOf,
  claimsToSignAgain,
  confusedToken,
  headerOf,
  pemPair,
  privateKeysEnv,
  type AsymmetricAlgorithm,
} from '../helpers/keys';
import { request } from '../helpers/request';
import { thumbprint } from '../../src/keys/jwk';

useTestDatabase();

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

describe.each<AsymmetricAlgorithm>(['ES256', 'RS256'])('%s access tokens', (algorithm) => {
  const oldKey = pemPair(algorithm);
  const newKey = pemPair(algorithm);
  const kidOf = (pem: string) => thumbprint(createPrivateKey(pem));
  const appWith = (...keys: (typeof oldKey)[]) =>
    testApp({ JWT_ALGORITHM: algorithm, JWT_PRIVATE_KEYS: privateKeysEnv(...keys) });
  const profile = (app: ReturnType<typeof testApp>, token: string) =>
    request(app).get('/user/myprofile').set(bearer(token));

  it('signs with the first key: its alg, its RFC 7638 thumbprint as kid, and the profile answers 200', async () => {
    const app = appWith(oldKey);
    const { token } = await registerUser(app);

    expect(headerOf(token)).toMatchObject({ alg: algorithm, kid: kidOf(oldKey.privatePem), typ: 'JWT' });
    expect(jwt.verify(token, oldKey.publicPem, { algorithms: [algorithm] })).toMatchObject({
      premium: false,
      email_verified: false,
      amr: ['pwd'],
    });
    await profile(app, token).expect(200);
  });

  it('serves the public keys at /.well-known/jwks.json, cacheable for 300 s, without a private member', async () => {
    const res = await request(appWith(newKey, oldKey)).get('/.well-known/jwks.json').expect(200);

    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body.keys.map((key: { kid: string }) => key.kid)).toEqual([
      kidOf(newKey.privatePem),
      kidOf(oldKey.privatePem),
    ]);
    for (const key of res.body.keys) {
      expect(key).toMatchObject({ kty: algorithm === 'ES256' ? 'EC' : 'RSA', use: 'sig', alg: algorithm });
      expect(Object.keys(key).filter((member) => PRIVATE_MEMBERS.includes(member))).toEqual([]);
    }
    expect(JSON.stringify(res.body)).not.toContain('PRIVATE');
  });

  it('keeps old tokens valid after a rotation, and signs new ones with the new kid', async () => {
    const user = await registerUser(appWith(oldKey));
    const rotated = appWith(newKey, oldKey);

    await profile(rotated, user.token).expect(200);
    const { token } = await logIn(rotated, user);
    expect(headerOf(token).kid).toBe(kidOf(newKey.privatePem));
    await profile(rotated, token).expect(200);
  });

  it('answers 401 for a token of a key that was removed, and 200 for one of the key kept', async () => {
    const user = await registerUser(appWith(newKey, oldKey));
    const withOld = (await logIn(appWith(oldKey, newKey), user)).token;
    const afterRemoval = appWith(newKey);

    await profile(afterRemoval, withOld).expect(401);
    await profile(afterRemoval, user.token).expect(200);
  });

  it('answers 401 to the algorithm-confusion attack: HS256 signed with the PEM public key, with or without the right kid', async () => {
    const app = appWith(oldKey);
    const { token } = await registerUser(app);
    const claims = claimsOf(token);

    await profile(app, confusedToken(claims, oldKey.publicPem)).expect(401);
    await profile(app, confusedToken(claims, oldKey.publicPem, { kid: kidOf(oldKey.privatePem) })).expect(401);
  });

  it('answers 401 for a wrong kid, no kid, another algorithm of the same key type, and alg none', async () => {
    const app = appWith(oldKey);
    const { token } = await registerUser(app);
    const claims = claimsToSignAgain(token);
    const signed = (options: jwt.SignOptions) => jwt.sign(claims, oldKey.privatePem, { expiresIn: 600, ...options });
    const other = algorithm === 'ES256' ? 'ES384' : 'PS256';
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: kidOf(oldKey.privatePem) })).toString('base64url')}.${token.split('.')[1]}.`;

    await profile(app, signed({ algorithm, keyid: kidOf(newKey.privatePem) })).expect(401);
    await profile(app, signed({ algorithm })).expect(401);
    if (algorithm === 'RS256')
      await profile(app, signed({ algorithm: other, keyid: kidOf(oldKey.privatePem) })).expect(401);
    await profile(app, none).expect(401);
    await profile(app, signed({ algorithm, keyid: kidOf(oldKey.privatePem) })).expect(200); // the control: the same claims, rightly signed
  });
});

describe('JWT_ISSUER and JWT_AUDIENCE', () => {
  const key = pemPair('ES256');
  const app = testApp({
    JWT_ALGORITHM: 'ES256',
    JWT_PRIVATE_KEYS: key.privatePem,
    JWT_ISSUER: 'https://auth.example.com',
    JWT_AUDIENCE: 'shop',
  });

  it('puts iss and aud in every token and accepts them', async () => {
    const { token } = await registerUser(app);

    expect(claimsOf(token)).toMatchObject({ iss: 'https://auth.example.com', aud: 'shop' });
    await request(app).get('/user/myprofile').set(bearer(token)).expect(200);
  });

  it('answers 401 for a token of the same key with another issuer or audience, or none', async () => {
    const { token } = await registerUser(app);
    const claims = claimsToSignAgain(token);
    const kid = headerOf(token).kid;
    const signed = (options: jwt.SignOptions) =>
      jwt.sign(claims, key.privatePem, { algorithm: 'ES256', keyid: kid, expiresIn: 600, ...options });

    for (const forged of [
      signed({ issuer: 'https://evil.example', audience: 'shop' }),
      signed({ issuer: 'https://auth.example.com', audience: 'other' }),
      signed({}),
    ]) {
      await request(app).get('/user/myprofile').set(bearer(forged)).expect(401);
    }
  });
});

describe('GET /.well-known/jwks.json under HS256', () => {
  it('answers an empty key list: the secret is never published', async () => {
    const res = await request(testApp()).get('/.well-known/jwks.json').expect(200);

    expect(res.body).toEqual({ keys: [] });
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });
});
