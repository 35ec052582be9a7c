import mongoose from 'mongoose';
import { toCursor } from '../admin/admin.schemas';
import type { AuditLog } from '../audit/audit.service';
import { badRequest, notFound } from '../errors/http-error';
import type { SecretBox } from '../mfa/secret-box';
import { checkTarget, TargetRefused, type TargetRules } from './safe-target';
import { newSecret } from './signature';
import { WebhookDelivery, WebhookEndpoint, type WebhookEndpointDocument } from './webhook.models';
import type { CreateWebhookInput, DeliveryPage, WebhookView } from './webhooks.schemas';

export type WebhookServiceDeps = { box: SecretBox; rules: TargetRules; audit: AuditLog };

// a rotated secret keeps signing beside the new one for this long, so receivers can switch without a gap
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

const webhookNotFound = () => notFound('WEBHOOK_NOT_FOUND', 'No such webhook');
const toView = (endpoint: WebhookEndpointDocument): WebhookView => ({
  id: endpoint._id.toString(),
  url: endpoint.url,
  events: endpoint.events,
  description: endpoint.description ?? null,
  createdAt: endpoint.createdAt.toISOString(),
});

/** The admin API's webhook endpoints (contract v1.8): secrets sealed at rest, shown once, never listed. */
export function createWebhookService({ box, rules, audit }: WebhookServiceDeps) {
  async function create(input: CreateWebhookInput): Promise<WebhookView & { secret: string }> {
    try {
      await checkTarget(input.url, rules);
    } catch (error) {
      if (!(error instanceof TargetRefused)) throw error;
      throw badRequest('INVALID_WEBHOOK_URL', `The webhook URL ${error.message}`);
    }
    const secret = newSecret();
    const endpoint = await WebhookEndpoint.create({
      url: input.url,
      events: [...new Set(input.events)],
      description: input.description ?? null,
      secret: box.seal(secret),
      createdAt: new Date(),
    });
    await audit.record({ type: 'admin.webhook-created' });
    return { ...toView(endpoint), secret };
  }

  async function list(): Promise<WebhookView[]> {
    const [endpoints] = await Promise.all([
      WebhookEndpoint.find({}).sort({ _id: 1 }).lean(),
      audit.record({ type: 'admin.webhooks-listed' }),
    ]);
    return endpoints.map(toView);
  }

  /** Nothing more is sent to it: its pending deliveries end as failed (a sender that holds one finds it gone). */
  async function remove(id: string): Promise<void> {
    const { deletedCount } = await WebhookEndpoint.deleteOne({ _id: id });
    if (deletedCount === 0) throw webhookNotFound();
    await Promise.all([
      WebhookDelivery.updateMany(
        { endpointId: id, status: 'pending' },
        { $set: { status: 'failed', nextAttemptAt: null } },
      ),
      audit.record({ type: 'admin.webhook-deleted' }),
    ]);
  }

  async function rotateSecret(id: string): Promise<{ secret: string }> {
    const endpoint = await WebhookEndpoint.findById(id).lean();
    if (!endpoint) throw webhookNotFound();
    const secret = newSecret();
    // only if no other rotation came first: the secret read above is the one that keeps signing
    const rotated = await WebhookEndpoint.updateOne(
      { _id: id, secret: endpoint.secret },
      {
        $set: {
          secret: box.seal(secret),
          previousSecret: endpoint.secret,
          previousSecretUntil: new Date(Date.now() + ROTATION_OVERLAP_MS),
        },
      },
    );
    if (rotated.matchedCount === 0) return rotateSecret(id);
    await audit.record({ type: 'admin.webhook-secret-rotated' });
    return { secret };
  }

  /** Newest first; `cursor` is the last delivery of the previous page. */
  async function deliveries(id: string, { limit, cursor }: { limit: number; cursor?: string }): Promise<DeliveryPage> {
    if (!(await WebhookEndpoint.exists({ _id: id }))) throw webhookNotFound();
    const filter = {
      endpointId: new mongoose.Types.ObjectId(id),
      ...(cursor ? { _id: mongoose.trusted({ $lt: new mongoose.Types.ObjectId(cursor) }) } : {}),
    };
    const [rows] = await Promise.all([
      WebhookDelivery.find(filter).sort({ _id: -1 }).limit(limit).lean(),
      audit.record({ type: 'admin.webhook-deliveries-read' }),
    ]);
    return {
      deliveries: rows.map((row) => ({
        messageId: row.messageId,
        type: row.type as DeliveryPage['deliveries'][number]['type'],
        attempts: row.attempts ?? 0,
        status: row.status,
        lastStatusCode: row.lastStatusCode ?? null,
        nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
      })),
      nextCursor: rows.length === limit ? toCursor(rows[rows.length - 1]._id.toString()) : null,
    };
  }

  return { create, list, remove, rotateSecret, deliveries };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
