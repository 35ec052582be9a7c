import { z } from 'zod';
import { emailSchema } from '../auth/auth.schemas';
import { ROLES } from './org.model';

const dateTime = z.string().datetime({ offset: true });
const objectId = (what: string) => z.string().regex(/^[0-9a-f]{24}$/i, `must be ${what} id (24 hex digits)`);

export const orgIdSchema = objectId('an organization');
export const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,48}$/, 'must be 2 to 48 lower-case letters, digits and dashes');
const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\x00-\x1f\x7f]*$/, 'must not contain control characters'); // eslint-disable-line no-control-regex
const roleSchema = z.enum(ROLES);

export const orgPathSchema = z.object({ id: orgIdSchema });
export const memberPathSchema = z.object({ id: orgIdSchema, userId: objectId('a user') });
export const invitationPathSchema = z.object({ id: orgIdSchema, invitationId: objectId('an invitation') });

export const createOrgSchema = z.object({ name: nameSchema, slug: slugSchema.optional() });
export const updateOrgSchema = z
  .object({ name: nameSchema.optional(), slug: slugSchema.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'give a name or a slug')
  .meta({ minProperties: 1 });
export const inviteSchema = z.object({ email: emailSchema, role: z.enum(['member', 'admin']) });
export const acceptSchema = z.object({ token: z.string().min(1).max(128) });
export const changeRoleSchema = z.object({ role: roleSchema });

export type CreateOrgInput = z.infer<typeof createOrgSchema>;
export type UpdateOrgInput = z.infer<typeof updateOrgSchema>;
export type InviteInput = z.infer<typeof inviteSchema>;

// what the routes answer
export const orgSummarySchema = z.object({ id: z.string(), name: z.string(), slug: z.string(), role: roleSchema });
export const orgSchema = orgSummarySchema.extend({ createdAt: dateTime });
export const memberViewSchema = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  role: roleSchema,
  joinedAt: dateTime,
});
export const orgDetailSchema = orgSchema.extend({ members: z.array(memberViewSchema) });
export const invitationViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  expiresAt: dateTime,
});
export const membershipSchema = orgSummarySchema.extend({ joinedAt: dateTime });

export type OrgSummary = z.infer<typeof orgSummarySchema>;
export type OrgView = z.infer<typeof orgSchema>;
export type MemberView = z.infer<typeof memberViewSchema>;
export type OrgDetail = z.infer<typeof orgDetailSchema>;
export type InvitationView = z.infer<typeof invitationViewSchema>;
export type MembershipView = z.infer<typeof membershipSchema>;

// the admin API's view: no caller, so no role; the members as they are
export const adminOrgSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  createdAt: dateTime,
  members: z.number().int(),
});
export const adminOrgDetailSchema = adminOrgSchema
  .omit({ members: true })
  .extend({ members: z.array(memberViewSchema) });
export const adminMembershipSchema = z.object({
  orgId: z.string(),
  name: z.string(),
  slug: z.string(),
  role: roleSchema,
  joinedAt: dateTime,
});
export type AdminOrg = z.infer<typeof adminOrgSchema>;
export type AdminOrgDetail = z.infer<typeof adminOrgDetailSchema>;
export type AdminMembership = z.infer<typeof adminMembershipSchema>;
