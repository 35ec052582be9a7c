import { z } from 'zod';
import { authenticationResponseSchema, challengeIdSchema } from '../passkeys/passkeys.schemas';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const utf8Bytes = (value: string) => Buffer.byteLength(value, 'utf8');

// Every field is a bounded string before it reaches mongoose, so no operator object can become a query.
// RFC 5321: a local part of at most 64 characters, domain labels of at most 63, 254 in all. The pattern is the
// rule, and the OpenAPI document carries it as it is (format: email + this pattern), so the two agree.
const EMAIL =
  /^(?=[^@]{1,64}@)(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .email({ pattern: EMAIL, message: 'must be an email address (at most 64 characters before the @)' });

// bcrypt stops at a NUL byte: `abc\0anything` would be the password `abc`. A lone surrogate would become
// U+FFFD, so two different passwords would share a hash.
export const passwordSchema = z
  .string()
  .min(7, 'must be at least 7 characters')
  .max(72, 'must be at most 72 bytes in UTF-8')
  .refine((value) => utf8Bytes(value) <= 72, 'must be at most 72 bytes in UTF-8 (bcrypt would truncate it)')
  .regex(/^[^\x00-\x1f\x7f]*$/, 'must not contain control characters') // eslint-disable-line no-control-regex
  .refine((value) => !LONE_SURROGATE.test(value), 'must be valid Unicode text')
  .describe(
    '7 or more characters (PASSWORD_MIN_LENGTH), at most 72 bytes in UTF-8, no control character, ' +
      'not a common password',
  );

export const registerSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  email: emailSchema,
  password: passwordSchema,
});

// Login checks only shape and size: a wrong password of any length must answer 401, not reveal a rule.
export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const refreshSchema = z.object({
  refreshToken: z.string().min(1).max(512),
  organizationId: z
    .string()
    .regex(/^[0-9a-f]{24}$/i, 'must be an organization id (24 hex digits)')
    .nullable()
    .optional()
    .describe("the session's active organization from now on (its id and role go into the tokens); null clears it"),
});

// the proof of POST /auth/reauthenticate: a password (with a TOTP or recovery code when TOTP is on), or a passkey
export const reauthenticateSchema = z
  .object({
    password: z.string().min(1).max(1024).optional(),
    code: z
      .string()
      .trim()
      .min(6)
      .max(32)
      .optional()
      .describe('a TOTP code or a recovery code: required when TOTP is on'),
    passkey: authenticationResponseSchema.optional(),
    challengeId: challengeIdSchema.optional(),
  })
  .refine((input) => (input.password === undefined) !== (input.passkey === undefined), {
    message: 'give a password or a passkey',
    path: ['password'],
  })
  .refine((input) => (input.passkey === undefined) === (input.challengeId === undefined), {
    message: 'a passkey comes with the challengeId of its options (POST /auth/passkey/options)',
    path: ['challengeId'],
  })
  .refine((input) => input.code === undefined || input.password !== undefined, {
    message: 'a code goes with a password',
    path: ['code'],
  });

export type RegisterInput = z.infer<typeof registerSchema>;
export type ReauthenticateInput = z.infer<typeof reauthenticateSchema>;
export type LoginInput = z.infer<typeof loginSchema>;

// what a login answers on the JSON transport
export const authResultSchema = z.object({
  auth: z.literal(true),
  token: z.string().describe('HS256 access token (claims sub, id, sid, amr, auth_time, iat, exp)'),
  refreshToken: z.string().describe('opaque, 256 random bits; works once'),
  expiresIn: z.number().int().describe('access token lifetime, seconds'),
});
export type AuthResult = z.infer<typeof authResultSchema>;

export const authResultExample = {
  auth: true,
  token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6IjZiMDUi...',
  refreshToken: 'k7Qm0x1U3T0eV6Y8Zr2nq4G9b0cP5Jd7Wf1Ls3Ha8Ei',
  expiresIn: 604800,
};
