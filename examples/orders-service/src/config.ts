import { z } from 'zod';

// The only reader of process.env. AUTHGATE_URL is where authgate serves its JWKS; JWT_ALGORITHM is authgate's; the
// issuer and audience, when authgate sets them (JWT_ISSUER, JWT_AUDIENCE), are required of every token here too.
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).default(4000),
  MONGODB_URI: z.string().min(1),
  AUTHGATE_URL: z.url(),
  JWT_ALGORITHM: z.enum(['ES256', 'RS256']).default('ES256'), // authgate's, pinned: never the token's own choice
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  FREE_OPEN_ORDERS: z.coerce.number().int().min(0).default(3),
  PREMIUM_OPEN_ORDERS: z.coerce.number().int().min(0).default(100),
  // the secret authgate showed when its admin created this service's webhook endpoint (whsec_…)
  AUTHGATE_WEBHOOK_SECRET: z.union([z.literal(''), z.string().startsWith('whsec_')]).optional(),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const { path, message } = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${path.join('.')}: ${message}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    mongodbUri: c.MONGODB_URI,
    tokens: {
      jwksUrl: new URL('/.well-known/jwks.json', c.AUTHGATE_URL),
      algorithm: c.JWT_ALGORITHM,
      issuer: c.JWT_ISSUER,
      audience: c.JWT_AUDIENCE,
    },
    limits: { free: c.FREE_OPEN_ORDERS, premium: c.PREMIUM_OPEN_ORDERS },
    webhookSecret: c.AUTHGATE_WEBHOOK_SECRET || undefined, // serverless.yml passes '' when it is not set
  };
}
