import { randomBytes, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { commaList } from './comma-list';
import { ConfigError } from './errors/config-error';
import { ALGORITHMS, KeyError, privateKeysFrom, type Algorithm } from './keys/pem-keys';
import { trustProxySchema } from './limits/trust-proxy';
import { mailSettings, type MailSettings } from './mail/mail.config';
import { oidcProvidersSchema, type OidcProvider } from './oidc/oidc.config';
import { webauthnOrigins, type WebAuthnSettings } from './passkeys/webauthn.config';

export { ConfigError };

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONGODB_URI: z
    .string()
    .trim()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_EXPIRES_IN: seconds(604800),
  JWT_ALGORITHM: z.enum(ALGORITHMS, { error: 'must be HS256, ES256 or RS256' }).default('HS256'),
  JWT_PRIVATE_KEYS: z.string().optional(),
  JWT_ISSUER: z.string().trim().max(256).optional(),
  JWT_AUDIENCE: z.string().trim().max(256).optional(),
  REFRESH_TOKEN_TTL: seconds(2592000),
  SESSION_MAX_AGE: seconds(7776000),
  REFRESH_REUSE_GRACE: z.coerce.number().int().min(0).default(10),
  PRIVILEGED_SESSION_MAX_AGE: z.coerce.number().int().min(5).max(86400).default(600),
  BCRYPT_COST: z.coerce.number().int().min(10).max(15).default(10),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(7, 'may only be raised from 7').max(64).default(7),
  CORS_ORIGINS: z.string().default('*'),
  TRUST_PROXY: trustProxySchema,
  RATE_LIMIT_ACCOUNT_FAILURES: z.coerce.number().int().min(0).default(5),
  RATE_LIMIT_ADDRESS_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: z.coerce.number().int().min(0).default(20),
  MFA_ENCRYPTION_KEY: z
    .string()
    .trim()
    .refine(
      (value) => Buffer.from(value, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(value),
      'must be 32 bytes in base64 (openssl rand -base64 32)',
    )
    .optional(),
  ADMIN_API_KEYS: z
    .string()
    .transform(commaList)
    .refine(
      (keys) => keys.every((key) => key.length >= 32),
      'must be comma-separated keys of at least 32 characters each',
    )
    .optional(),
  AUDIT_RETENTION: seconds(7776000),
  WEBAUTHN_RP_ID: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
      'must be a domain name, without scheme or port (e.g. example.com)',
    )
    .default('localhost'),
  WEBAUTHN_RP_NAME: z.string().trim().min(1).max(64).default('authgate'),
  WEBAUTHN_ORIGINS: z.string().default('http://localhost:3000'),
  OIDC_PROVIDERS: oidcProvidersSchema,
  API_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAIL_TRANSPORT: z.enum(['smtp', 'log']).optional(),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/[^\s/]+/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().trim().min(3).max(254).optional(),
  APP_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .default('http://localhost:3000'),
  EMAIL_VERIFY_TTL: seconds(86400),
  PASSWORD_RESET_TTL: seconds(1800),
  REQUIRE_VERIFIED_EMAIL: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  EMAIL_SIGN_IN_TTL: seconds(600),
  EMAIL_SIGN_UP: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
});

/** 0 turns a limit off. */
export type RateLimitSettings = { accountFailures: number; addressPerMinute: number; registrationsPerHour: number };

