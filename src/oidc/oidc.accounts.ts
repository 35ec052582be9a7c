import type { Types } from 'mongoose';
import type { AuditLog } from '../audit/audit.service';
import { User } from '../users/user.model';
import type { IdClaims } from './oidc.client';
import { Identity } from './oidc.models';
import { pendingEvent } from '../webhooks/events';

const DUPLICATE_KEY = 11000;
const isDuplicate = (error: unknown) => (error as { code?: number })?.code === DUPLICATE_KEY;

/** A sign-in or a link that the account rules refuse; its code goes into the callback's `#error=`. */
export class OidcRefusal extends Error {
  constructor(
    readonly code:
      | 'ACCOUNT_EXISTS'
      | 'ACCOUNT_DISABLED'
      | 'EMAIL_REQUIRED'
      | 'EMAIL_NOT_VERIFIED'
      | 'IDENTITY_TAKEN'
      | 'ALREADY_LINKED'
      | 'INVALID_STATE',
  ) {
    super(code);
  }
}

type Account = { _id: Types.ObjectId; disabled?: boolean | null };

/**
 * The account rules of contracts v1.5 and v1.7: an identity belongs to one account; emails join only when both
 * sides have verified them; a new account only for an email the provider verified (or the operator trusts).
 */
export function createOidcAccounts(
  audit: AuditLog,
  onLinked: (userId: string, method: string) => Promise<void> = () => Promise.resolve(),
) {
  const usable = (user: Account | null): Account => {
    if (user?.disabled) throw new OidcRefusal('ACCOUNT_DISABLED');
    return user!;
  };

  /** The account of this identity: found, joined by a verified email, or made (without a password). */
  async function signIn(provider: string, claims: IdClaims, retried = false): Promise<Account> {
    const identity = await Identity.findOne({ provider, subject: claims.sub }).lean();
    const owner = identity && (await User.findById(identity.userId, { disabled: 1 }).lean());
    if (owner) return usable(owner);
    if (identity) await Identity.deleteOne({ _id: identity._id }); // its account is gone
    if (!claims.email) throw new OidcRefusal('EMAIL_REQUIRED');
    const existing = await User.findOne({ email: claims.email }, { disabled: 1, emailVerified: 1 }).lean();
    if (existing && !(claims.emailVerified && existing.emailVerified)) throw new OidcRefusal('ACCOUNT_EXISTS');
    // a provider that does not vouch for the address must not create an account holding it (someone else's)
    if (!existing && !claims.emailVerified) throw new OidcRefusal('EMAIL_NOT_VERIFIED');
    try {
      const user = existing ? usable(existing) : await createUser({ ...claims, email: claims.email });
      await addIdentity(user._id, provider, claims).catch((error: unknown) => {
        // the account has another identity at this provider
        throw isDuplicate(error) ? new OidcRefusal('ACCOUNT_EXISTS') : error;
      });
      if (existing) await onLinked(user._id.toString(), `Your identity at ${provider}`); // joined: a new way into it
      return user;
    } catch (error) {
      // a parallel first sign-in made the account or the identity first: read again, once
      if (!retried && isDuplicate(error)) return signIn(provider, claims, true);
      throw error;
    }
  }

  async function createUser(claims: IdClaims & { email: string }): Promise<Account> {
    const { email, name, emailVerified } = claims;
    const user = await User.create({ email, name, emailVerified, pendingEvents: [pendingEvent('user.created')] });
    await audit.record({ type: 'oidc.account-created', userId: user.id });
    return user;
  }

  const addIdentity = (userId: Types.ObjectId, provider: string, claims: IdClaims) =>
    Identity.create({ userId, provider, subject: claims.sub, email: claims.email, linkedAt: new Date() });

  /** Links this identity to the signed-in account that started the flow. */
  async function link(userId: Types.ObjectId, provider: string, claims: IdClaims): Promise<void> {
    const user = await User.findById(userId, { disabled: 1 }).lean();
    if (!user) throw new OidcRefusal('INVALID_STATE'); // the account was deleted meanwhile
    usable(user);
    const identity = await Identity.findOne({ provider, subject: claims.sub }).lean();
    if (identity) {
      if (identity.userId.equals(userId)) return;
      throw new OidcRefusal('IDENTITY_TAKEN');
    }
    await addIdentity(userId, provider, claims).catch(async (error: unknown) => {
      if (!isDuplicate(error)) throw error;
      const taken = await Identity.exists({ provider, subject: claims.sub });
      throw new OidcRefusal(taken ? 'IDENTITY_TAKEN' : 'ALREADY_LINKED');
    });
    await Promise.all([
      audit.record({ type: 'identity.linked', userId: userId.toString() }),
      onLinked(userId.toString(), `Your identity at ${provider}`),
    ]);
  }

  return { signIn, link };
}

export type OidcAccounts = ReturnType<typeof createOidcAccounts>;
