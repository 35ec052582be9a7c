import { MongoServerError, type Db } from 'mongodb';
import { Webhook } from 'standardwebhooks';
import type { Orders } from './orders.ts';

// What this service knows of authgate's users, kept in sync by authgate's webhooks (contract v1.8): no polling,
// no copy of authgate's database. Each message is verified with the Standard Webhooks library, applied at most
// once by its `webhook-id`, and never lets an older event overwrite a newer one (retries may come late).
export type Customer = { id: string; email: string; name?: string; premium: boolean; premiumEnds?: string | null };
// a deleted user stays as a marker, so that a late retry of an older event cannot bring them back
type Stored = Partial<Omit<Customer, 'id'>> & { _id: string; eventAt: Date; deleted?: true };
type Event = { type: string; timestamp: string; data: Record<string, unknown> };

export class SignatureError extends Error {}

export function createCustomers(db: Db, secret: string, orders: Orders) {
  const webhook = new Webhook(secret);
  const customers = db.collection<Stored>('customers');
  const handled = db.collection<{ _id: string; at: Date }>('webhook_messages');

  return {
    /** Verifies and applies one delivery; a message already applied is answered as done. */
    async receive(rawBody: string, headers: Record<string, string>) {
      let event: Event;
      try {
        event = webhook.verify(rawBody, headers) as Event;
      } catch {
        throw new SignatureError('The webhook signature is not valid');
      }
      const id = headers['webhook-id'];
      if (await handled.findOne({ _id: id })) return;
      await apply(event); // idempotent: applied again if this process dies before the next line
      await handled.insertOne({ _id: id, at: new Date() }).catch(ignoreDuplicate);
    },

    /** True once authgate said the user was deleted: their tokens, still unexpired, are refused here. */
    async isDeleted(id: string) {
      return (await customers.countDocuments({ _id: id, deleted: true }, { limit: 1 })) > 0;
    },

    async find(id: string): Promise<Customer | null> {
      const found = await customers.findOne({ _id: id, deleted: { $exists: false } });
      if (!found?.email) return null;
      const { _id, email, name, premium = false, premiumEnds } = found;
      return { id: _id, email, name, premium, premiumEnds };
    },
  };

  async function apply({ type, timestamp, data }: Event) {
    const eventAt = new Date(timestamp);
    const id = String(data.id);
    if (type === 'user.deleted') {
      await orders.cancelAll(id);
      return record(id, { deleted: true, eventAt }, { email: '', name: '', premium: '', premiumEnds: '' });
    }
    if (!type.startsWith('user.')) return; // organization events: this service has no teams
    const customer = {
      email: String(data.email),
      name: typeof data.name === 'string' ? data.name : undefined,
      premium: data.premium === true,
      premiumEnds: typeof data.premiumEnds === 'string' ? data.premiumEnds : null,
    };
    return record(id, { ...customer, eventAt });
  }

  /** Only an older record is replaced: a newer one makes the upsert insert a second _id, which is refused. */
  async function record(id: string, set: Partial<Stored>, unset: Record<string, ''> = {}) {
    const update = Object.keys(unset).length ? { $set: set, $unset: unset } : { $set: set };
    await customers
      .updateOne({ _id: id, eventAt: { $lt: set.eventAt } }, update, { upsert: true })
      .catch(ignoreDuplicate);
  }
}

function ignoreDuplicate(error: unknown) {
  if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
}

export type Customers = ReturnType<typeof createCustomers>;
