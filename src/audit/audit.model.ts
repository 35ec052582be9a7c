import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

export const AUDIT_EVENT_TYPES = [
  'register',
  'login.succeeded',
  'login.failed',
  'login.blocked',
  'login.refused', // a right password on a disabled account
  'logout',
  'refresh.reused',
  'session.revoked',
  'sessions.revoked',
  'password.changed',
  'password.reset',
  'email.verified',
  'email.change-requested',
  'email.changed',
  'account.deleted',
  'mfa.totp-enabled',
  'mfa.totp-disabled',
  'mfa.recovery-codes-replaced',
  'mfa.verified',
  'mfa.failed',
  'passkey.added',
  'passkey.removed',
  'passkey.login',
  'oidc.login',
  'oidc.account-created',
  'identity.linked',
  'identity.unlinked',
  'reauthenticated',
  'reauthentication.failed',
  'email.change-cancelled',
  'email.login',
  'email.login-failed',
  'email.account-created',
  'admin.users-listed',
  'admin.user-read',
  'admin.user-updated',
  'admin.sessions-revoked',
  'admin.audit-read',
  'org.created',
  'org.updated',
  'org.deleted',
  'org.invitation-sent',
  'org.invitation-revoked',
  'org.invitation-accepted',
  'org.member-role-changed',
  'org.member-removed',
  'org.member-left',
  'org.ownership-passed',
  'admin.orgs-listed',
  'admin.org-read',
  'admin.webhook-created',
  'admin.webhooks-listed',
  'admin.webhook-deleted',
  'admin.webhook-secret-rotated',
  'admin.webhook-deliveries-read',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

// What happened, to whom, from where, by whom: never a password, token, code, secret or key.
const auditEventSchema = new Schema(
  {
    type: { type: String, required: true, enum: AUDIT_EVENT_TYPES },
    userId: { type: Schema.Types.ObjectId, default: null },
    sessionId: { type: Schema.Types.ObjectId, default: null },
    orgId: { type: Schema.Types.ObjectId, default: undefined }, // the organization an org.* event is about
    ip: { type: String, default: null },
    userAgent: { type: String, default: null },
    at: { type: Date, required: true },
    expiresAt: { type: Date, required: true, expires: 0 }, // at + AUDIT_RETENTION: a TTL index removes it
    actor: { type: String, required: true }, // 'user', 'system' or 'admin:<key fingerprint>'
  },
  { versionKey: false },
);
auditEventSchema.index({ userId: 1, _id: -1 });
auditEventSchema.index({ type: 1, _id: -1 });

export type AuditEventDocument = InferSchemaType<typeof auditEventSchema> & { _id: Types.ObjectId };
export const AuditEvent = model('AuditEvent', auditEventSchema, 'audit_events');
