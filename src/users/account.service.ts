import { hashPassword, verifyPassword } from '../auth/password';
import type { Caller } from '../auth/require-auth';
import { unauthorized } from '../errors/http-error';
import type { AccountLimits } from '../limits/rate-limits';
import type { SessionService } from '../sessions/sessions.service';
import { User } from './user.model';
import type { ChangePasswordInput, DeleteAccountInput } from './users.schemas';

/** `onPasswordChanged`: the recovery feature's follow-up (older reset links die, the address is told). */
export type AccountServiceDeps = { sessions: SessionService; limits: AccountLimits; bcryptCost: number; onPasswordChanged?: (userId: string) => Promise<void> };

const wrongPassword = () => unauthorized('INVALID_CREDENTIALS', 'The current password is incorrect');

// Holding a token is not enough to change the password or leave: both ask for the current password.
// A stolen token must not be a way around the login's backoff: wrong passwords here count as failed logins.
export function createAccountService({ sessions, limits, bcryptCost, onPasswordChanged }: AccountServiceDeps) {
  async function checkPassword(userId: string, password: string): Promise<void> {
    const user = await User.findById(userId).select('+password').lean();
    if (!user) throw wrongPassword();
    await limits.checkAccount(user.email);
    if (!(await verifyPassword(password, user.password, bcryptCost))) {
      await limits.recordFailure(user.email);
      throw wrongPassword();
    }
    await limits.resetAccount(user.email);
  }

  async function changePassword(caller: Caller, input: ChangePasswordInput): Promise<void> {
    await checkPassword(caller.userId, input.currentPassword);
    const password = await hashPassword(input.newPassword, bcryptCost);
    // other sessions die first: should the next write fail, no old session outlives the change
    await sessions.revokeAll(caller.userId, caller.sessionId);
    await User.updateOne({ _id: caller.userId }, { $set: { password } });
    await onPasswordChanged?.(caller.userId);
  }

  async function deleteAccount(caller: Caller, input: DeleteAccountInput): Promise<void> {
    await checkPassword(caller.userId, input.password);
    await sessions.removeAll(caller.userId);
    await User.deleteOne({ _id: caller.userId });
    await sessions.removeAll(caller.userId); // a login that raced the deletion leaves nothing behind
  }

  return { changePassword, deleteAccount, checkPassword };
}

export type AccountService = ReturnType<typeof createAccountService>;
