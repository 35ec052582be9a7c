import type { AuditLog } from '../audit/audit.service';
import { conflict, notFound } from '../errors/http-error';
import { atLeast, forbiddenRole, membershipOf, objectId, orgNotFound, orgRows, roleIn } from './org-access';
import { keepEventsOf, memberEvent } from './org-events';
import { Invitation, type OrganizationDocument, type Role } from './org.model';
import type { MemberView } from './orgs.schemas';
import { membersOf } from './orgs.service';

const lastOwner = () =>
  conflict('LAST_OWNER', 'An organization keeps at least one owner: make another member owner first');
const memberNotFound = () => notFound('MEMBER_NOT_FOUND', 'This user is not a member of the organization');

type Caller = { id: string; role: Role };

/**
 * The one conditional update that changes a member: it matches only while the member and the caller still have
 * the roles the decision was made on (an admin demoted meanwhile changes nobody) and, when an owner is to stop
 * being one, while another owner remains (ownerCount > 1). Of two parallel requests that would each remove one
 * of the last two owners, one matches and one misses.
 */
function memberFilter(org: OrganizationDocument, userId: string, role: Role, caller: Caller) {
  const holds = (id: string, held: Role) => ({ members: { $elemMatch: { userId: objectId(id), role: held } } });
  return {
    _id: org._id,
    $and: [holds(userId, role), holds(caller.id, caller.role)],
    ...(role === 'owner' ? { ownerCount: { $gt: 1 } } : {}),
  };
}
const ownerDelta = (from: Role, to: Role | null) => Number(to === 'owner') - Number(from === 'owner');

export type MemberServiceDeps = { audit: AuditLog };

