import mongoose from 'mongoose';
import type { AuditLog } from '../audit/audit.service';
import { objectId, orgNotFound, orgRows } from './org-access';
import type { AdminMembership, AdminOrg, AdminOrgDetail } from './orgs.schemas';
import type { OrganizationDocument } from './org.model';
import { membersOf } from './orgs.service';

type OrgQuery = { slug?: string; limit: number; cursor?: string };
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const toAdminOrg = (org: OrganizationDocument): AdminOrg => ({
  id: org._id.toString(),
  name: org.name,
  slug: org.slug,
  createdAt: org.createdAt.toISOString(),
  members: org.members.length,
});

/** What an operator reads of organizations (contract v1.9): audited as every admin read is. */
export function createOrgAdmin(audit: AuditLog) {
  /** Newest first; `slug` matches from the start. */
  async function list({ slug, limit, cursor }: OrgQuery): Promise<AdminOrg[]> {
    const filter = {
      ...(slug ? { slug: { $regex: `^${escapeRegex(slug)}` } } : {}),
      ...(cursor ? { _id: { $lt: objectId(cursor) } } : {}),
    };
    const [orgs] = await Promise.all([
      orgRows().find(filter).sort({ _id: -1 }).limit(limit).toArray(),
      audit.record({ type: 'admin.orgs-listed' }),
    ]);
    return orgs.map(toAdminOrg);
  }

  async function get(orgId: string): Promise<AdminOrgDetail> {
    const org = await orgRows().findOne({ _id: objectId(orgId) });
    if (!org) throw orgNotFound();
    const [members] = await Promise.all([membersOf(org.members), audit.record({ type: 'admin.org-read', orgId })]);
    return { ...toAdminOrg(org), members };
  }

  /** The user's memberships, oldest first: for GET /admin/users/{id}. */
  async function membershipsOf(userId: string): Promise<AdminMembership[]> {
    if (!mongoose.isValidObjectId(userId)) return [];
    const orgs = await orgRows()
      .find({ 'members.userId': objectId(userId) })
      .toArray();
    return orgs
      .flatMap((org) =>
        org.members
          .filter((member) => member.userId.toString() === userId)
          .map((member) => ({
            orgId: org._id.toString(),
            name: org.name,
            slug: org.slug,
            role: member.role,
            joinedAt: member.joinedAt.toISOString(),
          })),
      )
      .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
  }

  return { list, get, membershipsOf };
}

export type OrgAdmin = ReturnType<typeof createOrgAdmin>;
