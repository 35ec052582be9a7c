import { Types } from 'mongoose';
import { User, type UserDocument } from '../users/user.model';
import { toProfile } from '../users/users.service';
import type { PendingEvent } from './events';
import { dropEvent, recordEventsOf, recordWhenGone } from './relay';

/**
 * Deletes a user with its `user.deleted` event (data: its id and email): the event is recorded first, and sent
 * once the user is gone (src/webhooks/relay.ts), so a process that dies in between loses neither. Events the
 * user still carried leave with the deleted document's data.
 */
export async function deleteUserWithEvent(userId: string, email: string): Promise<void> {
  const _id = new Types.ObjectId(userId);
  const event = await recordWhenGone(
    'user.deleted',
    { id: userId, email },
    { collectionName: User.collection.collectionName, id: _id },
  );
  const removed = await User.collection.findOneAndDelete({ _id });
  if (!removed) return void (await dropEvent(event)); // deleted meanwhile, by the one who told it
  const user = removed as unknown as UserDocument & { pendingEvents?: PendingEvent[] };
  await recordEventsOf(user.pendingEvents ?? [], toProfile(user));
}
