import { route } from '../http/route';
import {
  createdWebhookSchema,
  createWebhookSchema,
  deliveriesQuery,
  deliveryPageSchema,
  secretExample,
  secretSchema,
  webhookExample,
  webhookPathSchema,
  webhookSchema,
} from './webhooks.schemas';

/** The webhook endpoints of the admin API (contract v1.8): each behind an admin key, every action audited. */
export const webhooksRoutes = [
  route({
    method: 'post',
    path: '/admin/webhooks',
    summary: 'Add a webhook endpoint; its signing secret is shown this once',
    guard: 'adminKey',
    body: {
      schema: createWebhookSchema,
      example: { url: webhookExample.url, events: webhookExample.events, description: webhookExample.description },
    },
    answer: {
      status: 201,
      description: 'The endpoint and its secret',
      schema: createdWebhookSchema,
      example: { ...webhookExample, secret: secretExample },
    },
    errors: [400],
    handle:
      ({ webhooks }) =>
      async (req, res) =>
        void res.status(201).json(await webhooks.create(req.body)),
  }),
  route({
    method: 'get',
    path: '/admin/webhooks',
    summary: 'The webhook endpoints, never a secret',
    guard: 'adminKey',
    answer: { status: 200, description: 'The endpoints', schema: webhookSchema.array(), example: [webhookExample] },
    errors: [],
    handle:
      ({ webhooks }) =>
      async (_req, res) =>
        void res.json(await webhooks.list()),
  }),
  route({
    method: 'delete',
    path: '/admin/webhooks/{id}',
    summary: 'Remove a webhook endpoint: nothing more is sent to it',
    guard: 'adminKey',
    params: webhookPathSchema,
    answer: { status: 204, description: 'Removed' },
    errors: [404],
    handle:
      ({ webhooks }) =>
      async (req, res) => {
        await webhooks.remove(req.params.id);
        res.status(204).end();
      },
  }),
  route({
    method: 'post',
    path: '/admin/webhooks/{id}/secret',
    summary: 'A new signing secret; for 24 hours messages carry both signatures',
    guard: 'adminKey',
    params: webhookPathSchema,
    answer: { status: 200, description: 'The new secret', schema: secretSchema, example: { secret: secretExample } },
    errors: [404],
    handle:
      ({ webhooks }) =>
      async (req, res) =>
        void res.json(await webhooks.rotateSecret(req.params.id)),
  }),
  route({
    method: 'get',
    path: '/admin/webhooks/{id}/deliveries',
    summary: "An endpoint's deliveries, newest first",
    guard: 'adminKey',
    params: webhookPathSchema,
    query: deliveriesQuery,
    answer: {
      status: 200,
      description: 'A page of deliveries and the cursor of the next (null at the end)',
      schema: deliveryPageSchema,
      example: {
        deliveries: [
          {
            messageId: 'msg_2b1XUq0zE7o3kTq9',
            type: 'user.created',
            attempts: 1,
            status: 'delivered',
            lastStatusCode: 200,
            nextAttemptAt: null,
          },
        ],
        nextCursor: null,
      },
    },
    errors: [404],
    handle:
      ({ webhooks }) =>
      async (req, res) =>
        void res.json(await webhooks.deliveries(req.params.id, req.query)),
  }),
];
