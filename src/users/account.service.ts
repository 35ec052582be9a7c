import type { AuditLog } from '../audit/audit.service';
import { hashPassword, verifyPassword } from '../auth/password';
import type { PasswordPolicy } from '../auth/password-policy';
import type { Caller } from '../auth/require-auth';
import { HttpError, unauthorized } from '../errors/http-error';
import type { AccountLimits } from '../limits/rate-limits';
import { Identity } from '../oidc/oidc.models';
import type { SessionService } from '../sessions/sessions.service';
import { setPasswordHash, User } from './user.model';
import { Passkey } from '../passkeys/passkey.model';
import { deleteUserWithEvent } from '../webhooks/user-events';
import type { ChangePasswordInput, DeleteAccountInput } from './users.schemas';

/** `onPasswordChanged`: the recovery feature's follow-up (older reset links die, the address is told). */
export type AccountServiceDeps = {
  sessions: SessionService;
  limits: AccountLimits;
  bcryptCost: number;
  passwordPolicy: PasswordPolicy;
  audit: AuditLog;
  onPasswordChanged?: (userId: string) => Promise<void>;
  /** After the user is gone: the organizations' follow-up (the user leaves them, ownership passes on). */
  onDeleted?: (userId: string) => Promise<void>;
};

const wrongPassword = () => unauthorized('INVALID_CREDENTIALS', 'The current password is incorrect');

// Holding a token is not enough to change the password or leave: both ask for the current password.
// A stolen token must not be a way around the login's backoff: each check takes its place in the same count.
export function createAccountService({
  sessions,
  limits,
  bcryptCost,
  passwordPolicy,
  audit,
  onPasswordChanged,
  onDeleted,
}: AccountServiceDeps) {
  /**
   * The password, and then the second factor when the route takes one, in one place of the account's count: a
   * wrong code counts as a failure as a wrong password does (contract v1.7). With TOTP on, a right password alone
   * is one factor: it gives its place back and never clears the failures that wrong codes earned.
   */
  async function checkPassword(
    userId: string,
    password: string,
    secondFactor?: () => Promise<unknown>,
  ): Promise<string> {
    const user = await User.findById(userId).select('+password +mfa').lean();
    if (!user) throw wrongPassword();
    const attempt = await limits.reserveAttempt(user.email);
    if (!(await verifyPassword(password, user.password, bcryptCost))) {
      await attempt.failed();
      throw wrongPassword();
    }
    if (secondFactor) {
      await secondFactor().catch(async (error: unknown) => {
        const wrong = error instanceof HttpError && error.code === 'INVALID_MFA_CODE';
        await (wrong ? attempt.failed() : attempt.released());
        throw error;
      });
      await attempt.succeeded();
      return user.email;
    }
    await (user.mfa?.totpSecret ? attempt.released() : attempt.succeeded());
    return user.email; // the account's address, for what follows (a deletion's event)
  }

  async function changePassword(caller: Caller, input: ChangePasswordInput): Promise<void> {
    await passwordPolicy.check(input.newPassword, 'newPassword');
    await checkPassword(caller.userId, input.currentPassword);
    const password = await hashPassword(input.newPassword, bcryptCost);
    // before the write, so that no old session outlives a failed one; after it, so that a login that checked
    // the old password meanwhile finds its session revoked or the change made (it reads the user last)
    await sessions.revokeAll(caller.userId, caller.sessionId);
    await setPasswordHash(caller.userId, password);
    await Promise.all([
      sessions.revokeAll(caller.userId, caller.sessionId),
      audit.record({ type: 'password.changed', ...caller }),
    ]);
    await onPasswordChanged?.(caller.userId);
  }

  async function deleteAccount(caller: Caller, input: DeleteAccountInput): Promise<void> {
    const email = await checkPassword(caller.userId, input.password);
    await sessions.removeAll(caller.userId);
    await deleteUserWithEvent(caller.userId, email);
    await Passkey.deleteMany({ userId: caller.userId }); // no credential outlives its account
    // a login that raced the deletion finds no user, or no session left; the event outlives the user, for the operators
    await Promise.all([
      sessions.removeAll(caller.userId),
      Identity.deleteMany({ userId: caller.userId }),
      audit.record({ type: 'account.deleted', ...caller }),
    ]);
    await onDeleted?.(caller.userId);
  }

  return { changePassword, deleteAccount, confirmPassword: checkPassword };
}

export type AccountService = ReturnType<typeof createAccountService>;
