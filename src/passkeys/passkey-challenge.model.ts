import { model, Schema } from 'mongoose';

// A WebAuthn challenge, kept server-side: good for 300 s, for one ceremony, spent by one atomic update.
const passkeyChallengeSchema = new Schema(
  {
    challengeId: { type: String, required: true, unique: true }, // what a login's client sends back
    challenge: { type: String, required: true, index: true }, // base64url, signed inside clientDataJSON
    ceremony: { type: String, required: true, enum: ['register', 'login'] },
    // the user it was made for; null: none (or an unknown email)
    userId: { type: Schema.Types.ObjectId, default: null },
    anyUser: { type: Boolean, default: false }, // a discoverable login without email: the credential names the user
    expiresAt: { type: Date, required: true, expires: 0 },
    usedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export const PasskeyChallenge = model('PasskeyChallenge', passkeyChallengeSchema, 'passkey_challenges');
