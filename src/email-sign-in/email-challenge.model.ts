import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

// One challenge per address: a newer request overwrites it, so the older link and code die with it. Only
// digests are kept: the link token's SHA-256, and the code's HMAC under MFA_ENCRYPTION_KEY (a million codes
// would be no secret behind a plain hash).
const emailChallengeSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, maxlength: 254 },
    userId: { type: Schema.Types.ObjectId, default: null }, // null: an unknown address (EMAIL_SIGN_UP=true)
    tokenHash: { type: String, required: true, index: true },
    codeHash: { type: String, required: true },
    tries: { type: Number, default: 0 }, // codes tried; the fifth wrong one ends the code
    expiresAt: { type: Date, required: true, expires: 0 }, // queries check it too: the stand-in never expires
    usedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export type EmailChallengeDocument = InferSchemaType<typeof emailChallengeSchema> & { _id: Types.ObjectId };
export const EmailChallenge = model('EmailChallenge', emailChallengeSchema, 'email_challenges');
