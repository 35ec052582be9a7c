import type { Model } from 'mongoose';
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
];
