import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { WEBHOOK_EVENT_TYPES } from './events';

// An endpoint of the SaaS's other services. Its secrets are sealed under MFA_ENCRYPTION_KEY (src/mfa/secret-box.ts).
const endpointSchema = new Schema(
  {
    url: { type: String, required: true },
    events: { type: [String], enum: WEBHOOK_EVENT_TYPES, required: true },
    description: { type: String, default: null },
    secret: { type: String, required: true },
    previousSecret: { type: String, default: null }, // signs too until previousSecretUntil: a rotation's overlap
    previousSecretUntil: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

// One message to one endpoint. `nextAttemptAt` is also the claim: a sender moves it a lease ahead, in the same
// findOneAndUpdate that finds it due, so that no other process takes the attempt meanwhile.
const deliverySchema = new Schema(
  {
    messageId: { type: String, required: true },
    endpointId: { type: Schema.Types.ObjectId, required: true },
    type: { type: String, required: true },
    body: { type: String, required: true }, // the JSON sent, the same on every attempt
    status: { type: String, enum: ['pending', 'delivered', 'failed'], required: true },
    attempts: { type: Number, default: 0 },
    lastStatusCode: { type: Number, default: null },
    nextAttemptAt: { type: Date, default: null },
    claim: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
deliverySchema.index({ messageId: 1, endpointId: 1 }, { unique: true }); // a relay that runs twice adds nothing
deliverySchema.index({ status: 1, nextAttemptAt: 1 });
deliverySchema.index({ endpointId: 1, _id: -1 });

// An event whose change removes its document (see recordWhenGone in ./relay.ts).
const eventSchema = new Schema(
  {
    _id: { type: String, required: true }, // the message id
    type: { type: String, required: true },
    at: { type: Date, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    whenGone: { type: { _id: false, collectionName: String, id: Schema.Types.ObjectId }, default: null },
  },
  { versionKey: false },
);

export type WebhookEndpointDocument = InferSchemaType<typeof endpointSchema> & { _id: Types.ObjectId };
export type WebhookDeliveryDocument = InferSchemaType<typeof deliverySchema> & { _id: Types.ObjectId };
export const WebhookEndpoint = model('WebhookEndpoint', endpointSchema, 'webhook_endpoints');
export const WebhookDelivery = model('WebhookDelivery', deliverySchema, 'webhook_deliveries');
export const WebhookEvent = model('WebhookEvent', eventSchema, 'webhook_events');
