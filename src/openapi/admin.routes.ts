import {
  adminUserDetailSchema,
  adminUserSchema,
  auditEventSchema,
  auditPageSchema,
  auditQuery,
  listUsersQuery,
  updateUserSchema,
  userPageSchema,
} from '../admin/admin.schemas';
import type { RouteDoc } from './openapi.routes';

const user = {
  id: '6b05aeb3e31649e5290a5c1c',
  name: 'Ada',
  email: 'ada@example.com',
  premium: true,
  premiumEnds: '2027-11-25T00:00:00.000Z',
  createdAt: '2026-11-24T15:35:15.639Z',
  updatedAt: '2026-11-25T09:00:00.000Z',
  disabled: false,
};
const event = {
  id: '6b06e51f868dc3b5b08b25c0',
  type: 'login.succeeded',
  userId: user.id,
  sessionId: null,
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0',
  at: '2026-11-25T09:00:00.000Z',
  actor: 'user',
};

/** The user's own activity and the operators' routes (contract v1.4). */
export const adminRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/user/activity',
    summary: "The caller's own last 50 audit events, newest first",
    auth: true,
    success: {
      status: 200,
      description:
        "Events; an operator's action shows as actor `admin`, with ip and userAgent null (never the operator's address, user agent or key fingerprint)",
      schema: auditEventSchema.array(),
      example: [event],
    },
    errors: [],
  },
  {
    method: 'get',
    path: '/admin/users',
    summary: 'List users, newest first; email matches from the start',
    admin: true,
    query: listUsersQuery,
    success: {
      status: 200,
      description: 'A page of users and the cursor of the next (null at the end)',
      schema: userPageSchema,
      example: { users: [user], nextCursor: null },
    },
    errors: [],
  },
  {
    method: 'get',
    path: '/admin/users/{id}',
    summary: 'One user, with MFA and live sessions',
    admin: true,
    success: {
      status: 200,
      description: 'The user',
      schema: adminUserDetailSchema,
      example: { ...user, mfa: false, sessions: 2 },
    },
    errors: [404],
  },
  {
    method: 'patch',
    path: '/admin/users/{id}',
    summary: 'Set premium, premiumEnds or disabled; disabling revokes every session',
    admin: true,
    body: { schema: updateUserSchema, example: { premium: true, premiumEnds: '2027-11-25T00:00:00.000Z' } },
    success: { status: 200, description: 'The user as it is now', schema: adminUserSchema, example: user },
    errors: [404],
  },
  {
    method: 'delete',
    path: '/admin/users/{id}/sessions',
    summary: 'Revoke every session of a user',
    admin: true,
    success: { status: 204, description: 'Revoked' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/admin/audit',
    summary: 'The audit log, newest first, filtered by user and type',
    admin: true,
    query: auditQuery,
    success: {
      status: 200,
      description: 'A page of events and the cursor of the next',
      schema: auditPageSchema,
      example: { events: [event], nextCursor: null },
    },
    errors: [],
  },
];
