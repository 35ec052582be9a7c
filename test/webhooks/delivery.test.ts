import type { Express } from 'express';
import { registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { freePort } from '../helpers/stand-in';
import { createSecretBox } from '../../src/mfa/secret-box';
import { RETRY_DELAYS_MS } from '../../src/webhooks/sender';
import { newSecret } from '../../src/webhooks/signature';
import { WebhookDelivery, WebhookEndpoint } from '../../src/webhooks/webhook.models';
import { TEST_MFA_KEY } from '../helpers/app';
import { deliveryPass, subscribe, webhookEnv } from './helpers';
import { Receiver } from './receiver';

useTestDatabase();
let app: Express;
beforeAll(() => {
  app = testApp(webhookEnv());
});

/** A receiver of its own, subscribed to user.created; and a registration to send it. */
async function arrange(port = 0) {
  const receiver = await Receiver.start(port);
  const endpoint = await subscribe(app, receiver, ['user.created']);
  return { receiver, endpoint };
}
const deliveriesTo = (endpointId: string) => WebhookDelivery.find({ endpointId }).lean();
/** Time passes: the delivery's next attempt is due now (instead of sleeping through the retry delay). */
const dueNow = (endpointId: string) =>
  WebhookDelivery.updateMany({ endpointId, status: 'pending' }, { $set: { nextAttemptAt: new Date() } });

describe('retries', () => {
  it('retries a 500 about 5 s later with the same webhook-id, and a 200 ends it', async () => {
    const { receiver, endpoint } = await arrange();
    let answers = [500, 200];
    receiver.behave = () => answers.shift() ?? 200;
    await registerUser(app);

    await deliveryPass()();
    const [afterFailure] = await deliveriesTo(endpoint.id);
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    const delay = afterFailure.nextAttemptAt!.getTime() - Date.now();
    expect(delay).toBeGreaterThan(3000);
    expect(delay).toBeLessThanOrEqual(5000);
    await deliveryPass()(); // not due yet: nothing sent
    expect(receiver.received).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, delay + 100));
    await deliveryPass()();

    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].id).toBe(receiver.received[0].id);
    expect(receiver.received[1].body).toBe(receiver.received[0].body);
    expect(receiver.received[1].verifiedBy).toHaveLength(1);
    expect((await deliveriesTo(endpoint.id))[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
    });
    answers = [];
    await receiver.stop();
  });

  it('keeps a message for a receiver that is down for a while, and delivers it once it is back', async () => {
    const port = await freePort();
    const { receiver, endpoint } = await arrange(port);
    await receiver.stop(); // down
    await registerUser(app);

    await deliveryPass()();
    await dueNow(endpoint.id);
    await deliveryPass()();
    const [meanwhile] = await deliveriesTo(endpoint.id);
    expect(meanwhile).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: null });

    const back = await Receiver.start(port);
    back.secrets = [endpoint.secret];
    await dueNow(endpoint.id);
    await deliveryPass()();

    expect(back.received).toHaveLength(1);
    expect(back.received[0].id).toBe(meanwhile.messageId);
    expect(back.received[0].verifiedBy).toEqual([endpoint.secret]);
    await back.stop();
  });

  it('gives up after the last of 7 retries (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h): failed', async () => {
    const { receiver, endpoint } = await arrange();
    receiver.behave = () => 503;
    await registerUser(app);
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);

    for (let attempt = 1; attempt <= 8; attempt += 1) {
      await dueNow(endpoint.id);
      await deliveryPass()();
    }
    await dueNow(endpoint.id);
    await deliveryPass()();

    expect(receiver.received).toHaveLength(8);
    expect(new Set(receiver.received.map((message) => message.id)).size).toBe(1);
    expect((await deliveriesTo(endpoint.id))[0]).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastStatusCode: 503,
      nextAttemptAt: null,
    });
    await receiver.stop();
  });

  it('follows no redirect: a 302 is a failed attempt', async () => {
    const { receiver, endpoint } = await arrange();
    receiver.behave = () => 302;
    await registerUser(app);

    await deliveryPass()();

    expect(receiver.received).toHaveLength(1);
    expect((await deliveriesTo(endpoint.id))[0]).toMatchObject({ status: 'pending', lastStatusCode: 302 });
    await receiver.stop();
  });
});

describe('receivers that misbehave', () => {
  it('gives up on a receiver that never answers after the timeout, and tries again later', async () => {
    const { receiver, endpoint } = await arrange();
    receiver.behave = () => 'hang';
    await registerUser(app);

    await deliveryPass({ timeoutMs: 300 })();

    expect(receiver.received).toHaveLength(1);
    expect((await deliveriesTo(endpoint.id))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: null,
    });
    await receiver.stop();
  });

  it('takes the status of a receiver that answers 10 MB without reading it all', async () => {
    const { receiver, endpoint } = await arrange();
    receiver.behave = () => 'huge';
    await registerUser(app);

    await deliveryPass()();

    expect((await deliveriesTo(endpoint.id))[0]).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
    await receiver.stop();
  });
});

describe('production settings, checked where the connection is made', () => {
  const box = createSecretBox(Buffer.from(TEST_MFA_KEY, 'base64'));

  // an endpoint that was accepted once (its name resolved to a public address then) and points inward now
  async function endpointAt(url: string) {
    const receiver = await Receiver.start();
    const target = url.replace('PORT', String(receiver.port));
    const endpoint = await WebhookEndpoint.create({
      url: target,
      events: ['user.created'],
      secret: box.seal(newSecret()),
      createdAt: new Date(),
    });
    return { receiver, id: endpoint._id.toString() };
  }

  it.each([
    ['an address on loopback', 'http://127.0.0.1:PORT/hooks'],
    ['a name that resolves to loopback (DNS rebinding)', 'http://localhost:PORT/hooks'],
  ])('sends nothing to %s when private addresses are not allowed', async (_what, url) => {
    const { receiver, id } = await endpointAt(url);
    await registerUser(app);

    await deliveryPass({ production: true, allowHttp: true })();

    expect(receiver.received).toHaveLength(0);
    expect((await deliveriesTo(id))[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    await receiver.stop();
  });
});
