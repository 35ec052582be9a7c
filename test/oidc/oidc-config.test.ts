import { loadConfig } from '../../src/config';

const provider = {
  id: 'google',
  issuer: 'https://accounts.google.com',
  clientId: 'id',
  clientSecret: 'a-secret-never-echoed',
};
const withProviders =
  (value: unknown, env: Record<string, string> = {}) =>
  () =>
    loadConfig({ OIDC_PROVIDERS: typeof value === 'string' ? value : JSON.stringify(value), ...env });

describe('OIDC_PROVIDERS', () => {
  it('reads the providers, with the default scopes openid email profile', () => {
    const config = loadConfig({
      OIDC_PROVIDERS: JSON.stringify([provider, { ...provider, id: 'entra', scopes: ['openid', 'email'] }]),
      API_URL: 'https://api.example.com/',
    });

    expect(config.oidcProviders).toEqual([
      { ...provider, scopes: ['openid', 'email', 'profile'], trustEmail: false }, // v1.7: trustEmail, false unless said
      { ...provider, id: 'entra', scopes: ['openid', 'email'], trustEmail: false },
    ]);
    expect(config.apiUrl).toBe('https://api.example.com');
  });

  it('reads trustEmail: the operator vouches for the emails of that provider', () => {
    const config = loadConfig({ OIDC_PROVIDERS: JSON.stringify([{ ...provider, trustEmail: true }]) });

    expect(config.oidcProviders[0].trustEmail).toBe(true);
  });

  it('means no provider when unset, and API_URL defaults to APP_URL', () => {
    const config = loadConfig({ APP_URL: 'https://app.example.com' });

    expect(config.oidcProviders).toEqual([]);
    expect(config.apiUrl).toBe('https://app.example.com');
  });

  it.each([
    ['not JSON', '[{', /OIDC_PROVIDERS must be a JSON array/],
    ['not an array', { id: 'x' }, /OIDC_PROVIDERS entry : /],
    ['an entry without issuer', [{ ...provider, issuer: undefined }], /OIDC_PROVIDERS entry 0\.issuer/],
    ['an issuer that is no URL', [{ ...provider, issuer: 'accounts.google.com' }], /OIDC_PROVIDERS entry 0\.issuer/],
    ['an id with a slash', [{ ...provider, id: 'a/b' }], /OIDC_PROVIDERS entry 0\.id/],
    ['a trustEmail that is not a boolean', [{ ...provider, trustEmail: 'yes' }], /OIDC_PROVIDERS entry 0\.trustEmail/],
    ['an id twice', [provider, provider], /each provider id must appear once/],
  ])('stops the start with one line naming OIDC_PROVIDERS for %s', (_case, value, message) => {
    expect(withProviders(value)).toThrow(message);
    try {
      withProviders(value)();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).not.toContain(provider.clientSecret);
    }
  });

  it('refuses an http:// issuer in production', () => {
    const production = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db/authgate',
      JWT_SECRET: 's'.repeat(32),
      MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };

    expect(withProviders([{ ...provider, issuer: 'http://idp.example.com' }], production)).toThrow(
      'OIDC_PROVIDERS issuers must be https:// in production',
    );
  });
});
