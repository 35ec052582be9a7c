import { ConfigError, loadConfig } from '../../src/config';

describe('the WebAuthn relying party settings', () => {
  it('default to localhost, authgate and http://localhost:3000', () => {
    expect(loadConfig({}).webauthn).toEqual({
      rpId: 'localhost',
      rpName: 'authgate',
      origins: ['http://localhost:3000'],
    });
  });

  it('read WEBAUTHN_RP_ID, WEBAUTHN_RP_NAME and a comma-separated WEBAUTHN_ORIGINS on the RP ID and its subdomains', () => {
    const config = loadConfig({
      WEBAUTHN_RP_ID: 'Example.com',
      WEBAUTHN_RP_NAME: 'Example',
      WEBAUTHN_ORIGINS: 'https://example.com, https://app.example.com',
    });

    expect(config.webauthn).toEqual({
      rpId: 'example.com',
      rpName: 'Example',
      origins: ['https://example.com', 'https://app.example.com'],
    });
  });

  it.each([
    ['an RP ID with a scheme', { WEBAUTHN_RP_ID: 'https://example.com' }, 'WEBAUTHN_RP_ID'],
    ['an RP ID with a port', { WEBAUTHN_RP_ID: 'example.com:443' }, 'WEBAUTHN_RP_ID'],
    [
      'an origin with a path',
      { WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'https://example.com/app' },
      'WEBAUTHN_ORIGINS',
    ],
    [
      'an http origin other than localhost',
      { WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'http://example.com' },
      'WEBAUTHN_ORIGINS',
    ],
    [
      'an origin off the RP ID',
      { WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'https://example.org' },
      'WEBAUTHN_ORIGINS',
    ],
    [
      'an origin that only ends like the RP ID',
      { WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'https://badexample.com' },
      'WEBAUTHN_ORIGINS',
    ],
    ['no origin at all', { WEBAUTHN_ORIGINS: ' , ' }, 'WEBAUTHN_ORIGINS'],
  ])('stops at start with one line naming the variable for %s', (_case, env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable}`));
  });
});
