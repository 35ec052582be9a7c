import mongoose from 'mongoose';
import { forbidden, notFound } from '../errors/http-error';
import { Organization, type OrganizationDocument, type Role } from './org.model';

export const orgNotFound = () => notFound('ORG_NOT_FOUND', 'No such organization');
export const forbiddenRole = (detail: string) => forbidden('FORBIDDEN_ROLE', detail);

const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };
export const atLeast = (role: Role, least: Role) => RANK[role] >= RANK[least];

export const objectId = (id: string) => new mongoose.Types.ObjectId(id);

// Our own filters and updates, with operators, through the driver: the ids are validated ObjectIds already.
export const orgRows = () => Organization.collection as unknown as mongoose.mongo.Collection<OrganizationDocument>;

export const roleIn = (org: Pick<OrganizationDocument, 'members'>, userId: string): Role | null =>
  org.members.find((member) => member.userId.toString() === userId)?.role ?? null;

/**
 * The organization as one of its members sees it, with the member's role: anyone else (a stranger, a
 * removed member) learns nothing of it, not even that it exists.
 */
export async function membershipOf(orgId: string, userId: string, least: Role = 'member') {
  const org = await orgRows().findOne({ _id: objectId(orgId), 'members.userId': objectId(userId) });
  const role = org ? roleIn(org, userId) : null;
  if (!org || !role) throw orgNotFound();
  if (!atLeast(role, least)) throw forbiddenRole(`This needs the ${least} role in the organization`);
  return { org, role };
}

/** The user's role in the organization, or null: what a token's `org_role` is signed from. One read. */
export async function roleOf(orgId: string, userId: string): Promise<Role | null> {
  if (!mongoose.isValidObjectId(orgId) || !mongoose.isValidObjectId(userId)) return null;
  const org = await orgRows().findOne(
    { _id: objectId(orgId), 'members.userId': objectId(userId) },
    { projection: { members: 1 } },
  );
  return org ? roleIn(org, userId) : null;
}

/**
 * The $lookup stage that finds the membership a token names, added to the guards' one aggregate on the
 * session: `memberships` comes back empty when the membership is gone.
 */
export const membershipLookup = (orgId: string, userId: string) => ({
  $lookup: {
    from: Organization.collection.collectionName,
    pipeline: [{ $match: { _id: objectId(orgId), 'members.userId': objectId(userId) } }, { $project: { _id: 1 } }],
    as: 'memberships',
  },
});
