import { Router, type RequestHandler } from 'express';
import type { AuditLog } from '../audit/audit.service';
import { callerOf, userOf, type AuthGuards } from '../auth/require-auth';
import { allowOnly, requireJson, validate } from '../http/validate';
import { sessionsRouter } from '../sessions/sessions.router';
import type { SessionService } from '../sessions/sessions.service';
import type { AccountService } from './account.service';
import { changePasswordSchema, deleteAccountSchema } from './users.schemas';
import { toProfile } from './users.service';

const ACTIVITY_EVENTS = 50;

export type UsersRouterDeps = {
  account: AccountService;
  sessions: SessionService;
  guards: AuthGuards;
  perAddress: RequestHandler;
  audit: AuditLog;
};

export function usersRouter({ account, sessions, guards, perAddress, audit }: UsersRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true }); // /USER/MyProfile and /user/myprofile/ are 404
  const { requireAuth, requireAuthWithUser, requirePrivileged } = guards;
  router
    .route('/myprofile')
    .get(requireAuthWithUser, (_req, res) => void res.json(toProfile(userOf(res))))
    .delete(requirePrivileged, requireJson, perAddress, validate(deleteAccountSchema), async (req, res) => {
      await account.deleteAccount(callerOf(res), req.body);
      res.status(204).end();
    })
    .all(allowOnly('GET', 'DELETE'));
  router
    .route('/password')
    .put(requirePrivileged, requireJson, perAddress, validate(changePasswordSchema), async (req, res) => {
      await account.changePassword(callerOf(res), req.body);
      res.status(204).end();
    })
    .all(allowOnly('PUT'));
  router.use('/sessions', sessionsRouter(sessions, requireAuth, audit));
  router
    .route('/activity')
    .get(requireAuth, async (_req, res) => void res.json(await audit.activityOf(callerOf(res).userId, ACTIVITY_EVENTS)))
    .all(allowOnly('GET'));
  return router;
}
