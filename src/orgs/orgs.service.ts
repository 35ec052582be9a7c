import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { AuditLog } from '../audit/audit.service';
import { conflict } from '../errors/http-error';
import { User } from '../users/user.model';
import { emailNotVerified } from '../users/verified-email';
import { membershipOf, objectId, orgNotFound, orgRows, roleIn } from './org-access';
import { keepEventsOf, memberPendingEvent, recordRemovalsOf } from './org-events';
import { Invitation, type Member, type OrganizationDocument } from './org.model';
import type { CreateOrgInput, MemberView, OrgDetail, OrgSummary, OrgView, UpdateOrgInput } from './orgs.schemas';

const DUPLICATE_KEY = 11000;
const slugTaken = () => conflict('SLUG_TAKEN', 'Another organization has this slug');
const isDuplicate = (error: unknown) => (error as { code?: number }).code === DUPLICATE_KEY;

/** "Acme Café, Inc." → "acme-cafe-inc"; at least 2 characters, at most 48. */
export function slugFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
  return slug.length >= 2 ? slug : `org-${slug || randomBytes(2).toString('hex')}`.slice(0, 48);
}
const withSuffix = (slug: string) => `${slug.slice(0, 43).replace(/-+$/, '')}-${randomBytes(2).toString('hex')}`;

export const toOrg = (org: OrganizationDocument, userId: string): OrgView => ({
  id: org._id.toString(),
  name: org.name,
  slug: org.slug,
  role: roleIn(org, userId) ?? 'member',
  createdAt: org.createdAt.toISOString(),
});

/** The members with their names and addresses, oldest first: one read of their users. */
export async function membersOf(members: Member[]): Promise<MemberView[]> {
  const users = await User.find({ _id: mongoose.trusted({ $in: members.map((member) => member.userId) }) })
    .select({ name: 1, email: 1 })
    .lean();
  const byId = new Map(users.map((user) => [user._id.toString(), user]));
  return [...members]
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime())
    .filter((member) => byId.has(member.userId.toString())) // a user deleted a moment ago is leaving
    .map((member) => {
      const user = byId.get(member.userId.toString());
      return {
        userId: member.userId.toString(),
        name: user?.name ?? null,
        email: user?.email ?? '',
        role: member.role,
        joinedAt: member.joinedAt.toISOString(),
      };
    });
}

export type OrgServiceDeps = { audit: AuditLog };

/** Organizations as their members see them (contract v1.9). */
export function createOrgService({ audit }: OrgServiceDeps) {
  /** A verified user founds an organization and is its owner. A slug made from the name gets a suffix if taken. */
  async function create(user: { _id: unknown; emailVerified?: boolean | null }, input: CreateOrgInput) {
    if (user.emailVerified !== true) throw emailNotVerified();
    const userId = String(user._id);
    const now = new Date();
    let slug = input.slug ?? slugFrom(input.name);
    for (let attempt = 0; ; attempt++) {
      const org = {
        _id: new mongoose.Types.ObjectId(),
        name: input.name,
        slug,
        members: [{ userId: objectId(userId), role: 'owner' as const, joinedAt: now }],
        ownerCount: 1,
        pendingEvents: [memberPendingEvent('organization.member_added', { userId, role: 'owner' })],
        createdAt: now,
        updatedAt: now,
      };
      try {
        await orgRows().insertOne(org);
      } catch (error) {
        if (!isDuplicate(error)) throw error;
        if (input.slug || attempt >= 3) throw slugTaken(); // a slug asked for is never changed
        slug = withSuffix(slugFrom(input.name));
        continue;
      }
      const orgId = org._id.toString();
      await audit.record({ type: 'org.created', userId, orgId });
      return toOrg(org, userId);
    }
  }

  async function list(userId: string): Promise<OrgSummary[]> {
    const orgs = await orgRows()
      .find({ 'members.userId': objectId(userId) })
      .sort({ _id: 1 })
      .toArray();
    return orgs.map((org) => ({
      id: org._id.toString(),
      name: org.name,
      slug: org.slug,
      role: roleIn(org, userId) ?? 'member',
    }));
  }

  async function get(orgId: string, userId: string): Promise<OrgDetail> {
    const { org } = await membershipOf(orgId, userId);
    return { ...toOrg(org, userId), members: await membersOf(org.members) };
  }

  async function update(orgId: string, userId: string, patch: UpdateOrgInput): Promise<OrgView> {
    await membershipOf(orgId, userId, 'admin');
    const org = await orgRows()
      .findOneAndUpdate(
        // the caller still an admin or owner at the update: one demoted meanwhile renames nothing
        {
          _id: objectId(orgId),
          members: { $elemMatch: { userId: objectId(userId), role: { $in: ['admin', 'owner'] } } },
        },
        { $set: { ...patch, updatedAt: new Date() } },
        { returnDocument: 'after' },
      )
      .catch((error: unknown) => {
        throw isDuplicate(error) ? slugTaken() : error;
      });
    if (!org) throw orgNotFound(); // deleted, or the caller removed or demoted, meanwhile
    await audit.record({ type: 'org.updated', userId, orgId });
    return toOrg(org, userId);
  }

  /** An owner deletes the organization: its memberships and invitations go with it. */
  async function remove(orgId: string, userId: string): Promise<void> {
    const { org } = await membershipOf(orgId, userId, 'owner');
    const removals = await recordRemovalsOf(org); // sent once the organization is gone
    const deleted = await orgRows().findOneAndDelete({
      _id: org._id,
      members: { $elemMatch: { userId: objectId(userId), role: 'owner' } },
    });
    if (!deleted) {
      await removals.undo();
      throw orgNotFound(); // deleted, or its caller demoted, by a parallel request
    }
    await Promise.all([
      keepEventsOf(deleted),
      Invitation.deleteMany({ orgId: org._id }),
      audit.record({ type: 'org.deleted', userId, orgId }),
    ]);
  }

  return { create, list, get, update, remove };
}

export type OrgService = ReturnType<typeof createOrgService>;
