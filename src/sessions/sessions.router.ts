import { Router, type RequestHandler } from 'express';
import { callerOf } from '../auth/require-auth';
import { notFound } from '../errors/http-error';
import { allowOnly } from '../http/validate';
import type { SessionService } from './sessions.service';

/** Mounted at /user/sessions; every route takes an access token of a live session. */
export function sessionsRouter(sessions: SessionService, requireAuth: RequestHandler): Router {
  const router = Router({ caseSensitive: true, strict: true }); // /USER/MyProfile and /user/myprofile/ are 404
  router
    .route('/')
    .get(requireAuth, async (_req, res) => {
      const { userId, sessionId } = callerOf(res);
      res.json(await sessions.list(userId, sessionId));
    })
    .delete(requireAuth, async (_req, res) => {
      await sessions.revokeAll(callerOf(res).userId);
      res.status(204).end();
    })
    .all(allowOnly('GET', 'DELETE'));
  router
    .route('/:id')
    .delete(requireAuth, async (req, res) => {
      const revoked = await sessions.revoke(String(req.params.id), callerOf(res).userId);
      if (!revoked) throw notFound('SESSION_NOT_FOUND', 'No such live session of this user');
      res.status(204).end();
    })
    .all(allowOnly('DELETE'));
  return router;
}
