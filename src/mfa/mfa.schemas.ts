import { z } from 'zod';
import { authenticationResponseSchema, challengeIdSchema } from '../passkeys/passkeys.schemas';

const password = z.string().min(1).max(1024);
const totpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows');
// a TOTP code or a recovery code (xxxxx-xxxxx)
const anyCode = z.string().trim().min(6).max(32);

export const startTotpSchema = z.object({ password });
export const confirmTotpSchema = z.object({ code: totpCode });
export const secondFactorSchema = z.object({ password, code: anyCode });

// exactly one factor: a TOTP code, a recovery code, or a passkey's answer to a challenge of
// POST /auth/passkey/options with its challengeId. Strict objects, so that the document says it too (oneOf).
const mfaToken = z.string().min(1).max(512);
export const mfaVerifySchema = z.xor(
  [
    z.strictObject({ mfaToken, code: totpCode }),
    z.strictObject({ mfaToken, recoveryCode: anyCode }),
    z.strictObject({ mfaToken, passkey: authenticationResponseSchema, challengeId: challengeIdSchema }),
  ],
  { error: 'give the mfaToken and one of: code, recoveryCode, or passkey with the challengeId of its options' },
);

export type SecondFactorInput = z.infer<typeof secondFactorSchema>;
export type MfaVerifyInput = z.infer<typeof mfaVerifySchema>;

// what the MFA routes answer
export const mfaStatusSchema = z.object({
  totp: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  passkeys: z.number().int(),
});
export const totpEnrollmentSchema = z.object({
  secret: z.string().describe('base32, 160 bits: type it into an authenticator app, or scan the QR code'),
  otpauthUri: z.string(),
  qrCodeSvg: z.string().describe('the otpauth URI as a QR code, an SVG document made by authgate itself'),
});
export const recoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).length(10).describe('shown once; each works once'),
});
export const mfaRequiredSchema = z.object({
  auth: z.literal(false),
  mfaRequired: z.literal(true),
  mfaToken: z.string().describe('good for POST /auth/mfa/verify only, for 300 s, until one success'),
  methods: z
    .array(z.enum(['totp', 'recovery', 'passkey']))
    .describe('passkey: when the account has one (its options from POST /auth/passkey/options with the email)'),
});

export type MfaStatus = z.infer<typeof mfaStatusSchema>;
export type TotpEnrollment = z.infer<typeof totpEnrollmentSchema>;
export type MfaRequired = z.infer<typeof mfaRequiredSchema>;
