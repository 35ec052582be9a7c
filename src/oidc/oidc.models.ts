import { model, Schema } from 'mongoose';

// A sign-in on its way through the provider: kept server-side, found by the hash of its `state`, used once.
const oidcFlowSchema = new Schema(
  {
    stateHash: { type: String, required: true, unique: true },
    provider: { type: String, required: true },
    nonce: { type: String, required: true },
    codeVerifier: { type: String, required: true },
    redirect: { type: String, required: true }, // a relative path of APP_URL
    linkUserId: { type: Schema.Types.ObjectId, default: null }, // set: link to this signed-in account
    reauthenticate: { type: Boolean, default: false }, // the provider must prove the person again, just now
    browserHash: { type: String, default: null }, // a sign-in's: the hash of its browser's cookie (oidc-browser.ts)
    expiresAt: { type: Date, required: true, expires: 0 },
    usedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
export const OidcFlow = model('OidcFlow', oidcFlowSchema, 'oidc_flows');

// The one-time code the callback hands the browser (in the URL fragment) for POST /auth/oidc/exchange.
const oidcCodeSchema = new Schema(
  {
    codeHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    provider: { type: String, required: true },
    browserHash: { type: String, required: true }, // the flow's: only the browser holding that flow cookie exchanges it
    expiresAt: { type: Date, required: true, expires: 0 },
    usedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
export const OidcCode = model('OidcCode', oidcCodeSchema, 'oidc_codes');

// An account's identity at a provider: (provider, subject) belongs to one account, an account has one per provider.
const identitySchema = new Schema(
  {
    provider: { type: String, required: true },
    subject: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, default: null },
    linkedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
identitySchema.index({ provider: 1, subject: 1 }, { unique: true });
identitySchema.index({ userId: 1, provider: 1 }, { unique: true });
export const Identity = model('Identity', identitySchema, 'identities');
