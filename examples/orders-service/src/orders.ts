import { MongoServerError, ObjectId, type Db } from 'mongodb';
import { z } from 'zod';
import type { User } from './tokens.ts';

export const orderSchema = z.object({ item: z.string().trim().min(1).max(100), quantity: z.int().min(1).max(99) });
export type OrderInput = z.infer<typeof orderSchema>;
export type Limits = { free: number; premium: number };

type Order = OrderInput & { _id: ObjectId; userId: string; status: 'open' | 'cancelled'; createdAt: Date };
type OpenCount = { _id: string; open: number }; // one per user: how many of their orders are open

export class OrderLimitError extends Error {}

export function createOrders(db: Db, limits: Limits) {
  const orders = db.collection<Order>('orders');
  const openCounts = db.collection<OpenCount>('open_order_counts');
  const toOrder = ({ _id, item, quantity, status, createdAt }: Order) => ({
    id: _id.toHexString(),
    item,
    quantity,
    status,
    createdAt,
  });

  return {
    async place(user: User, input: OrderInput) {
      await takeSlot(user);
      const order: Order = { _id: new ObjectId(), userId: user.id, ...input, status: 'open', createdAt: new Date() };
      await orders.insertOne(order).catch(async (error: unknown) => {
        await openCounts.updateOne({ _id: user.id }, { $inc: { open: -1 } }); // the order failed: its slot is free
        throw error;
      });
      return toOrder(order);
    },

    async list(user: User) {
      return (await orders.find({ userId: user.id }).sort({ _id: -1 }).toArray()).map(toOrder);
    },

    /** True when an open order of this user was cancelled (its slot is free again). */
    async cancel(user: User, id: string) {
      if (!ObjectId.isValid(id)) return false;
      const { modifiedCount } = await orders.updateOne(
        { _id: new ObjectId(id), userId: user.id, status: 'open' },
        { $set: { status: 'cancelled' } },
      );
      if (modifiedCount) await openCounts.updateOne({ _id: user.id }, { $inc: { open: -1 } });
      return modifiedCount === 1;
    },

    cancelAll,
  };

  /** Cancels every open order of a user (authgate deleted them): none is left open, no slot is taken. */
  async function cancelAll(userId: string) {
    await orders.updateMany({ userId, status: 'open' }, { $set: { status: 'cancelled' } });
    await openCounts.deleteOne({ _id: userId });
  }

  /**
   * One atomic update decides, so parallel orders cannot pass the limit together: it counts up only below the
   * limit; at the limit the filter misses, the upsert tries to insert the existing _id, and that is refused.
   */
  async function takeSlot(user: User) {
    const limit = user.premium ? limits.premium : limits.free;
    try {
      await openCounts.updateOne({ _id: user.id, open: { $lt: limit } }, { $inc: { open: 1 } }, { upsert: true });
    } catch (error) {
      if (error instanceof MongoServerError && error.code === 11000)
        throw new OrderLimitError(`${user.premium ? 'Premium' : 'Free'} users may have ${limit} open orders`);
      throw error;
    }
  }
}

export type Orders = ReturnType<typeof createOrders>;
