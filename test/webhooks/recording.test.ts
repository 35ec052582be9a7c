import { Types } from 'mongoose';
import { registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { User } from '../../src/users/user.model';
import { recordWhenGone, relayEvents } from '../../src/webhooks/relay';
import { WebhookDelivery, WebhookEvent } from '../../src/webhooks/webhook.models';
import { subscribe, webhookEnv } from './helpers';
import { Receiver } from './receiver';

// The record of an event and its relay, without a receiver in the way: what the database holds at each step.
useTestDatabase();
const app = testApp(webhookEnv());
let receiver: Receiver;
let endpointId: string;
beforeAll(async () => {
  receiver = await Receiver.start();
  endpointId = (await subscribe(app, receiver, ['user.created', 'user.deleted'])).id;
});
afterAll(() => receiver.stop());

const pendingOf = async (email: string) =>
  (await User.findOne({ email }).select('+pendingEvents').lean())?.pendingEvents ?? [];

describe('recording and relaying events', () => {
  it('keeps the event on the user, written with it, until a relay moves it to one delivery per endpoint', async () => {
    const user = await registerUser(app);
    const [event] = await pendingOf(user.email);
    expect(event).toMatchObject({ type: 'user.created', id: expect.stringMatching(/^msg_/) });

    await relayEvents();

    expect(await pendingOf(user.email)).toEqual([]);
    expect(await WebhookDelivery.find({ messageId: event.id }).lean()).toMatchObject([
      { endpointId: new Types.ObjectId(endpointId), status: 'pending' },
    ]);
  });

  it('adds each delivery once when relays run in parallel (two processes)', async () => {
    const user = await registerUser(app);
    const [event] = await pendingOf(user.email);

    await Promise.all([relayEvents(), relayEvents(), relayEvents()]);

    expect(await WebhookDelivery.countDocuments({ messageId: event.id })).toBe(1);
  });

  it('holds an event recorded before a deletion while the document is there, and sends it once it is gone', async () => {
    const user = await registerUser(app);
    const found = (await User.findOne({ email: user.email }).lean())!;
    const id = await recordWhenGone(
      'user.deleted',
      { id: found._id.toString(), email: user.email },
      { collectionName: 'users', id: found._id },
    );

    await relayEvents(); // the process died before the deletion, or the deletion is on its way
    expect(await WebhookEvent.exists({ _id: id })).not.toBeNull();
    expect(await WebhookDelivery.exists({ messageId: id })).toBeNull();

    await User.deleteOne({ _id: found._id });
    await relayEvents();

    expect(await WebhookEvent.exists({ _id: id })).toBeNull();
    expect(await WebhookDelivery.findOne({ messageId: id }).lean()).toMatchObject({ type: 'user.deleted' });
  });

  it('drops an event whose deletion never happened, 10 minutes on', async () => {
    const user = await registerUser(app);
    const found = (await User.findOne({ email: user.email }).lean())!;
    const id = await recordWhenGone('user.deleted', {}, { collectionName: 'users', id: found._id });

    await relayEvents(new Date(Date.now() + 11 * 60_000));

    expect(await WebhookEvent.exists({ _id: id })).toBeNull();
    expect(await WebhookDelivery.exists({ messageId: id })).toBeNull();
    expect(await User.exists({ _id: found._id })).not.toBeNull();
  });
});
