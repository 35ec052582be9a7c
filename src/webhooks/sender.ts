import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger';
import type { SecretBox } from '../mfa/secret-box';
import { postJson, SEND_TIMEOUT_MS } from './post';
import type { TargetRules } from './safe-target';
import { signatureHeader } from './signature';
import { WebhookDelivery, WebhookEndpoint, type WebhookDeliveryDocument } from './webhook.models';

/** After the first attempt: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; then the delivery is failed. */
export const RETRY_DELAYS_MS = [5, 300, 1800, 7200, 18000, 36000, 36000].map((seconds) => seconds * 1000);
// a claimed attempt not settled within this (its process died) is due again
const LEASE_MS = 60_000;

export type SenderDeps = {
  box: SecretBox;
  rules: TargetRules;
  logger: Logger;
  timeoutMs?: number;
  concurrency?: number;
};
export type DeliverOptions = { signal?: AbortSignal; until?: number };

type Claimed = WebhookDeliveryDocument & { claim: string };

/** Sends what is due: each attempt claimed atomically, so two processes never send the same attempt at once. */
export function createWebhookSender({ box, rules, logger, timeoutMs = SEND_TIMEOUT_MS, concurrency = 4 }: SenderDeps) {
  async function claim(): Promise<Claimed | null> {
    const now = new Date();
    const token = randomBytes(12).toString('base64url');
    return (await WebhookDelivery.collection.findOneAndUpdate(
      { status: 'pending', nextAttemptAt: { $lte: now } },
      { $set: { nextAttemptAt: new Date(now.getTime() + LEASE_MS), claim: token } },
      { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
    )) as Claimed | null;
  }

  async function attempt(delivery: Claimed, signal?: AbortSignal): Promise<void> {
    const endpoint = await WebhookEndpoint.findById(delivery.endpointId).lean();
    if (!endpoint) return settle(delivery, { status: 'failed', nextAttemptAt: null }); // deleted: nothing more to it
    const timestamp = Math.floor(Date.now() / 1000);
    const secrets = [
      endpoint.secret,
      ...(endpoint.previousSecretUntil! > new Date() ? [endpoint.previousSecret!] : []),
    ];
    const headers = {
      'webhook-id': delivery.messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(secrets.map(box.open), delivery.messageId, timestamp, delivery.body),
    };
    const statusCode = await postJson(endpoint.url, headers, delivery.body, { rules, timeoutMs, signal }).catch(
      (error: Error) => {
        if (signal?.aborted) return 'aborted' as const;
        logger.warn({ deliveryId: delivery._id, reason: error.message }, 'webhook attempt failed');
        return null;
      },
    );
    if (statusCode === 'aborted') return release(delivery); // shutting down: another run takes it at once
    const attempts = delivery.attempts + 1;
    if (statusCode !== null && statusCode >= 200 && statusCode < 300)
      return settle(delivery, { status: 'delivered', attempts, lastStatusCode: statusCode, nextAttemptAt: null });
    const delay = RETRY_DELAYS_MS[attempts - 1];
    await settle(delivery, {
      attempts,
      lastStatusCode: statusCode,
      ...(delay === undefined
        ? { status: 'failed', nextAttemptAt: null }
        : { nextAttemptAt: new Date(Date.now() + delay) }),
    });
  }

  // only the holder of the claim settles it: one that lost its lease meanwhile changes nothing
  async function settle(delivery: Claimed, fields: Record<string, unknown>): Promise<void> {
    await WebhookDelivery.collection.updateOne(
      { _id: delivery._id, claim: delivery.claim },
      { $set: { ...fields, claim: null } },
    );
  }

  const release = (delivery: Claimed) => settle(delivery, { nextAttemptAt: new Date() });

  /** Sends due attempts until none is left, the signal aborts, or `until` (epoch ms) has passed. */
  async function deliverDue({ signal, until = Infinity }: DeliverOptions = {}): Promise<number> {
    let sent = 0;
    const worker = async () => {
      while (!signal?.aborted && Date.now() < until) {
        const delivery = await claim();
        if (!delivery) return;
        // a failure of our own (MongoDB gone) leaves the claim to expire: the attempt is due again after the lease
        await attempt(delivery, signal).catch((error: unknown) =>
          logger.error({ err: error, deliveryId: delivery._id }, 'webhook attempt could not be settled'),
        );
        sent += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return sent;
  }

  return { deliverDue };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
