import { z } from 'zod';
import { emailSchema } from '../auth/auth.schemas';

export const emailStartSchema = z.object({ email: emailSchema });

// the link's token, or the address and the 6-digit code of the same mail: one or the other
const token = z.string().trim().min(1).max(256);
const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6 digits of the mail');
export const emailVerifySchema = z.xor(
  [z.strictObject({ token }), z.strictObject({ email: z.string().trim().toLowerCase().min(1).max(254), code })],
  { error: 'give the token of the link, or the email and the code of the mail' },
);

export type EmailVerifyInput = z.infer<typeof emailVerifySchema>;
