import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): boolean | number => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d+$/.test(value)) return Number(value);
    ctx.addIssue({ code: 'custom', message: 'must be true, false or a hop count' });
    return z.NEVER;
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONGODB_URI: z.string().trim().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_EXPIRES_IN: seconds(604800),
  REFRESH_TOKEN_TTL: seconds(2592000),
  SESSION_MAX_AGE: seconds(7776000),
  REFRESH_REUSE_GRACE: z.coerce.number().int().min(0).default(10),
  BCRYPT_COST: z.coerce.number().int().min(10).max(15).default(10),
  CORS_ORIGINS: z.string().default('*'),
  TRUST_PROXY: trustProxy,
  RATE_LIMIT_ACCOUNT_FAILURES: z.coerce.number().int().min(0).default(5),
  RATE_LIMIT_ADDRESS_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: z.coerce.number().int().min(0).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAIL_TRANSPORT: z.enum(['smtp', 'log']).optional(),
  SMTP_URL: z.string().trim().regex(/^smtps?:\/\/[^\s/]+/, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().trim().min(3).max(254).optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default('http://localhost:3000'),
  EMAIL_VERIFY_TTL: seconds(86400),
  PASSWORD_RESET_TTL: seconds(1800),
  REQUIRE_VERIFIED_EMAIL: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
});

/** 0 turns a limit off. */
export type RateLimitSettings = { accountFailures: number; addressPerMinute: number; registrationsPerHour: number };

export type MailSettings = { transport: 'smtp' | 'log'; smtpUrl?: string; from: string };

/** `mailBeforeAnswer`: only the Lambda door sets it, where nothing runs after the answer. */
export type RecoverySettings = { appUrl: string; emailVerifyTtl: number; passwordResetTtl: number; requireVerifiedEmail: boolean; mailBeforeAnswer: boolean };

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  mongodbUri?: string;
  jwtSecret: string;
  jwtExpiresIn: number;
  refreshTokenTtl: number;
  sessionMaxAge: number;
  refreshReuseGrace: number;
  bcryptCost: number;
  corsOrigins: string[] | '*';
  trustProxy: boolean | number;
  logLevel: string;
  rateLimits: RateLimitSettings;
  mail: MailSettings;
  recovery: RecoverySettings;
  warnings: string[];
};

export class ConfigError extends Error {}

/** The only reader of process.env. Throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  const vars = parsed.data;
  const production = vars.NODE_ENV === 'production';
  if (production && !vars.JWT_SECRET) throw new ConfigError('Invalid configuration: JWT_SECRET is required in production (at least 32 characters)');
  if (production && !vars.MONGODB_URI) throw new ConfigError('Invalid configuration: MONGODB_URI is required in production');
  const warnings = vars.JWT_SECRET ? [] : ['JWT_SECRET is not set: using a random secret, so tokens die with this process'];
  const mail = mailSettings(vars, production);
  return {
    env: vars.NODE_ENV,
    port: vars.PORT,
    mongodbUri: vars.MONGODB_URI,
    jwtSecret: vars.JWT_SECRET ?? randomBytes(32).toString('base64url'),
    jwtExpiresIn: vars.JWT_EXPIRES_IN,
    refreshTokenTtl: vars.REFRESH_TOKEN_TTL,
    sessionMaxAge: vars.SESSION_MAX_AGE,
    refreshReuseGrace: vars.REFRESH_REUSE_GRACE,
    bcryptCost: vars.BCRYPT_COST,
    corsOrigins: parseOrigins(vars.CORS_ORIGINS),
    trustProxy: vars.TRUST_PROXY,
    logLevel: vars.LOG_LEVEL,
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
    },
    warnings,
  };
}

// `log` prints links to the log: never where real people's mail goes. SMTP_URL is checked only when smtp is used.
function mailSettings(vars: z.infer<typeof envSchema>, production: boolean): MailSettings {
  const transport = vars.MAIL_TRANSPORT ?? (production ? 'smtp' : 'log');
  if (production && transport === 'log') throw new ConfigError('Invalid configuration: MAIL_TRANSPORT=log is refused in production (use smtp)');
  if (transport === 'smtp' && !vars.SMTP_URL) throw new ConfigError('Invalid configuration: SMTP_URL is required when MAIL_TRANSPORT is smtp');
  if (transport === 'smtp' && !vars.MAIL_FROM) throw new ConfigError('Invalid configuration: MAIL_FROM is required when MAIL_TRANSPORT is smtp');
  return { transport, smtpUrl: transport === 'smtp' ? vars.SMTP_URL : undefined, from: vars.MAIL_FROM ?? 'authgate <no-reply@localhost>' };
}

function parseOrigins(value: string): string[] | '*' {
  const origins = value.split(',').map((origin) => origin.trim()).filter(Boolean);
  return origins.length === 0 || origins.includes('*') ? '*' : origins;
}

// An empty variable (`PORT=`) means "not set", as shells and compose files write it.
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}
