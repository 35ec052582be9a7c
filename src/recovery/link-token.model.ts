import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

export const LINK_PURPOSES = ['verify-email', 'change-email', 'reset-password'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

// One document per mailed link. Only the SHA-256 of the token is kept; `email` is the address the link was
// mailed to (for change-email: the new address it will set).
const linkTokenSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    purpose: { type: String, enum: LINK_PURPOSES, required: true },
    tokenHash: { type: String, required: true, unique: true },
    email: { type: String, required: true, maxlength: 254 },
    expiresAt: { type: Date, required: true, expires: 0 }, // queries check it too: the stand-in never expires
    usedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

export type LinkTokenDocument = InferSchemaType<typeof linkTokenSchema> & { _id: Types.ObjectId; purpose: LinkPurpose };
export const LinkToken = model('LinkToken', linkTokenSchema);
