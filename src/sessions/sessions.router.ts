import { Router, type RequestHandler } from 'express';
import type { AuditLog } from '../audit/audit.service';
import { callerOf } from '../auth/require-auth';
import { notFound } from '../errors/http-error';
import { allowOnly } from '../http/validate';
import type { SessionService } from './sessions.service';

/** Mounted at /user/sessions; every route takes an access token of a live session. */
export function sessionsRouter(sessions: SessionService, requireAuth: RequestHandler, audit: AuditLog): Router {
  const router = Router({ caseSensitive: true, strict: true }); // /USER/MyProfile and /user/myprofile/ are 404
  router
    .route('/')
    .get(requireAuth, async (_req, res) => {
      const { userId, sessionId } = callerOf(res);
      res.json(await sessions.list(userId, sessionId));
    })
    .delete(requireAuth, async (_req, res) => {
      const caller = callerOf(res);
      await Promise.all([
        sessions.logOutEverywhere(caller.userId),
        audit.record({ type: 'sessions.revoked', ...caller }),
      ]);
      res.status(204).end();
    })
    .all(allowOnly('GET', 'DELETE'));
  router
    .route('/:id')
    .delete(requireAuth, async (req, res) => {
      const { userId } = callerOf(res);
      const revoked = await sessions.revoke(String(req.params.id), userId);
      if (!revoked) throw notFound('SESSION_NOT_FOUND', 'No such live session of this user');
      await audit.record({ type: 'session.revoked', userId, sessionId: String(req.params.id) });
      res.status(204).end();
    })
    .all(allowOnly('DELETE'));
  return router;
}
