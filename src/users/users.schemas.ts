import { z } from 'zod';
import { passwordSchema } from '../auth/auth.schemas';

const currentPassword = z.string().min(1).max(1024);

export const changePasswordSchema = z.object({ currentPassword, newPassword: passwordSchema });
export const deleteAccountSchema = z.object({ password: currentPassword });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;
