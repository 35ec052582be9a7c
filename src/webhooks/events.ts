import { randomBytes } from 'node:crypto';
import { Schema } from 'mongoose';

export const WEBHOOK_EVENT_TYPES = [
  'user.created',
  'user.email_verified',
  'user.email_changed',
  'user.updated',
  'user.deleted',
  'organization.member_added',
  'organization.member_removed',
  'organization.member_role_changed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * An event waiting on the document whose change it tells: `id` becomes the message's `webhook-id`. `data`, when
 * set, is the message's data as the change made it (an organization's event names the member it is about);
 * otherwise the document's EventSource builds it when the event is relayed.
 */
export type PendingEvent = { id: string; type: WebhookEventType; at: Date; data?: unknown };

/** The array a document keeps its events in until the relay (./relay.ts) hands them to the endpoints. */
export const pendingEventsField = {
  type: [
    new Schema(
      {
        id: { type: String, required: true },
        type: { type: String, required: true },
        at: { type: Date, required: true },
        data: { type: Schema.Types.Mixed },
      },
      { _id: false },
    ),
  ],
  default: undefined,
  select: false, // nobody's profile, page or token carries it
};

export const newMessageId = () => `msg_${randomBytes(12).toString('base64url')}`;

export const pendingEvent = (type: WebhookEventType, data?: unknown): PendingEvent => ({
  id: newMessageId(),
  type,
  at: new Date(),
  ...(data === undefined ? {} : { data }),
});

/**
 * How a feature records an event: in the same write that makes the change, so that the change and its event
 * exist together or not at all (contract v1.8: nothing is lost). The document's collection must have an
 * EventSource in ./sources.ts, which tells the relay what the event's `data` is.
 *
 *   User.create({ email, pendingEvents: [pendingEvent('user.created')] })
 *   User.updateOne({ _id, premium: false }, { $set: { premium: true }, ...recordEvents('user.updated') })
 *
 * A change that deletes its document cannot carry its event: it records it first with recordWhenGone (./relay.ts),
 * which the relay sends once the document is gone, and drops if it is still there after a while.
 */
export const recordEvents = (...types: WebhookEventType[]) => ({
  $push: { pendingEvents: { $each: types.map((type) => pendingEvent(type)) } },
});

/** One event with its own data, recorded as recordEvents does: `{ $set: …, ...recordEvent(type, data) }`. */
export const recordEvent = (type: WebhookEventType, data: unknown) => ({
  $push: { pendingEvents: pendingEvent(type, data) },
});
