import mongoose, { type Types } from 'mongoose';
import { newMessageId, type PendingEvent, type WebhookEventType } from './events';
import { EVENT_SOURCES } from './sources';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent } from './webhook.models';

const DUPLICATE_KEY = 11000;
const BATCH = 100;
// an event recorded before a deletion that has not happened by then never will: the deletion failed
const GONE_WITHIN_MS = 10 * 60_000;

type Message = { id: string; type: string; at: Date; data: unknown };
type Subscriber = { _id: Types.ObjectId; events: string[] };

/**
 * For a change that deletes its document (so cannot carry its event): record the event first, then delete.
 * The relay sends it once the document is gone, and drops it if the document is still there after 10 minutes.
 */
export async function recordWhenGone(
  type: WebhookEventType,
  data: unknown,
  gone: { collectionName: string; id: Types.ObjectId },
): Promise<string> {
  const id = newMessageId();
  await WebhookEvent.collection.insertOne({ _id: id as never, type, at: new Date(), data, whenGone: gone });
  return id;
}

/** Events taken off a document that is gone (a deleted user's), with the data they had: sent as they are. */
export async function recordEventsOf(events: PendingEvent[], data: unknown): Promise<void> {
  if (events.length === 0) return;
  await WebhookEvent.collection.insertMany(
    events.map((event) => ({ _id: event.id as never, type: event.type, at: event.at, data, whenGone: null })),
  );
}

export const dropEvent = (id: string) => WebhookEvent.collection.deleteOne({ _id: id as never });

/**
 * Moves recorded events to the deliveries, one per subscribed endpoint, then off their documents. Safe to run
 * anywhere at any time: a delivery is unique by message and endpoint, so a relay that dies halfway or runs in
 * two processes at once adds each delivery once. Returns how many events it moved.
 */
export async function relayEvents(now = new Date()): Promise<number> {
  const endpoints = await WebhookEndpoint.find({}, { events: 1 }).lean<Subscriber[]>();
  let moved = 0;
  for (const source of EVENT_SOURCES) {
    const rows = source.model.collection;
    const documents = await rows.find({ 'pendingEvents.id': { $exists: true } }, { limit: BATCH }).toArray();
    for (const document of documents) {
      const events = document.pendingEvents as PendingEvent[];
      const data = source.data(document as never);
      await fanOut(
        endpoints,
        events.map((event) => ({ ...event, data: withOwnData(data, event.data) })),
      );
      const taken = { pendingEvents: { id: { $in: events.map((event) => event.id) } } };
      await rows.updateOne({ _id: document._id }, { $pull: taken as never });
      moved += events.length;
    }
  }
  return moved + (await relayStandalone(endpoints, now));
}

/** An event's own data (an organization's event: the member it is about) beside its document's. */
const withOwnData = (data: unknown, own: unknown) =>
  own === undefined ? data : { ...(data as object), ...(own as object) };

async function relayStandalone(endpoints: Subscriber[], now: Date): Promise<number> {
  const events = await WebhookEvent.find({}).sort({ at: 1 }).limit(BATCH).lean();
  let moved = 0;
  for (const event of events) {
    if (event.whenGone) {
      const { collectionName, id } = event.whenGone as { collectionName: string; id: Types.ObjectId };
      const there = await mongoose.connection
        .collection(collectionName)
        .findOne({ _id: id }, { projection: { _id: 1 } });
      if (there && now.getTime() - event.at.getTime() < GONE_WITHIN_MS) continue;
      if (there) {
        await dropEvent(event._id);
        continue;
      }
    }
    await fanOut(endpoints, [{ id: event._id, type: event.type, at: event.at, data: event.data }]);
    await dropEvent(event._id);
    moved += 1;
  }
  return moved;
}

async function fanOut(endpoints: Subscriber[], messages: Message[]): Promise<void> {
  const createdAt = new Date();
  const deliveries = messages.flatMap((message) =>
    endpoints
      .filter((endpoint) => endpoint.events.includes(message.type))
      .map((endpoint) => ({
        messageId: message.id,
        endpointId: endpoint._id,
        type: message.type,
        body: JSON.stringify({ type: message.type, timestamp: message.at.toISOString(), data: message.data }),
        status: 'pending',
        attempts: 0,
        lastStatusCode: null,
        nextAttemptAt: createdAt,
        claim: null,
        createdAt,
      })),
  );
  if (deliveries.length === 0) return;
  await WebhookDelivery.collection.insertMany(deliveries, { ordered: false }).catch((error: unknown) => {
    const { code, writeErrors } = error as { code?: number; writeErrors?: { code: number } | { code: number }[] };
    const errors = writeErrors === undefined ? [] : [writeErrors].flat();
    const onlyDuplicates =
      code === DUPLICATE_KEY || (errors.length > 0 && errors.every((e) => e.code === DUPLICATE_KEY));
    if (!onlyDuplicates) throw error;
  });
}
