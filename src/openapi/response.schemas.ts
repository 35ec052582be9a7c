import { z } from 'zod';
import { ERROR_CODES } from '../errors/http-error';

// The shapes the API answers, as zod schemas: the code's types come from them and the OpenAPI document
// is generated from them, so the two cannot drift apart.

const dateTime = z.string().datetime({ offset: true });

export const authResultSchema = z.object({
  auth: z.literal(true),
  token: z.string().describe('HS256 access token (claims sub, id, sid, amr, auth_time, iat, exp)'),
  refreshToken: z.string().describe('opaque, 256 random bits; works once'),
  expiresIn: z.number().int().describe('access token lifetime, seconds'),
});

export const profileSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  premium: z.boolean(),
  premiumEnds: dateTime.nullable(),
  emailVerified: z.boolean().describe('true once a verification link sent to this address was used'),
  pendingEmail: z
    .string()
    .nullable()
    .describe(
      'the address an email change waits to be confirmed for (PUT /user/email), or null; DELETE /user/email cancels it',
    ),
  createdAt: dateTime,
  updatedAt: dateTime,
});

export const sessionViewSchema = z.object({
  id: z.string(),
  createdAt: dateTime,
  lastUsedAt: dateTime,
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.enum(ERROR_CODES),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const healthSchema = z.object({ status: z.literal('ok') });
export const readySchema = z.object({ status: z.literal('ready') });

export type AuthResult = z.infer<typeof authResultSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type SessionView = z.infer<typeof sessionViewSchema>;
