import { Router, type RequestHandler } from 'express';
import { callerOf } from '../auth/require-auth';
import { allowOnly, requireJson, validate } from '../http/validate';
import { sessionsRouter } from '../sessions/sessions.router';
import type { SessionService } from '../sessions/sessions.service';
import type { AccountService } from './account.service';
import { changePasswordSchema, deleteAccountSchema } from './users.schemas';
import { getProfile } from './users.service';

export type UsersRouterDeps = { account: AccountService; sessions: SessionService; requireAuth: RequestHandler };

export function usersRouter({ account, sessions, requireAuth }: UsersRouterDeps): Router {
  const router = Router();
  router
    .route('/myprofile')
    .get(requireAuth, async (_req, res) => void res.json(await getProfile(callerOf(res).userId)))
    .delete(requireAuth, requireJson, validate(deleteAccountSchema), async (req, res) => {
      await account.deleteAccount(callerOf(res), req.body);
      res.status(204).end();
    })
    .all(allowOnly('GET', 'DELETE'));
  router
    .route('/password')
    .put(requireAuth, requireJson, validate(changePasswordSchema), async (req, res) => {
      await account.changePassword(callerOf(res), req.body);
      res.status(204).end();
    })
    .all(allowOnly('PUT'));
  router.use('/sessions', sessionsRouter(sessions, requireAuth));
  return router;
}
