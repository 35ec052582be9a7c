import { z } from 'zod';
import { cursorSchema, limitSchema } from '../admin/admin.schemas';
import { WEBHOOK_EVENT_TYPES } from './events';

const dateTime = z.string().datetime({ offset: true });

export const createWebhookSchema = z
  .object({
    url: z.string().trim().min(1).max(2048),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
    description: z.string().trim().max(200).optional(),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const webhookPathSchema = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/i, 'must be a webhook id') });

export const deliveriesQuery = z.object({ limit: limitSchema, cursor: cursorSchema.optional() });

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: z.string().nullable(),
  createdAt: dateTime,
});
export const createdWebhookSchema = webhookSchema.extend({
  secret: z.string().describe('whsec_ + base64 of 32 random bytes: shown this once'),
});
export const secretSchema = z.object({ secret: z.string() });
export const deliveryPageSchema = z.object({
  deliveries: z.array(
    z.object({
      messageId: z.string(),
      type: z.enum(WEBHOOK_EVENT_TYPES),
      attempts: z.number().int(),
      status: z.enum(['pending', 'delivered', 'failed']),
      lastStatusCode: z.number().int().nullable(),
      nextAttemptAt: dateTime.nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export type WebhookView = z.infer<typeof webhookSchema>;
export type DeliveryPage = z.infer<typeof deliveryPageSchema>;

export const webhookExample = {
  id: '6b0a1c2e9f1e4c3b2a190807',
  url: 'https://orders.example.com/webhooks/authgate',
  events: ['user.created', 'user.deleted'],
  description: 'orders service',
  createdAt: '2026-12-01T09:00:00.000Z',
};
export const secretExample = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5HyKc5Q4tYo=';
