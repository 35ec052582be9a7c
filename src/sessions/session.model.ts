import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

// One document per login. Only hashes of refresh tokens are kept, never a token.
const sessionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    tokenHash: { type: String, required: true, unique: true },
    // every token this session has spent, with when: any of them presented again after the grace is a theft
    spentTokens: {
      type: [{ _id: false, hash: { type: String, required: true }, at: { type: Date, required: true } }],
      default: [],
    },
    lastUsedAt: { type: Date, required: true },
    idleExpiresAt: { type: Date, required: true, expires: 0 }, // the refresh token's lifetime after its last use
    maxExpiresAt: { type: Date, required: true, expires: 0 }, // the absolute limit after login
    revokedAt: { type: Date, default: null },
    userAgent: { type: String, default: null, maxlength: 256 },
    amr: { type: [String], default: ['pwd'] }, // how the login was proved, carried into every refreshed token
    // when the user last proved who they are in this session (login, MFA step, re-authentication); a refresh keeps it
    authTime: { type: Date, default: null },
    // the active organization (contract v1.9): its id goes into every token as `org`, while the user is a member
    orgId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
sessionSchema.index({ 'spentTokens.hash': 1 });

export type SessionDocument = InferSchemaType<typeof sessionSchema> & { _id: Types.ObjectId; createdAt: Date };
export const Session = model('Session', sessionSchema);
