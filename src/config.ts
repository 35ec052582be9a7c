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
  APP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  TRUST_PROXY: trustProxy,
  RATE_LIMIT_ACCOUNT_FAILURES: z.coerce.number().int().min(0).default(5),
  RATE_LIMIT_ADDRESS_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: z.coerce.number().int().min(0).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** 0 turns a limit off. */
export type RateLimitSettings = { accountFailures: number; addressPerMinute: number; registrationsPerHour: number };

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
  appUrl: string;
  trustProxy: boolean | number;
  logLevel: string;
  rateLimits: RateLimitSettings;
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
    appUrl: vars.APP_URL,
    trustProxy: vars.TRUST_PROXY,
    logLevel: vars.LOG_LEVEL,
    rateLimits: {
      accountFailures: vars.RATE_LIMIT_ACCOUNT_FAILURES,
      addressPerMinute: vars.RATE_LIMIT_ADDRESS_PER_MINUTE,
      registrationsPerHour: vars.RATE_LIMIT_REGISTRATIONS_PER_HOUR,
    },
    warnings,
  };
}

function parseOrigins(value: string): string[] | '*' {
  const origins = value.split(',').map((origin) => origin.trim()).filter(Boolean);
  return origins.length === 0 || origins.includes('*') ? '*' : origins;
}

// An empty variable (`PORT=`) means "not set", as shells and compose files write it.
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}
