import { auditEventExample } from '../audit/audit.schemas';
import { route } from '../http/route';
import {
  adminUserDetailSchema,
  adminUserSchema,
  auditPageSchema,
  auditQuery,
  listUsersQuery,
  toCursor,
  updateUserSchema,
  userPathSchema,
  userPageSchema,
} from './admin.schemas';

const nextCursor = (page: { id: string }[], limit: number) =>
  page.length === limit ? toCursor(page[page.length - 1].id) : null;

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

/** The operators' routes (contract v1.4): mounted only when ADMIN_API_KEYS is set, each behind an admin key. */
export const adminRoutes = [
  route({
    method: 'get',
    path: '/admin/users',
    summary: 'List users, newest first; email matches from the start',
    guard: 'adminKey',
    query: listUsersQuery,
    answer: {
      status: 200,
      description: 'A page of users and the cursor of the next (null at the end)',
      schema: userPageSchema,
      example: { users: [user], nextCursor: null },
    },
    errors: [],
    handle:
      ({ admin }) =>
      async (req, res) => {
        const users = await admin.listUsers(req.query);
        res.json({ users, nextCursor: nextCursor(users, req.query.limit) });
      },
  }),
  route({
    method: 'get',
    path: '/admin/users/{id}',
    summary: 'One user, with MFA, live sessions, organizations, passkeys and linked identities',
    guard: 'adminKey',
    params: userPathSchema,
    answer: {
      status: 200,
      description: 'The user',
      schema: adminUserDetailSchema,
      example: {
        ...user,
        mfa: false,
        sessions: 2,
        memberships: [
          { orgId: '6b1a0f5e8c1d2e3f4a5b6c7d', name: 'Acme', slug: 'acme', role: 'owner', joinedAt: user.createdAt },
        ],
        passkeys: 1,
        identities: [
          { provider: 'google', subject: '109876543210987654321', email: 'ada@example.com', linkedAt: user.createdAt },
        ],
      },
    },
    errors: [404],
    handle:
      ({ admin }) =>
      async (req, res) =>
        void res.json(await admin.getUser(req.params.id)),
  }),
  route({
    method: 'patch',
    path: '/admin/users/{id}',
    summary: 'Set premium, premiumEnds or disabled; disabling revokes every session',
    guard: 'adminKey',
    params: userPathSchema,
    body: { schema: updateUserSchema, example: { premium: true, premiumEnds: '2027-11-25T00:00:00.000Z' } },
    answer: { status: 200, description: 'The user as it is now', schema: adminUserSchema, example: user },
    errors: [404],
    handle:
      ({ admin }) =>
      async (req, res) =>
        void res.json(await admin.updateUser(req.params.id, req.body)),
  }),
  route({
    method: 'delete',
    path: '/admin/users/{id}/sessions',
    summary: 'Revoke every session of a user',
    guard: 'adminKey',
    params: userPathSchema,
    answer: { status: 204, description: 'Revoked' },
    errors: [404],
    handle:
      ({ admin }) =>
      async (req, res) => {
        await admin.revokeSessions(req.params.id);
        res.status(204).end();
      },
  }),
  route({
    method: 'get',
    path: '/admin/audit',
    summary: 'The audit log, newest first, filtered by user and type',
    guard: 'adminKey',
    query: auditQuery,
    answer: {
      status: 200,
      description: 'A page of events and the cursor of the next',
      schema: auditPageSchema,
      example: { events: [auditEventExample], nextCursor: null },
    },
    errors: [],
    handle:
      ({ audit }) =>
      async (req, res) => {
        const { cursor, ...query } = req.query;
        const [events] = await Promise.all([
          audit.list({ ...query, before: cursor }),
          audit.record({ type: 'admin.audit-read' }),
        ]);
        res.json({ events, nextCursor: nextCursor(events, query.limit) });
      },
  }),
];
