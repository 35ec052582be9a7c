import { ConfigError, loadConfig, loadWebhookFunctionConfig } from '../../src/config';
import { TEST_MFA_KEY } from '../helpers/app';

const production = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db.example.com/authgate',
  JWT_SECRET: 's'.repeat(32),
  SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
  MAIL_FROM: 'authgate <no-reply@example.com>',
  MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
};

describe('WEBHOOK_ALLOW_PRIVATE', () => {
  it('allows any webhook URL outside production, by default', () => {
    expect(loadConfig({}).webhooks).toEqual({ httpsOnly: false, publicOnly: false });
  });

  it('holds webhooks to https and public addresses in production; true allows private addresses, still https', () => {
    expect(loadConfig(production).webhooks).toEqual({ httpsOnly: true, publicOnly: true });
    expect(loadConfig({ ...production, WEBHOOK_ALLOW_PRIVATE: 'true' }).webhooks).toEqual({
      httpsOnly: true,
      publicOnly: false,
    });
  });

  it('stops the start with one line naming it for anything but true or false', () => {
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(
      new ConfigError('Invalid configuration: WEBHOOK_ALLOW_PRIVATE must be true or false'),
    );
  });
});

describe("the scheduled webhook function's configuration", () => {
  it('needs MONGODB_URI and MFA_ENCRYPTION_KEY only: no JWT secret, no mail settings', () => {
    const config = loadWebhookFunctionConfig({
      NODE_ENV: 'production',
      MONGODB_URI: production.MONGODB_URI,
      MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
    });

    expect(config).toMatchObject({ mongodbUri: production.MONGODB_URI, rules: { httpsOnly: true, publicOnly: true } });
    expect(config.encryptionKey).toEqual(Buffer.from(TEST_MFA_KEY, 'base64'));
  });

  it('stops with one line when MFA_ENCRYPTION_KEY, which opens the secrets, is missing', () => {
    expect(() => loadWebhookFunctionConfig({ MONGODB_URI: production.MONGODB_URI })).toThrow(/MFA_ENCRYPTION_KEY/);
  });
});