/** `mailBeforeAnswer`: only the Lambda door sets it, where nothing runs after the answer. */
export type RecoverySettings = {
  appUrl: string;
  emailVerifyTtl: number;
  passwordResetTtl: number;
  requireVerifiedEmail: boolean;
  mailBeforeAnswer: boolean;
  emailSignInTtl: number; // seconds a sign-in link and code live
  emailSignUp: boolean; // a sign-in by email may make an account for an unknown address
};

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  mongodbUri?: string;
  jwtSecret: string;
  jwtExpiresIn: number;
  jwtAlgorithm: Algorithm;
  jwtPrivateKeys: KeyObject[]; // ES256 / RS256: the first signs, all verify
  jwtIssuer?: string;
  jwtAudience?: string;
  refreshTokenTtl: number;
  sessionMaxAge: number;
  refreshReuseGrace: number;
  privilegedSessionMaxAge: number; // seconds after its authTime that a session may change how the account is entered
  bcryptCost: number;
  corsOrigins: string[] | '*';
  appUrl: string;
  trustProxy: number | string[];
  passwordMinLength: number;
  mfaEncryptionKey: Buffer;
  logLevel: string;
  adminApiKeys: string[]; // empty: no admin route exists
  auditRetention: number;
  oidcProviders: OidcProvider[];
  apiUrl: string; // the API's public base URL: the providers' redirect URIs are <apiUrl>/auth/oidc/<id>/callback
  rateLimits: RateLimitSettings;
  mail: MailSettings;
  recovery: RecoverySettings;
  webauthn: WebAuthnSettings;
  webhooks: WebhookRules;
  warnings: string[];
};

/** Where webhooks may go: https and public addresses only, in production (WEBHOOK_ALLOW_PRIVATE lifts the second). */
export type WebhookRules = { httpsOnly: boolean; publicOnly: boolean };

const webhookRules = (vars: { NODE_ENV: string; WEBHOOK_ALLOW_PRIVATE: string }): WebhookRules => ({
  httpsOnly: vars.NODE_ENV === 'production',
  publicOnly: vars.NODE_ENV === 'production' && vars.WEBHOOK_ALLOW_PRIVATE !== 'true',
});

/** The only reader of process.env. Throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  const vars = parsed.data;
  const production = vars.NODE_ENV === 'production';
  const hmac = vars.JWT_ALGORITHM === 'HS256';
  if (production && hmac && !vars.JWT_SECRET)
    throw new ConfigError('Invalid configuration: JWT_SECRET is required in production (at least 32 characters)');
  if (production && !vars.MONGODB_URI)
    throw new ConfigError('Invalid configuration: MONGODB_URI is required in production');
  if (production && !vars.MFA_ENCRYPTION_KEY)
    throw new ConfigError('Invalid configuration: MFA_ENCRYPTION_KEY is required in production (32 bytes in base64)');
  if (production && vars.OIDC_PROVIDERS.some((provider) => !provider.issuer.startsWith('https://')))
    throw new ConfigError('Invalid configuration: OIDC_PROVIDERS issuers must be https:// in production');
  const warnings = [
    ...(vars.JWT_SECRET || !hmac
      ? []
      : ['JWT_SECRET is not set: using a random secret, so tokens die with this process']),
    ...(hmac && vars.JWT_PRIVATE_KEYS
      ? ['JWT_PRIVATE_KEYS is set but JWT_ALGORITHM is HS256: the keys are not used']
      : []),
    ...(vars.MFA_ENCRYPTION_KEY
      ? []
      : ['MFA_ENCRYPTION_KEY is not set: using a random key, so TOTP secrets enrolled now die with this process']),
  ];
  const mail = mailSettings(vars, production);
  return {
    env: vars.NODE_ENV,
    port: vars.PORT,
    mongodbUri: vars.MONGODB_URI,
    jwtSecret: vars.JWT_SECRET ?? randomBytes(32).toString('base64url'),
    jwtExpiresIn: vars.JWT_EXPIRES_IN,
    jwtAlgorithm: vars.JWT_ALGORITHM,
    jwtPrivateKeys: signingKeys(vars.JWT_ALGORITHM, vars.JWT_PRIVATE_KEYS),
    jwtIssuer: vars.JWT_ISSUER,
    jwtAudience: vars.JWT_AUDIENCE,
    refreshTokenTtl: vars.REFRESH_TOKEN_TTL,
    sessionMaxAge: vars.SESSION_MAX_AGE,
    refreshReuseGrace: vars.REFRESH_REUSE_GRACE,
    privilegedSessionMaxAge: vars.PRIVILEGED_SESSION_MAX_AGE,
    bcryptCost: vars.BCRYPT_COST,
    corsOrigins: parseOrigins(vars.CORS_ORIGINS),
    appUrl: vars.APP_URL,
    trustProxy: vars.TRUST_PROXY,
    passwordMinLength: vars.PASSWORD_MIN_LENGTH,
    mfaEncryptionKey: vars.MFA_ENCRYPTION_KEY ? Buffer.from(vars.MFA_ENCRYPTION_KEY, 'base64') : randomBytes(32),
    logLevel: vars.LOG_LEVEL,
    adminApiKeys: vars.ADMIN_API_KEYS ?? [],
    auditRetention: vars.AUDIT_RETENTION,
    oidcProviders: vars.OIDC_PROVIDERS,
    apiUrl: (vars.API_URL ?? vars.APP_URL).replace(/\/+$/, ''),
    rateLimits: {
      accountFailures: vars.RATE_LIMIT_ACCOUNT_FAILURES,
      addressPerMinute: vars.RATE_LIMIT_ADDRESS_PER_MINUTE,
      registrationsPerHour: vars.RATE_LIMIT_REGISTRATIONS_PER_HOUR,
    },
    mail,
    recovery: {
      appUrl: vars.APP_URL.replace(/\/+$/, ''),
      emailVerifyTtl: vars.EMAIL_VERIFY_TTL,
      passwordResetTtl: vars.PASSWORD_RESET_TTL,
      requireVerifiedEmail: vars.REQUIRE_VERIFIED_EMAIL === 'true',
      mailBeforeAnswer: false,
      emailSignInTtl: vars.EMAIL_SIGN_IN_TTL,
      emailSignUp: vars.EMAIL_SIGN_UP === 'true',
    },
    webauthn: {
      rpId: vars.WEBAUTHN_RP_ID,
      rpName: vars.WEBAUTHN_RP_NAME,
      origins: webauthnOrigins(vars.WEBAUTHN_ORIGINS, vars.WEBAUTHN_RP_ID),
    },
    webhooks: webhookRules(vars),
    warnings,
  };
}

export type WebhookFunctionConfig = {
  mongodbUri: string;
  encryptionKey: Buffer;
  rules: WebhookRules;
  logLevel: string;
};

/**
 * The scheduled webhook function's few settings (it signs no token and sends no mail): MONGODB_URI,
 * MFA_ENCRYPTION_KEY (which opens the endpoints' secrets), NODE_ENV, WEBHOOK_ALLOW_PRIVATE and LOG_LEVEL.
 */