export function createMemberService({ audit }: MemberServiceDeps) {
  /** Why a conditional update missed: the caller's role changed, the last owner, or a member who left meanwhile. */
  async function missed(orgId: string, userId: string, caller: Caller): Promise<never> {
    const org = await orgRows().findOne({ _id: objectId(orgId) });
    const callerRole = org ? roleIn(org, caller.id) : null;
    if (!callerRole) throw orgNotFound(); // the caller left or was removed meanwhile
    if (callerRole !== caller.role) throw forbiddenRole('Your role in the organization changed meanwhile');
    if (roleIn(org!, userId) === 'owner') throw lastOwner();
    throw memberNotFound();
  }

  /** An owner sets any role; an admin moves members and admins between those two roles. */
  async function changeRole(orgId: string, callerId: string, userId: string, to: Role): Promise<MemberView> {
    const { org, role: callerRole } = await membershipOf(orgId, callerId, 'admin');
    const from = roleIn(org, userId);
    if (!from) throw memberNotFound();
    if (callerRole !== 'owner' && (from === 'owner' || to === 'owner'))
      throw forbiddenRole('Only an owner makes or unmakes an owner');
    if (from === to) return viewOf(org, userId);
    const after = await orgRows().findOneAndUpdate(
      memberFilter(org, userId, from, { id: callerId, role: callerRole }),
      {
        $set: { 'members.$[m].role': to, updatedAt: new Date() },
        $inc: { ownerCount: ownerDelta(from, to) },
        ...memberEvent('organization.member_role_changed', { userId, role: to, previousRole: from }),
      },
      { returnDocument: 'after', arrayFilters: [{ 'm.userId': objectId(userId) }] },
    );
    if (!after) return missed(orgId, userId, { id: callerId, role: callerRole });
    await Promise.all([
      audit.record({ type: 'org.member-role-changed', userId, orgId }),
      to === 'member' ? withdrawInvitationsOf(org, userId) : undefined,
    ]);
    return viewOf(after, userId);
  }

  /** An owner removes anyone, an admin anyone but an owner; every member may leave. */
  async function removeMember(orgId: string, callerId: string, userId: string): Promise<void> {
    const { org, role: callerRole } = await membershipOf(orgId, callerId);
    const from = roleIn(org, userId);
    const leaving = callerId === userId;
    if (!leaving && !atLeast(callerRole, 'admin')) throw forbiddenRole('Only an admin or an owner removes members');
    if (!from) throw memberNotFound();
    if (!leaving && callerRole === 'admin' && from === 'owner') throw forbiddenRole('Only an owner removes an owner');
    const caller = { id: callerId, role: callerRole };
    const after = await pull(org, userId, from, caller);
    if (!after) return missed(orgId, userId, caller);
    await Promise.all([
      audit.record({ type: leaving ? 'org.member-left' : 'org.member-removed', userId, orgId }),
      withdrawInvitationsOf(org, userId),
    ]);
  }

  /**
   * The invitations someone sent die when they can no longer invite (removed, left, or made a member): a former
   * admin must not walk back in with a second address they invited before.
   */
  const withdrawInvitationsOf = (org: OrganizationDocument, userId: string) =>
    Invitation.deleteMany({ orgId: org._id, invitedBy: objectId(userId) });

  const pull = (org: OrganizationDocument, userId: string, from: Role, caller: Caller) =>
    orgRows().findOneAndUpdate(
      memberFilter(org, userId, from, caller),
      {
        $pull: { members: { userId: objectId(userId) } },
        $set: { updatedAt: new Date() },
        $inc: { ownerCount: ownerDelta(from, null) },
        ...memberEvent('organization.member_removed', { userId, role: from }),
      },
      { returnDocument: 'after' },
    );

  async function viewOf(org: OrganizationDocument, userId: string): Promise<MemberView> {
    const member = org.members.find((candidate) => candidate.userId.toString() === userId);
    const [view] = await membersOf(member ? [member] : []);
    if (!view) throw memberNotFound();
    return view;
  }

  /**
   * A deleted user leaves every organization. One whose last owner this was passes ownership to its oldest
   * admin, else its oldest member; one left empty is deleted with its invitations.
   */
  async function userDeleted(userId: string): Promise<void> {
    const orgs = await orgRows()
      .find({ 'members.userId': objectId(userId) })
      .toArray();
    for (const org of orgs) await leave(org, userId);
  }

  // A change of the same member that lands between the read and the update makes it miss: read again, a few times.
  async function leave(org: OrganizationDocument, userId: string, tries = 3): Promise<void> {
    const orgId = org._id.toString();
    const role = roleIn(org, userId);
    if (!role) return;
    const after = await orgRows().findOneAndUpdate(
      { _id: org._id, members: { $elemMatch: { userId: objectId(userId), role } } },
      {
        $pull: { members: { userId: objectId(userId) } },
        $inc: { ownerCount: ownerDelta(role, null) },
        ...memberEvent('organization.member_removed', { userId, role }),
      },
      { returnDocument: 'after' },
    );
    if (!after) {
      const fresh = tries > 1 ? await orgRows().findOne({ _id: org._id }) : null;
      return fresh ? leave(fresh, userId, tries - 1) : undefined;
    }
    await Promise.all([audit.record({ type: 'org.member-left', userId, orgId }), withdrawInvitationsOf(org, userId)]);
    if (after.ownerCount <= 0) await passOwnership(after);
  }

  async function passOwnership(org: OrganizationDocument, tries = 3): Promise<void> {
    const orgId = org._id.toString();
    const oldest = (role: Role) =>
      org.members
        .filter((member) => member.role === role)
        .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime())[0];
    const heir = oldest('admin') ?? oldest('member');
    if (!heir) {
      const deleted = await orgRows().findOneAndDelete({
        _id: org._id,
        ownerCount: { $lte: 0 },
        members: { $size: 0 },
      });
      if (deleted)
        await Promise.all([
          keepEventsOf(deleted),
          Invitation.deleteMany({ orgId: org._id }),
          audit.record({ type: 'org.deleted', orgId }),
        ]);
      return;
    }
    const heirId = heir.userId.toString();
    const passed = await orgRows().updateOne(
      { _id: org._id, ownerCount: { $lte: 0 }, members: { $elemMatch: { userId: heir.userId, role: heir.role } } },
      {
        $set: { 'members.$[m].role': 'owner', updatedAt: new Date() },
        $inc: { ownerCount: 1 },
        ...memberEvent('organization.member_role_changed', {
          userId: heirId,
          role: 'owner',
          previousRole: heir.role,
        }),
      },
      { arrayFilters: [{ 'm.userId': heir.userId }] },
    );
    if (passed.modifiedCount === 0) {
      // the heir left or changed meanwhile: choose again, unless another request made an owner already
      const fresh = tries > 1 ? await orgRows().findOne({ _id: org._id, ownerCount: { $lte: 0 } }) : null;
      return fresh ? passOwnership(fresh, tries - 1) : undefined;
    }
    await audit.record({ type: 'org.ownership-passed', userId: heirId, orgId });
  }

  return { changeRole, removeMember, userDeleted };
}

export type MemberService = ReturnType<typeof createMemberService>;
