import { ConfigError, loadConfig } from '../src/config';

const production = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db.example.com/authgate',
  JWT_SECRET: 's'.repeat(32),
  SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
  MAIL_FROM: 'authgate <no-reply@example.com>',
  MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('loadConfig', () => {
  it('gives the contract defaults outside production, with a random secret and a warning', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      jwtExpiresIn: 604800,
      bcryptCost: 10,
      corsOrigins: '*',
      trustProxy: 0,
      privilegedSessionMaxAge: 600,
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).jwtSecret).not.toBe(config.jwtSecret);
    expect(config.warnings).toEqual([
      expect.stringContaining('JWT_SECRET'),
      expect.stringContaining('MFA_ENCRYPTION_KEY'),
    ]);
    expect(config.mfaEncryptionKey).toHaveLength(32);
  });

  it('reads every variable of the contract', () => {
    const config = loadConfig({
      ...production,
      PORT: '8080',
      JWT_EXPIRES_IN: '900',
      BCRYPT_COST: '12',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: '1',
    });

    expect(config).toMatchObject({
      env: 'production',
      port: 8080,
      jwtExpiresIn: 900,
      bcryptCost: 12,
      trustProxy: 1,
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
    expect(config.warnings).toEqual([]);
  });

  it("takes TRUST_PROXY as a hop count or as the proxies' addresses, and false as 0", () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1, loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(0);
  });

  it('says what to set when TRUST_PROXY is true', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/number of proxies in front/);
  });

  it.each([
    ['a missing JWT_SECRET in production', { ...production, JWT_SECRET: undefined }, 'JWT_SECRET'],
    ['a JWT_SECRET under 32 characters', { ...production, JWT_SECRET: 'short' }, 'JWT_SECRET'],
    ['a missing MONGODB_URI in production', { ...production, MONGODB_URI: undefined }, 'MONGODB_URI'],
    [
      'a missing MFA_ENCRYPTION_KEY in production',
      { ...production, MFA_ENCRYPTION_KEY: undefined },
      'MFA_ENCRYPTION_KEY',
    ],
    [
      'an MFA_ENCRYPTION_KEY that is not 32 bytes of base64',
      { MFA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') },
      'MFA_ENCRYPTION_KEY',
    ],
    ['a MONGODB_URI that is not one', { MONGODB_URI: 'http://db' }, 'MONGODB_URI'],
    ['a BCRYPT_COST under 10', { BCRYPT_COST: '4' }, 'BCRYPT_COST'],
    ['a BCRYPT_COST over 15', { BCRYPT_COST: '16' }, 'BCRYPT_COST'],
    ['a PORT that is not a number', { PORT: 'eighty' }, 'PORT'],
    ['a TRUST_PROXY that is neither a count nor addresses', { TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [
      "TRUST_PROXY=true, which would trust the client's own X-Forwarded-For entry",
      { TRUST_PROXY: 'true' },
      'TRUST_PROXY',
    ],
    ['a TRUST_PROXY hop count over 10', { TRUST_PROXY: '1000000' }, 'TRUST_PROXY'],
    ["a PASSWORD_MIN_LENGTH under the contract's 7", { PASSWORD_MIN_LENGTH: '6' }, 'PASSWORD_MIN_LENGTH'],
    ['a JWT_EXPIRES_IN of zero', { JWT_EXPIRES_IN: '0' }, 'JWT_EXPIRES_IN'],
    ['a PRIVILEGED_SESSION_MAX_AGE under 5', { PRIVILEGED_SESSION_MAX_AGE: '4' }, 'PRIVILEGED_SESSION_MAX_AGE'],
    ['a PRIVILEGED_SESSION_MAX_AGE over 86400', { PRIVILEGED_SESSION_MAX_AGE: '86401' }, 'PRIVILEGED_SESSION_MAX_AGE'],
  ])('stops with one line naming the variable for %s', (_case, env, name) => {
    const load = () => loadConfig(env);

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^Invalid configuration: ${name}\\b[^\\n]*$`));
  });
});
