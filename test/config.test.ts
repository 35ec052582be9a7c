import { ConfigError, loadConfig } from '../src/config';

const production = { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db.example.com/authgate', JWT_SECRET: 's'.repeat(32), SMTP_URL: 'smtps://user:pass@smtp.example.com:465', MAIL_FROM: 'authgate <no-reply@example.com>' };

describe('loadConfig', () => {
  it('gives the contract defaults outside production, with a random secret and a warning', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({ env: 'development', port: 3000, jwtExpiresIn: 604800, bcryptCost: 10, corsOrigins: '*', trustProxy: false });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).jwtSecret).not.toBe(config.jwtSecret);
    expect(config.warnings).toEqual([expect.stringContaining('JWT_SECRET')]);
  });

  it('reads every variable of the contract', () => {
    const config = loadConfig({ ...production, PORT: '8080', JWT_EXPIRES_IN: '900', BCRYPT_COST: '12', CORS_ORIGINS: 'https://a.example, https://b.example', TRUST_PROXY: '1' });

    expect(config).toMatchObject({ env: 'production', port: 8080, jwtExpiresIn: 900, bcryptCost: 12, trustProxy: 1, corsOrigins: ['https://a.example', 'https://b.example'] });
    expect(config.warnings).toEqual([]);
  });

  it.each([
    ['a missing JWT_SECRET in production', { ...production, JWT_SECRET: undefined }, 'JWT_SECRET'],
    ['a JWT_SECRET under 32 characters', { ...production, JWT_SECRET: 'short' }, 'JWT_SECRET'],
    ['a missing MONGODB_URI in production', { ...production, MONGODB_URI: undefined }, 'MONGODB_URI'],
    ['a MONGODB_URI that is not one', { MONGODB_URI: 'http://db' }, 'MONGODB_URI'],
    ['a BCRYPT_COST under 10', { BCRYPT_COST: '4' }, 'BCRYPT_COST'],
    ['a BCRYPT_COST over 15', { BCRYPT_COST: '16' }, 'BCRYPT_COST'],
    ['a PORT that is not a number', { PORT: 'eighty' }, 'PORT'],
    ['a TRUST_PROXY that is neither a boolean nor a count', { TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    ['a JWT_EXPIRES_IN of zero', { JWT_EXPIRES_IN: '0' }, 'JWT_EXPIRES_IN'],
  ])('stops with one line naming the variable for %s', (_case, env, name) => {
    const load = () => loadConfig(env as NodeJS.ProcessEnv);

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^Invalid configuration: ${name}\\b[^\\n]*$`));
  });
});
