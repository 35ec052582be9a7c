import { z } from 'zod';
import { AUDIT_EVENT_TYPES } from '../audit/audit.model';
import { auditEventSchema } from '../audit/audit.schemas';
import { identityViewSchema } from '../oidc/oidc.schemas';
import { adminMembershipSchema } from '../orgs/orgs.schemas';
import { profileSchema } from '../users/users.schemas';

export const userIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a user id (24 hex digits)');
export const userPathSchema = z.object({ id: userIdSchema });

// A cursor is the base64url of the last id of a page: anything else is refused, not guessed at.
export const cursorSchema = z
  .string()
  .max(64)
  .transform((cursor, ctx) => {
    const id = Buffer.from(cursor, 'base64url').toString('utf8');
    if (/^[0-9a-f]{24}$/.test(id) && Buffer.from(id).toString('base64url') === cursor) return id;
    ctx.addIssue({ code: 'custom', message: 'is not a cursor this API gave out' });
    return z.NEVER;
  });
export const limitSchema = z.coerce.number().int().min(1).max(100).default(20);

export const listUsersQuery = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254).optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export const auditQuery = z.object({
  userId: userIdSchema.optional(),
  type: z.enum(AUDIT_EVENT_TYPES).optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});

export const updateUserSchema = z
  .object({
    premium: z.boolean().optional(),
    premiumEnds: z.string().datetime({ offset: true }).nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one of premium, premiumEnds, disabled')
  .meta({ minProperties: 1 }); // the document says it too

export const toCursor = (id: string) => Buffer.from(id).toString('base64url');

// what the admin routes answer
export const adminUserSchema = profileSchema.extend({ disabled: z.boolean() });
export const adminUserDetailSchema = adminUserSchema.extend({
  mfa: z.boolean().describe('TOTP is on'),
  sessions: z.number().int().describe('live sessions'),
  memberships: z.array(adminMembershipSchema).describe("the user's organizations and roles, oldest first"),
  // beyond contract v1.9, additive: what the console shows of the ways in besides the password
  passkeys: z.number().int().describe('passkeys registered'),
  identities: z.array(identityViewSchema).describe('identities linked at OIDC providers, oldest first'),
});
export const userPageSchema = z.object({ users: z.array(adminUserSchema), nextCursor: z.string().nullable() });
export const auditPageSchema = z.object({ events: z.array(auditEventSchema), nextCursor: z.string().nullable() });

export type UpdateUserInput = z.infer<typeof updateUserSchema>;
export type AdminUser = z.infer<typeof adminUserSchema>;
export type AdminUserDetail = z.infer<typeof adminUserDetailSchema>;
