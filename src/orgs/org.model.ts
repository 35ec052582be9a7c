import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { pendingEventsField, type PendingEvent } from '../webhooks/events';

export const ROLES = ['owner', 'admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

// The members live in their organization's document, with a count of its owners beside them: every change of
// membership is one atomic update of one document, so that "never without an owner" is a condition of that
// update (ownerCount > 1), not a read before a write that a parallel request could overtake.
const memberSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, enum: ROLES, required: true },
    joinedAt: { type: Date, required: true },
  },
  { _id: false },
);

const organizationSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 100 },
    slug: { type: String, required: true, unique: true, maxlength: 48 },
    members: { type: [memberSchema], default: [] },
    ownerCount: { type: Number, required: true, default: 0 },
    pendingEvents: pendingEventsField, // its webhook events until the relay takes them (src/orgs/org-events.ts)
  },
  { timestamps: true, versionKey: false },
);
organizationSchema.index({ 'members.userId': 1 });

export type Member = { userId: Types.ObjectId; role: Role; joinedAt: Date };
export type OrganizationDocument = Omit<InferSchemaType<typeof organizationSchema>, 'members' | 'pendingEvents'> & {
  _id: Types.ObjectId;
  members: Member[];
  pendingEvents?: PendingEvent[];
  createdAt: Date;
  updatedAt: Date;
};
export const Organization = model('Organization', organizationSchema);

export type OrgRef = { _id: Types.ObjectId; name: string; slug: string };
/** How a webhook event names an organization. */
export const organizationRef = (org: OrgRef) => ({ id: org._id.toString(), name: org.name, slug: org.slug });

// One per pending invitation: only the hash of its token is kept. One per organization and address: a new
// invitation to the same address replaces the old one (its token dies with it).
const invitationSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true, maxlength: 254 },
    role: { type: String, enum: ROLES, required: true },
    tokenHash: { type: String, required: true, unique: true },
    invitedBy: { type: Schema.Types.ObjectId, default: null },
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
invitationSchema.index({ orgId: 1, email: 1 }, { unique: true });

export type InvitationDocument = InferSchemaType<typeof invitationSchema> & { _id: Types.ObjectId; createdAt: Date };
export const Invitation = model('Invitation', invitationSchema);
