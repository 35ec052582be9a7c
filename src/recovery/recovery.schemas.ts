import { z } from 'zod';
import { emailSchema, passwordSchema } from '../auth/auth.schemas';

// A link token is 43 base64url characters; anything of another shape cannot be one, but is still answered
// 400 INVALID_TOKEN by the service rather than a rule that tells a forger what a token looks like.
const token = z.string().trim().min(1).max(256);
const currentPassword = z.string().min(1).max(1024);

export const verifyEmailSchema = z.object({ token });
export const forgotPasswordSchema = z.object({ email: emailSchema });
export const resetPasswordSchema = z.object({ token, newPassword: passwordSchema });
export const changeEmailSchema = z.object({ newEmail: emailSchema, password: currentPassword });

export const emailVerifiedSchema = z.object({
  emailVerified: z.literal(true),
  email: z.string().describe("the account's (possibly new) address"),
});
export const pendingVerificationSchema = z.object({
  auth: z.literal(false),
  emailVerificationRequired: z.literal(true),
});

export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
export type ChangeEmailInput = z.infer<typeof changeEmailSchema>;
export type EmailVerified = z.infer<typeof emailVerifiedSchema>;
export type PendingVerification = z.infer<typeof pendingVerificationSchema>;
export const acceptedSchema = z.object({ message: z.string() });
