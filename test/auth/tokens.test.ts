import { createTokens } from '../../src/auth/tokens';

// verify() remembers the tokens it has verified (by their whole text): these show that the memory never
// accepts what a first verification would refuse.
const secret = 'tokens-test-secret-at-least-32-characters';
const userId = '6500000000000000000000aa';
const sessionId = '6500000000000000000000bb';

afterEach(() => jest.restoreAllMocks());

describe('verify, for a token it has verified before', () => {
  it('answers the same claims again', () => {
    const tokens = createTokens({ secret, expiresIn: 60 });
    const token = tokens.sign(userId, sessionId);

    const first = tokens.verify(token);

    expect(first).toMatchObject({ sub: userId, sid: sessionId });
    expect(tokens.verify(token)).toEqual(first);
  });

  it('refuses it once it has expired', () => {
    const tokens = createTokens({ secret, expiresIn: 60 });
    const token = tokens.sign(userId, sessionId);
    expect(tokens.verify(token)).not.toBeNull();

    const later = Date.now() + 61_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);

    expect(tokens.verify(token)).toBeNull();
  });

  it('refuses a copy with one character of its signature changed', () => {
    const tokens = createTokens({ secret, expiresIn: 60 });
    const token = tokens.sign(userId, sessionId);
    expect(tokens.verify(token)).not.toBeNull();

    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;

    expect(tokens.verify(tampered)).toBeNull();
  });

  it('is not shared with a verifier of another secret', () => {
    const issuer = createTokens({ secret, expiresIn: 60 });
    const token = issuer.sign(userId, sessionId);
    expect(issuer.verify(token)).not.toBeNull();

    const other = createTokens({ secret: 'another-secret-of-at-least-32-characters', expiresIn: 60 });

    expect(other.verify(token)).toBeNull();
  });

  it('hands out claims that a caller cannot change for the next request', () => {
    const tokens = createTokens({ secret, expiresIn: 60 });
    const token = tokens.sign(userId, sessionId);
    const claims = tokens.verify(token) as { sub: string };

    expect(() => (claims.sub = 'someone else')).toThrow(TypeError);
    expect(tokens.verify(token)?.sub).toBe(userId);
  });
});
