import type { AuditLog } from '../audit/audit.service';
import type { Caller } from '../auth/require-auth';
import { conflict, notFound } from '../errors/http-error';
import { User } from '../users/user.model';
import type { IdentityView } from './oidc.schemas';
import { Identity } from './oidc.models';

const lastLoginMethod = () =>
  conflict(
    'LAST_LOGIN_METHOD',
    "This identity is the account's only way in: set a password (through a password reset) or link another " +
      'identity first',
  );

/** The signed-in user's identities at the providers: list and unlink (linking goes through the provider). */
export function createIdentityService(audit: AuditLog) {
  async function list(userId: string): Promise<IdentityView[]> {
    const identities = await Identity.find({ userId }).sort({ linkedAt: 1 }).lean();
    return identities.map((identity) => ({
      provider: identity.provider,
      subject: identity.subject,
      email: identity.email ?? null,
      linkedAt: identity.linkedAt.toISOString(),
    }));
  }

  /**
   * Removes the identity unless the account would be left with no way in. The removal comes first and is
   * undone if, afterwards, the account has no password and no identity: of two parallel unlinks of an
   * account's last two identities, neither can leave it locked out.
   */
  async function unlink(caller: Caller, provider: string): Promise<void> {
    const identity = await Identity.findOneAndDelete({ userId: caller.userId, provider }).lean();
    if (!identity) throw notFound('IDENTITY_NOT_FOUND', 'No identity of this account at that provider');
    const [user, left] = await Promise.all([
      User.findById(caller.userId).select('+password').lean(),
      Identity.countDocuments({ userId: caller.userId }),
    ]);
    if (user && !user.password && left === 0) {
      await Identity.create(identity);
      throw lastLoginMethod();
    }
    await audit.record({ type: 'identity.unlinked', ...caller });
  }

  return { list, unlink };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
