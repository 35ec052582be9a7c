import { listUsersQuery, toCursor } from '../admin/admin.schemas';
import { route } from '../http/route';
import { adminOrgDetailSchema, adminOrgSchema, orgPathSchema } from './orgs.schemas';
import { z } from 'zod';

const adminOrg = {
  id: '6b1a0f5e8c1d2e3f4a5b6c7d',
  name: 'Acme',
  slug: 'acme',
  createdAt: '2026-12-01T09:00:00.000Z',
};
const listOrgsQuery = listUsersQuery
  .omit({ email: true })
  .extend({ slug: z.string().trim().toLowerCase().min(1).max(48).optional() });
const orgPageSchema = z.object({ orgs: z.array(adminOrgSchema), nextCursor: z.string().nullable() });

/** The operators' reads of organizations (contract v1.9), behind an admin key as every /admin route. */
export const orgsAdminRoutes = [
  route({
    method: 'get',
    path: '/admin/orgs',
    summary: 'List organizations, newest first; slug matches from the start',
    guard: 'adminKey',
    query: listOrgsQuery,
    answer: {
      status: 200,
      description: 'A page of organizations and the cursor of the next (null at the end)',
      schema: orgPageSchema,
      example: { orgs: [{ ...adminOrg, members: 3 }], nextCursor: null },
    },
    errors: [],
    handle:
      ({ orgAdmin }) =>
      async (req, res) => {
        const orgs = await orgAdmin.list(req.query);
        const last = orgs.length === req.query.limit ? orgs[orgs.length - 1] : undefined;
        res.json({ orgs, nextCursor: last ? toCursor(last.id) : null });
      },
  }),
  route({
    method: 'get',
    path: '/admin/orgs/{id}',
    summary: 'One organization with its members',
    guard: 'adminKey',
    params: orgPathSchema,
    answer: {
      status: 200,
      description: 'The organization',
      schema: adminOrgDetailSchema,
      example: {
        ...adminOrg,
        members: [
          {
            userId: '6b05aeb3e31649e5290a5c1c',
            name: 'Ada',
            email: 'ada@example.com',
            role: 'owner',
            joinedAt: adminOrg.createdAt,
          },
        ],
      },
    },
    errors: [404],
    handle:
      ({ orgAdmin }) =>
      async (req, res) =>
        void res.json(await orgAdmin.get(req.params.id)),
  }),
];
