import { z } from 'zod';
import { passwordSchema } from '../auth/auth.schemas';

const dateTime = z.string().datetime({ offset: true });

const currentPassword = z.string().min(1).max(1024);

export const changePasswordSchema = z.object({ currentPassword, newPassword: passwordSchema });
export const deleteAccountSchema = z.object({ password: currentPassword });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;

// what the profile route answers: built on purpose by toProfile, never the password hash
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
export type Profile = z.infer<typeof profileSchema>;

export const profileExample = {
  id: '6b05aeb3e31649e5290a5c1c',
  name: 'Ada',
  email: 'ada@example.com',
  premium: false,
  premiumEnds: null,
  emailVerified: true,
  pendingEmail: null,
  createdAt: '2026-11-24T15:35:15.639Z',
  updatedAt: '2026-11-24T15:35:15.639Z',
};
