import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const production = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db.example.com/authgate',
  JWT_SECRET: 's'.repeat(32),
  MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};
const smtp = { SMTP_URL: 'smtps://user:pass@smtp.example.com:465', MAIL_FROM: 'authgate <no-reply@example.com>' };

describe('the mail and recovery configuration', () => {
  it("defaults outside production to the log transport and the contract's lifetimes", () => {
    const config = loadConfig({});

    expect(config.mail.transport).toBe('log');
    expect(config.recovery).toEqual({
      appUrl: 'http://localhost:3000',
      emailSignInTtl: 600,
      emailSignUp: false,
      emailVerifyTtl: 86400,
      passwordResetTtl: 1800,
      requireVerifiedEmail: false,
      mailBeforeAnswer: false,
    });
  });

  it('sends through SMTP in production by default, and reads every variable', () => {
    const config = loadConfig({
      ...production,
      ...smtp,
      APP_URL: 'https://app.example.com/',
      EMAIL_VERIFY_TTL: '600',
      PASSWORD_RESET_TTL: '900',
      REQUIRE_VERIFIED_EMAIL: 'true',
      EMAIL_SIGN_IN_TTL: '300',
      EMAIL_SIGN_UP: 'true',
    });

    expect(config.mail).toEqual({ transport: 'smtp', smtpUrl: smtp.SMTP_URL, from: smtp.MAIL_FROM });
    expect(config.recovery).toMatchObject({
      appUrl: 'https://app.example.com',
      emailVerifyTtl: 600,
      passwordResetTtl: 900,
      requireVerifiedEmail: true,
      emailSignInTtl: 300,
      emailSignUp: true,
    });
  });

  it.each([
    [
      'the log transport in production',
      { ...production, ...smtp, MAIL_TRANSPORT: 'log' },
      'Invalid configuration: MAIL_TRANSPORT=log is refused in production (use smtp)',
    ],
    [
      'production without SMTP_URL',
      { ...production, MAIL_FROM: smtp.MAIL_FROM },
      'Invalid configuration: SMTP_URL is required when MAIL_TRANSPORT is smtp',
    ],
    [
      'smtp without MAIL_FROM',
      { MAIL_TRANSPORT: 'smtp', SMTP_URL: smtp.SMTP_URL },
      'Invalid configuration: MAIL_FROM is required when MAIL_TRANSPORT is smtp',
    ],
  ])('refuses %s with one line naming the variable', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it.each([
    ['an unknown MAIL_TRANSPORT', { MAIL_TRANSPORT: 'sendmail' }, 'MAIL_TRANSPORT'],
    [
      'an SMTP_URL that is not smtp:// or smtps://',
      { MAIL_TRANSPORT: 'smtp', SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'a@example.com' },
      'SMTP_URL',
    ],
    ['an APP_URL that is not a URL', { APP_URL: 'app.example.com' }, 'APP_URL'],
    ['an APP_URL that is not http(s)', { APP_URL: 'javascript:alert(1)' }, 'APP_URL'],
    ['an EMAIL_VERIFY_TTL of 0', { EMAIL_VERIFY_TTL: '0' }, 'EMAIL_VERIFY_TTL'],
    ['a PASSWORD_RESET_TTL that is not a number', { PASSWORD_RESET_TTL: 'soon' }, 'PASSWORD_RESET_TTL'],
    ['a REQUIRE_VERIFIED_EMAIL that is not true or false', { REQUIRE_VERIFIED_EMAIL: 'yes' }, 'REQUIRE_VERIFIED_EMAIL'],
  ])('refuses %s, naming it', (_name, env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('stops the production server at start with that one line and no stack trace', async () => {
    const env = { PATH: process.env.PATH, ...production, ...smtp, MAIL_TRANSPORT: 'log' };
    const child = spawn(process.execPath, [join(__dirname, '../../dist/server.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));

    const [code] = await once(child, 'exit');

    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Invalid configuration: MAIL_TRANSPORT=log is refused in production (use smtp)');
  });
});
