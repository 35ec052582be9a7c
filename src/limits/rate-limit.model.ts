import { model, Schema } from 'mongoose';

// The documents of rate-limiter-flexible's MongoDB store. Declared here so that its indexes are built with
// ours before the first request (the unique key is what keeps concurrent upserts to one counter).
const rateLimitSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    points: { type: Number, required: true },
    expire: { type: Date, default: null, expires: 0 },
  },
  { versionKey: false },
);

export const RATE_LIMIT_COLLECTION = 'rate_limits';
export const RateLimit = model('RateLimit', rateLimitSchema, RATE_LIMIT_COLLECTION);
