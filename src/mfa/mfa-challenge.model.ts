import { model, Schema } from 'mongoose';

// A login half done: the password was right, a second factor is owed. Only the mfaToken's hash is kept.
const mfaChallengeSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    passwordChangedAt: { type: Date, default: null }, // as the login saw it: a change since kills the step
    expiresAt: { type: Date, required: true, expires: 0 },
    usedAt: { type: Date, default: null },
    userAgent: { type: String, default: null },
    amr: { type: [String], default: undefined }, // how the first step was made; none: a password
  },
  { versionKey: false },
);

export const MfaChallenge = model('MfaChallenge', mfaChallengeSchema, 'mfa_challenges');
