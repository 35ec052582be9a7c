import mongoose, { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { pendingEventsField } from '../webhooks/events';

const userSchema = new Schema(
  {
    name: { type: String, default: null, maxlength: 100 },
    email: { type: String, required: true, unique: true, trim: true, lowercase: true, maxlength: 254 },
    password: { type: String, select: false }, // none for an account made by an OIDC sign-in (until a reset sets one)
    // set by every password change: a login that checked the password before it must not open a session
    passwordChangedAt: { type: Date, default: null },
    // sealed secrets and hashed codes only (src/mfa/secret-box.ts); never read unless asked for
    mfa: {
      type: {
        _id: false,
        pendingSecret: { type: String, default: null }, // enrolled, not yet confirmed by a code
        totpSecret: { type: String, default: null }, // confirmed: TOTP is on
        lastStep: { type: Number, default: 0 }, // the newest time step accepted: no code works twice
        recoveryCodes: { type: [String], default: undefined },
      },
      select: false,
    },
    emailVerified: { type: Boolean, default: false },
    // the address a change (PUT /user/email) waits to be confirmed for: only its newest link works, and only
    // while it is set
    pendingEmail: { type: String, default: null, maxlength: 254 },
    disabled: { type: Boolean, default: false }, // by an operator: no login, no session
    premium: { type: Boolean, default: false },
    premiumEnds: { type: Date, default: null },
    // webhook events recorded by the write that made their change, until the relay takes them (src/webhooks/)
    pendingEvents: pendingEventsField,
  },
  { timestamps: true, versionKey: false },
);

// the relay's query (src/webhooks/relay.ts): only documents with an event waiting are in this index
userSchema.index({ 'pendingEvents.id': 1 }, { sparse: true });

export type UserDocument = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const User = model('User', userSchema);

// Login's reads go through the driver (a fixed filter of our own, the email already a validated string):
// mongoose's Query cost more CPU than the read itself (docs/benchmarks.md)
const userRows = () => User.collection as unknown as mongoose.mongo.Collection<UserDocument>;

/** The account an email names, with its password hash and second factors: login's one read before bcrypt. */
export const findForLogin = (email: string) => userRows().findOne({ email });

/** The user still exists, is not disabled, and its password has not changed since `seen` was read. */
export async function credentialsUnchanged(seen: Pick<UserDocument, '_id' | 'passwordChangedAt'>): Promise<boolean> {
  const filter = { _id: seen._id, passwordChangedAt: seen.passwordChangedAt ?? null, disabled: { $ne: true } };
  return (await userRows().findOne(filter, { projection: { _id: 1 } })) !== null;
}

/** Sets a new password hash and marks the change, in one write. */
export async function setPasswordHash(userId: string, password: string): Promise<void> {
  await User.updateOne({ _id: userId }, { $set: { password, passwordChangedAt: new Date() } });
}
