import type { Model } from 'mongoose';
import { Organization, organizationRef, type OrganizationDocument } from '../orgs/org.model';
import { User, type UserDocument } from '../users/user.model';
import { toProfile } from '../users/users.service';

/**
 * The collections whose documents carry `pendingEvents` (./events.ts), and what an event's `data` is: built on
 * purpose from the document, never the document itself (no hash, token, code or secret leaves). A feature that
 * records events on its own documents (organizations: their memberships) adds a line here.
 */
export type EventSource = { model: Model<never>; data: (document: never) => unknown };

export const EVENT_SOURCES: EventSource[] = [
  { model: User as unknown as Model<never>, data: (user: UserDocument) => toProfile(user) },
  // an organization's events add their own data (the member they are about) to this
  {
    model: Organization as unknown as Model<never>,
    data: (org: OrganizationDocument) => ({ organization: organizationRef(org) }),
  },
];
