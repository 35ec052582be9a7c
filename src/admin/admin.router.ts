import { Router } from 'express';
import type { AuditLog } from '../audit/audit.service';
import { badRequest } from '../errors/http-error';
import { allowOnly, requireJson, validate } from '../http/validate';
import { requireAdminKey } from './admin-auth';
import { auditQuery, listUsersQuery, toCursor, updateUserSchema, userIdSchema } from './admin.schemas';
import type { AdminService } from './admin.service';
import type { z } from 'zod';

export type AdminRouterDeps = { admin: AdminService; audit: AuditLog; keys: string[] };

/** The query string, parsed and typed, or 400 VALIDATION_FAILED. */
function queryOf<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  throw badRequest(
    'VALIDATION_FAILED',
    'The query is not valid',
    result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(query)', message: issue.message })),
  );
}

const userIdOf = (id: unknown) => queryOf(userIdSchema, id);
const nextCursor = (page: { id: string }[], limit: number) =>
  page.length === limit ? toCursor(page[page.length - 1].id) : null;

/** Mounted at /admin only when ADMIN_API_KEYS is set. */
export function adminRouter({ admin, audit, keys }: AdminRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true });
  const key = requireAdminKey(keys); // on each route: another spelling of a path is 404, not 401
  router
    .route('/users')
    .get(key, async (req, res) => {
      const query = queryOf(listUsersQuery, req.query);
      const users = await admin.listUsers(query);
      res.json({ users, nextCursor: nextCursor(users, query.limit) });
    })
    .all(allowOnly('GET'));
  router
    .route('/users/:id')
    .get(key, async (req, res) => void res.json(await admin.getUser(userIdOf(req.params.id))))
    .patch(
      key,
      requireJson,
      validate(updateUserSchema),
      async (req, res) => void res.json(await admin.updateUser(userIdOf(req.params.id), req.body)),
    )
    .all(allowOnly('GET', 'PATCH'));
  router
    .route('/users/:id/sessions')
    .delete(key, async (req, res) => {
      await admin.revokeSessions(userIdOf(req.params.id));
      res.status(204).end();
    })
    .all(allowOnly('DELETE'));
  router
    .route('/audit')
    .get(key, async (req, res) => {
      const { cursor, ...query } = queryOf(auditQuery, req.query);
      const [events] = await Promise.all([
        audit.list({ ...query, before: cursor }),
        audit.record({ type: 'admin.audit-read' }),
      ]);
      res.json({ events, nextCursor: nextCursor(events, query.limit) });
    })
    .all(allowOnly('GET'));
  return router;
}
