import type { Express } from 'express';
import { adminAuth } from '../admin/admin-helpers';
import { registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { WebhookEndpoint } from '../../src/webhooks/webhook.models';
import { deliveryPass, subscribe, webhookEnv } from './helpers';
import { Receiver } from './receiver';

useTestDatabase();
let app: Express;
let receiver: Receiver;
beforeAll(async () => {
  app = testApp(webhookEnv());
  receiver = await Receiver.start();
});
afterAll(() => receiver.stop());

describe('a secret rotation (POST /admin/webhooks/:id/secret)', () => {
  it('signs with both secrets for 24 hours, each verifying on its own, then with the new one only', async () => {
    const { id, secret: old } = await subscribe(app, receiver, ['user.created']);
    const { secret: fresh } = (await request(app).post(`/admin/webhooks/${id}/secret`).set(adminAuth()).expect(200))
      .body as { secret: string };
    receiver.secrets = [old, fresh];

    await registerUser(app);
    await deliveryPass()();
    const during = receiver.received[0];

    expect(during.signature.split(' ')).toHaveLength(2);
    expect(during.verifiedBy).toEqual([old, fresh]);
    const stored = await WebhookEndpoint.findById(id).lean();
    const overlap = stored!.previousSecretUntil!.getTime() - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3600_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3600_000);

    // 24 hours later: the rotation's date moved back instead of waiting
    await WebhookEndpoint.updateOne({ _id: id }, { $set: { previousSecretUntil: new Date(Date.now() - 1000) } });
    await registerUser(app);
    await deliveryPass()();
    const after = receiver.received[1];

    expect(after.signature.split(' ')).toHaveLength(1);
    expect(after.verifiedBy).toEqual([fresh]);
  });
});
