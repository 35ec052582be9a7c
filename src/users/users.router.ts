import { Router, type RequestHandler } from 'express';
import { callerOf, userOf, type AuthGuards } from '../auth/require-auth';
import { allowOnly, requireJson, validate } from '../http/validate';
import { sessionsRouter } from '../sessions/sessions.router';
import type { SessionService } from '../sessions/sessions.service';
import type { AccountService } from './account.service';
import { changePasswordSchema, deleteAccountSchema } from './users.schemas';
import { toProfile } from './users.service';

export type UsersRouterDeps = { account: AccountService; sessions: SessionService; guards: AuthGuards; perAddress: RequestHandler };

export function usersRouter({ account, sessions, guards, perAddress }: UsersRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true }); // /USER/MyProfile and /user/myprofile/ are 404
  const { requireAuth, requireAuthWithUser } = guards;
  router
    .route('/myprofile')
    .get(requireAuthWithUser, (_req, res) => void res.json(toProfile(userOf(res))))
    .delete(requireAuth, requireJson, perAddress, validate(deleteAccountSchema), async (req, res) => {
      await account.deleteAccount(callerOf(res), req.body);
      res.status(204).end();
    })
    .all(allowOnly('GET', 'DELETE'));
  router
    .route('/password')
    .put(requireAuth, requireJson, perAddress, validate(changePasswordSchema), async (req, res) => {
      await account.changePassword(callerOf(res), req.body);
      res.status(204).end();
    })
    .all(allowOnly('PUT'));
  router.use('/sessions', sessionsRouter(sessions, requireAuth));
  return router;
}
