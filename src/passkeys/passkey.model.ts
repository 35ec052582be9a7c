import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

// A WebAuthn credential: its public key and its signature counter. The credential id is unique across all
// accounts: one authenticator's credential belongs to one account only.
const passkeySchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    credentialId: { type: String, required: true, unique: true }, // base64url, as the browser sends it
    publicKey: { type: String, required: true }, // COSE, base64url
    counter: { type: Number, required: true, default: 0 },
    transports: { type: [String], default: [] },
    name: { type: String, required: true, maxlength: 64 },
    backedUp: { type: Boolean, default: false },
    lastUsedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

export type PasskeyDocument = InferSchemaType<typeof passkeySchema> & { _id: Types.ObjectId; createdAt: Date };
export const Passkey = model('Passkey', passkeySchema, 'passkeys');
