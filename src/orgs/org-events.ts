import type { Types } from 'mongoose';
import { pendingEvent, recordEvent, type WebhookEventType } from '../webhooks/events';
import { dropEvent, recordEventsOf, recordWhenGone } from '../webhooks/relay';
import { organizationRef, type OrganizationDocument, type OrgRef, type Role } from './org.model';

// The v1.8 webhook events of a change of membership: organization.member_added, .member_removed and
// .member_role_changed. Each is recorded by the same update of the organization's document that makes the change
// (pushed on its pendingEvents), so a process that dies after the change still sends it (src/webhooks/relay.ts).
// The message's data is `{ organization: { id, name, slug }, userId, role, previousRole? }`: the relay adds the
// organization (src/webhooks/sources.ts) to the member part recorded here.

export type MemberChange = { userId: string; role: Role; previousRole?: Role };

/** The message's data: the organization, the member and their role (and the role before, for a change). */
export const memberEventData = (org: OrgRef, change: MemberChange) => ({
  organization: organizationRef(org),
  ...change,
});

type OrgEventType = Extract<WebhookEventType, `organization.${string}`>;

/** Spread into the update that makes the change: `{ $pull: …, $set: …, ...memberEvent(type, change) }`. */
export const memberEvent = (type: OrgEventType, change: MemberChange) => recordEvent(type, change);

/** The same event, for an update that pushes something else too: `$push: { members: …, pendingEvents: … }`. */
export const memberPendingEvent = (type: OrgEventType, change: MemberChange) => pendingEvent(type, change);

/**
 * A deleted organization cannot carry its events: each member's organization.member_removed is recorded first,
 * sent once the organization is gone. `undo` drops them when the deletion did not happen.
 */
export async function recordRemovalsOf(org: OrgRef & { members: { userId: Types.ObjectId; role: Role }[] }) {
  const gone = { collectionName: 'organizations', id: org._id };
  const ids = await Promise.all(
    org.members.map((member) =>
      recordWhenGone(
        'organization.member_removed',
        memberEventData(org, { userId: member.userId.toString(), role: member.role }),
        gone,
      ),
    ),
  );
  return { undo: () => Promise.all(ids.map(dropEvent)) };
}

/**
 * The events a deleted organization still carried (its last member's leaving, say) leave with it, each with the
 * organization's data as it was: the relay can no longer read them from the document.
 */
export async function keepEventsOf(deleted: OrganizationDocument | null) {
  const events = deleted?.pendingEvents ?? [];
  await Promise.all(
    events.map((event) => recordEventsOf([event], memberEventData(deleted!, event.data as MemberChange))),
  );
}
