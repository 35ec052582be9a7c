import { createHash, randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { AuditLog } from '../audit/audit.service';
import { badRequest, conflict, forbidden, notFound } from '../errors/http-error';
import { tooManyRequests } from '../limits/rate-limits';
import { lazyMongoLimiter } from '../limits/mongo-limiter';
import type { MailContent } from '../mail/mail.templates';
import { templates } from '../mail/mail.templates';
import { User } from '../users/user.model';
import { emailNotVerified } from '../users/verified-email';
import { forbiddenRole, membershipOf, objectId, orgRows, roleIn } from './org-access';
import { memberPendingEvent } from './org-events';
import { Invitation, type InvitationDocument } from './org.model';
import type { InvitationView, InviteInput, MembershipView } from './orgs.schemas';

export const INVITATION_TTL = 7 * 24 * 3600;
export const INVITATIONS_PER_DAY = 50;
// an account founds as many organizations as it likes: without this, each would be 50 more mails a day from our
// sender to addresses of its choosing, with a name of its choosing in the subject
export const INVITATIONS_PER_ACCOUNT_PER_DAY = 50;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const invalidToken = () => badRequest('INVALID_TOKEN', 'The invitation is unknown, expired, replaced or already used');
const toView = (invitation: InvitationDocument): InvitationView => ({
  id: invitation._id.toString(),
  email: invitation.email,
  role: invitation.role,
  expiresAt: invitation.expiresAt.toISOString(),
});

export type InvitationServiceDeps = {
  audit: AuditLog;
  appUrl: string;
  /** Sends a mail: after the answer, or before it on Lambda (the recovery mail's `notice`). */
  mail: (to: string, content: MailContent) => Promise<void>;
};

export function createInvitationService({ audit, appUrl, mail }: InvitationServiceDeps) {
  const perOrg = lazyMongoLimiter({ keyPrefix: 'org-invitations', points: INVITATIONS_PER_DAY, duration: 86400 });
  const perAccount = lazyMongoLimiter({
    keyPrefix: 'account-invitations',
    points: INVITATIONS_PER_ACCOUNT_PER_DAY,
    duration: 86400,
  });
  const spend = (limiter: typeof perOrg, key: string) =>
    limiter()
      .consume(key)
      .catch((rejection: unknown) => {
        throw rejection instanceof RateLimiterRes ? tooManyRequests(rejection.msBeforeNext / 1000) : rejection;
      });

  /** Admins and owners invite; only an owner invites an admin. A new invitation to an address replaces the old. */
  async function invite(orgId: string, callerId: string, input: InviteInput): Promise<InvitationView> {
    const { org, role } = await membershipOf(orgId, callerId, 'admin');
    if (input.role === 'admin' && role !== 'owner') throw forbiddenRole('Only an owner invites an admin');
    const invitee = await User.findOne({ email: input.email }, { _id: 1 }).lean();
    if (invitee && roleIn(org, invitee._id.toString()))
      throw conflict('ALREADY_MEMBER', 'This address belongs to a member already');
    await spend(perAccount, callerId);
    await spend(perOrg, orgId);
    const token = randomBytes(32).toString('base64url'); // 256 random bits; only their hash is kept
    const replace = () =>
      Invitation.findOneAndUpdate(
        { orgId: org._id, email: input.email },
        {
          $set: {
            role: input.role,
            tokenHash: hashOf(token),
            invitedBy: objectId(callerId),
            expiresAt: new Date(Date.now() + INVITATION_TTL * 1000),
          },
        },
        { upsert: true, returnDocument: 'after' },
      ).lean<InvitationDocument>();
    // two first invitations of one address at once: the unique index lets one insert, the other then replaces it
    const invitation = await replace().catch((error: unknown) => {
      if ((error as { code?: number }).code === 11000) return replace();
      throw error;
    });
    const url = `${appUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
    await Promise.all([
      mail(input.email, templates.invitation(org.name, input.role, url, INVITATION_TTL)),
      audit.record({ type: 'org.invitation-sent', userId: callerId, orgId }),
    ]);
    return toView(invitation);
  }

  async function list(orgId: string, callerId: string): Promise<InvitationView[]> {
    await membershipOf(orgId, callerId, 'admin');
    const pending = await Invitation.find({ orgId: objectId(orgId), expiresAt: mongoose.trusted({ $gt: new Date() }) })
      .sort({ createdAt: 1 })
      .lean<InvitationDocument[]>();
    return pending.map(toView);
  }

  async function revoke(orgId: string, callerId: string, invitationId: string): Promise<void> {
    await membershipOf(orgId, callerId, 'admin');
    const { deletedCount } = await Invitation.deleteOne({ _id: objectId(invitationId), orgId: objectId(orgId) });
    if (!deletedCount) throw notFound('INVITATION_NOT_FOUND', 'No such pending invitation in this organization');
    await audit.record({ type: 'org.invitation-revoked', userId: callerId, orgId });
  }

  /**
   * The account whose verified address the invitation names joins. Every check comes before the one
   * findOneAndDelete that spends the token, so a refused accept leaves it usable and of parallel accepts
   * exactly one joins.
   */
  async function accept(
    user: { _id: unknown; email: string; emailVerified?: boolean | null },
    token: string,
  ): Promise<MembershipView> {
    const tokenHash = hashOf(token);
    const invitation = await Invitation.findOne({ tokenHash, expiresAt: mongoose.trusted({ $gt: new Date() }) }).lean();
    if (!invitation) throw invalidToken();
    if (invitation.email !== user.email)
      throw forbidden('INVITATION_EMAIL_MISMATCH', 'This invitation is for another address: sign in with that one');
    if (user.emailVerified !== true) throw emailNotVerified();
    const spent = await Invitation.findOneAndDelete({ _id: invitation._id, tokenHash }).lean();
    if (!spent) throw invalidToken(); // a parallel accept, a re-invitation or a revocation came first
    const userId = String(user._id);
    const joinedAt = new Date();
    const org = await orgRows().findOneAndUpdate(
      { _id: spent.orgId, 'members.userId': { $ne: objectId(userId) } },
      {
        $push: {
          members: { userId: objectId(userId), role: spent.role, joinedAt },
          pendingEvents: memberPendingEvent('organization.member_added', { userId, role: spent.role }),
        },
        $set: { updatedAt: joinedAt },
      },
      { returnDocument: 'after' },
    );
    if (!org) {
      if (await orgRows().countDocuments({ _id: spent.orgId }, { limit: 1 }))
        throw conflict('ALREADY_MEMBER', 'You are a member of this organization already');
      throw invalidToken(); // the organization was deleted
    }
    const orgId = org._id.toString();
    await audit.record({ type: 'org.invitation-accepted', userId, orgId });
    return { id: orgId, name: org.name, slug: org.slug, role: spent.role, joinedAt: joinedAt.toISOString() };
  }

  return { invite, list, revoke, accept };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
