import type { ScheduledEvent } from 'aws-lambda';
import mongoose from 'mongoose';
import { disconnectDatabase } from '../../src/db';
import { User } from '../../src/users/user.model';
import { WebhookDelivery } from '../../src/webhooks/webhook.models';
import { registerUser, testApp, TEST_MFA_KEY } from '../helpers/app';
import { testDatabaseUri } from '../helpers/database';
import { subscribe, webhookEnv } from '../webhooks/helpers';
import { Receiver } from '../webhooks/receiver';
import { lambdaContext } from './events';

// The scheduled webhook function as EventBridge invokes it every minute, over the API's database.
const scheduled: ScheduledEvent = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-12-03T08:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:123456789012:rule/authgate-dev-WebhooksEventsRuleSchedule1'],
  detail: {},
};
let handler: typeof import('../../src/webhooks/webhooks-lambda').handler;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await Receiver.start();
  // its own few variables only: no JWT secret, no mail. Outside production, as the receiver is plain http on
  // loopback (test/webhooks/delivery.test.ts holds the sender to the production rules)
  Object.assign(process.env, {
    NODE_ENV: 'test',
    MONGODB_URI: testDatabaseUri(),
    MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
    LOG_LEVEL: 'silent',
  });
  delete process.env.JWT_SECRET;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment is set, as Lambda does
  ({ handler } = require('../../src/webhooks/webhooks-lambda') as typeof import('../../src/webhooks/webhooks-lambda'));
  await handler(scheduled, lambdaContext()); // connects, with nothing to do yet
});
afterAll(async () => {
  await mongoose.connection.db?.dropDatabase().catch(() => undefined);
  await disconnectDatabase();
  await receiver.stop();
});

describe('the scheduled webhook function', () => {
  it('relays what the API recorded and sends it, signed: the API answered without waiting', async () => {
    const app = testApp(webhookEnv());
    const { id } = await subscribe(app, receiver, ['user.created', 'user.updated']);
    const user = await registerUser(app);
    expect(receiver.received).toHaveLength(0);

    const result = await handler(scheduled, lambdaContext());

    expect(result).toEqual({ relayed: 1, sent: 1 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].event).toMatchObject({ type: 'user.created', data: { email: user.email } });
    expect(receiver.received[0].verifiedBy).toHaveLength(1);
    const userId = (await User.findOne({ email: user.email }).lean())!._id.toString();
    expect(receiver.received[0].event.data.id).toBe(userId);
    expect(await WebhookDelivery.findOne({ endpointId: id }).lean()).toMatchObject({ status: 'delivered' });
  });

  it('sends nothing twice: a second invocation finds nothing due', async () => {
    const before = receiver.received.length;

    expect(await handler(scheduled, lambdaContext())).toEqual({ relayed: 0, sent: 0 });
    expect(receiver.received).toHaveLength(before);
  });
});
