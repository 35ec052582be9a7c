import { createPrivateKey, createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createTokens } from '../../src/auth/tokens';
import { thumbprint } from '../../src/keys/jwk';
import { claimsToSignAgain, headerOf, pemPair, type AsymmetricAlgorithm } from '../helpers/keys';

const userId = '6b05aeb3e31649e5290a5c1c';
const sessionId = '6b05aeb3e31649e5290a5c1d';

describe.each<AsymmetricAlgorithm>(['ES256', 'RS256'])('createTokens under %s', (algorithm) => {
  const pair = pemPair(algorithm);
  const other = pemPair(algorithm);
  const signer = createTokens({ algorithm, privateKeys: [createPrivateKey(pair.privatePem)], expiresIn: 60 });

  it('signs the entitlements it is given and verifies them back', () => {
    const token = signer.sign(userId, sessionId, ['pwd', 'otp'], { premium: true, emailVerified: true });

    expect(headerOf(token)).toMatchObject({ alg: algorithm, kid: thumbprint(createPublicKey(pair.publicPem)) });
    expect(signer.verify(token)).toMatchObject({
      sub: userId,
      sid: sessionId,
      amr: ['pwd', 'otp'],
      premium: true,
      email_verified: true,
    });
  });

  it('answers a token seen before from its cache: the same frozen claims', () => {
    const token = signer.sign(userId, sessionId);

    const first = signer.verify(token);

    expect(first).not.toBeNull();
    expect(signer.verify(token)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('verifies with public keys only, and refuses to sign with them', () => {
    const verifier = createTokens({ algorithm, publicKeys: [createPublicKey(pair.publicPem)], expiresIn: 0 });

    expect(verifier.verify(signer.sign(userId, sessionId))).toMatchObject({ sub: userId });
    expect(() => verifier.sign(userId, sessionId)).toThrow('verify only');
  });

  it("refuses a token of another key, even one that claims this key's kid", () => {
    const token = signer.sign(userId, sessionId);
    const forged = jwt.sign(claimsToSignAgain(token), other.privatePem, {
      algorithm,
      keyid: headerOf(token).kid,
      expiresIn: 60,
    });

    expect(signer.verify(forged)).toBeNull();
  });

  it('publishes each key once, the signing key first, with public members only', () => {
    const both = createTokens({
      algorithm,
      privateKeys: [other.privatePem, pair.privatePem, other.privatePem].map((pem) => createPrivateKey(pem)),
      expiresIn: 60,
    });

    expect(both.jwks.keys.map((key) => key.kid)).toEqual(
      [other, pair].map((p) => thumbprint(createPublicKey(p.publicPem))),
    );
    expect(JSON.stringify(both.jwks)).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
  });
});
