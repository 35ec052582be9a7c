import mongoose from 'mongoose';
import type { AuditLog } from '../audit/audit.service';
import { notFound } from '../errors/http-error';
import { live } from '../sessions/session.lifetimes';
import { Session } from '../sessions/session.model';
import type { SessionService } from '../sessions/sessions.service';
import { User, type UserDocument } from '../users/user.model';
import { toProfile } from '../users/users.service';
import type { AdminMembership } from '../orgs/orgs.schemas';
import { Identity } from '../oidc/oidc.models';
import { Passkey } from '../passkeys/passkey.model';
import { recordEvents } from '../webhooks/events';
import type { AdminUser, AdminUserDetail, UpdateUserInput } from './admin.schemas';

export type AdminServiceDeps = {
  sessions: SessionService;
  audit: AuditLog;
  /** The user's organizations and roles (contract v1.9). */
  memberships: (userId: string) => Promise<AdminMembership[]>;
};
type UserQuery = { email?: string; limit: number; cursor?: string };

const userNotFound = () => notFound('USER_NOT_FOUND', 'No such user');
const toAdminUser = (user: Omit<UserDocument, 'password'>): AdminUser => ({
  ...toProfile(user),
  disabled: user.disabled ?? false,
});
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What an operator, or the SaaS's own services (the payments service sets premium), may do. */
export function createAdminService({ sessions, audit, memberships }: AdminServiceDeps) {
  /** Newest first; `email` matches from the start of the address (`ada@` finds ada@example.com). */
  async function listUsers({ email, limit, cursor }: UserQuery): Promise<AdminUser[]> {
    const filter = {
      ...(email ? { email: mongoose.trusted({ $regex: `^${escapeRegex(email)}` }) } : {}),
      ...(cursor ? { _id: mongoose.trusted({ $lt: new mongoose.Types.ObjectId(cursor) }) } : {}),
    };
    const [users] = await Promise.all([
      User.find(filter).sort({ _id: -1 }).limit(limit).lean(),
      audit.record({ type: 'admin.users-listed' }),
    ]);
    return users.map(toAdminUser);
  }

  async function getUser(userId: string): Promise<AdminUserDetail> {
    // every read at once: the counts and lists of an unknown id are empty, and cost no extra wait
    const [user, liveSessions, orgs, passkeys, identities] = await Promise.all([
      User.findById(userId).select('+mfa').lean(),
      Session.countDocuments({ userId, ...live(new Date()) }),
      memberships(userId),
      Passkey.countDocuments({ userId }),
      Identity.find({ userId }, { provider: 1, subject: 1, email: 1, linkedAt: 1 }).sort({ linkedAt: 1 }).lean(),
    ]);
    if (!user) throw userNotFound();
    await audit.record({ type: 'admin.user-read', userId });
    return {
      ...toAdminUser(user),
      mfa: Boolean(user.mfa?.totpSecret),
      sessions: liveSessions,
      memberships: orgs,
      passkeys,
      identities: identities.map((identity) => ({
        provider: identity.provider,
        subject: identity.subject,
        email: identity.email ?? null,
        linkedAt: identity.linkedAt.toISOString(),
      })),
    };
  }

  /** Disabling revokes every session, after the write: a login that raced it finds the account disabled. */
  async function updateUser(userId: string, patch: UpdateUserInput): Promise<AdminUser> {
    const set = {
      ...patch,
      ...(patch.premiumEnds !== undefined
        ? { premiumEnds: patch.premiumEnds === null ? null : new Date(patch.premiumEnds) }
        : {}),
    };
    // user.updated only when a value changes, recorded by the write that changes it
    const differs = Object.entries(set).map(([field, value]) => ({ [field]: mongoose.trusted({ $ne: value }) }));
    const after = { returnDocument: 'after' } as const;
    const changed = { $set: set, ...recordEvents('user.updated') };
    const user =
      (await User.findOneAndUpdate({ _id: userId, $or: differs }, changed, after).lean()) ??
      (await User.findById(userId).lean());
    if (!user) throw userNotFound();
    await Promise.all([
      patch.disabled ? sessions.revokeAll(userId) : undefined,
      audit.record({ type: 'admin.user-updated', userId }),
    ]);
    return toAdminUser(user);
  }

  async function revokeSessions(userId: string): Promise<void> {
    if (!(await User.exists({ _id: userId }))) throw userNotFound();
    await Promise.all([sessions.revokeAll(userId), audit.record({ type: 'admin.sessions-revoked', userId })]);
  }

  return { listUsers, getUser, updateUser, revokeSessions };
}

export type AdminService = ReturnType<typeof createAdminService>;