export function loadWebhookFunctionConfig(env: NodeJS.ProcessEnv = process.env): WebhookFunctionConfig {
  const schema = envSchema.pick({
    NODE_ENV: true,
    MONGODB_URI: true,
    MFA_ENCRYPTION_KEY: true,
    WEBHOOK_ALLOW_PRIVATE: true,
    LOG_LEVEL: true,
  });
  const parsed = schema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  const vars = parsed.data;
  if (!vars.MONGODB_URI) throw new ConfigError('Invalid configuration: MONGODB_URI is required');
  if (!vars.MFA_ENCRYPTION_KEY)
    throw new ConfigError('Invalid configuration: MFA_ENCRYPTION_KEY is required (it opens the webhook secrets)');
  return {
    mongodbUri: vars.MONGODB_URI,
    encryptionKey: Buffer.from(vars.MFA_ENCRYPTION_KEY, 'base64'),
    rules: webhookRules(vars),
    logLevel: vars.LOG_LEVEL,
  };
}

/** ES256 / RS256: every key parses and fits the algorithm, or one line says which does not. */
function signingKeys(algorithm: Algorithm, text: string | undefined): KeyObject[] {
  if (algorithm === 'HS256') return [];
  if (!text)
    throw new ConfigError(
      `Invalid configuration: JWT_PRIVATE_KEYS is required when JWT_ALGORITHM is ${algorithm} (one or more PEM ` +
        `private keys)`,
    );
  try {
    return privateKeysFrom(text, algorithm);
  } catch (error) {
    if (error instanceof KeyError) throw new ConfigError(`Invalid configuration: JWT_PRIVATE_KEYS ${error.message}`);
    throw error;
  }
}

function parseOrigins(value: string): string[] | '*' {
  const origins = commaList(value);
  return origins.length === 0 || origins.includes('*') ? '*' : origins;
}

// An empty variable (`PORT=`) means "not set", as shells and compose files write it.
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
