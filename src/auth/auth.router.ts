import { Router, type RequestHandler } from 'express';
import type { AuditLog } from '../audit/audit.service';
import type { SessionTransport } from '../cookies/session-transport';
import { allowOnly, requireJson, validate } from '../http/validate';
import type { RateLimits } from '../limits/rate-limits';
import type { SessionService } from '../sessions/sessions.service';
import { loginSchema, reauthenticateSchema, refreshSchema, registerSchema } from './auth.schemas';
import type { AuthService } from './auth.service';
import type { Reauthentication } from './reauthentication';
import { callerOf } from './require-auth';

export type AuthRouterDeps = {
  auth: AuthService;
  sessions: SessionService;
  limits: RateLimits;
  requireAuth: RequestHandler;
  transport: SessionTransport;
  audit: AuditLog;
  reauthentication: Reauthentication;
};

export function authRouter({
  auth,
  sessions,
  limits,
  requireAuth,
  transport,
  audit,
  reauthentication,
}: AuthRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true }); // /USER/MyProfile and /user/myprofile/ are 404
  const { attemptsPerAddress: perAddress, registrationsPerAddress } = limits;
  const json = requireJson;
  router
    .route('/register')
    .post(json, perAddress, registrationsPerAddress, validate(registerSchema), async (req, res) =>
      transport.send(req, res, await auth.registerUser(req.body, req.get('user-agent')), 201),
    )
    .all(allowOnly('POST'));
  router
    .route('/login')
    .post(json, perAddress, validate(loginSchema), async (req, res) =>
      transport.send(req, res, await auth.logIn(req.body, req.get('user-agent'))),
    )
    .all(allowOnly('POST'));
  router
    .route('/refresh')
    .post(json, perAddress, transport.tokenFromCookie, validate(refreshSchema), async (req, res) =>
      transport.send(req, res, await auth.refresh(req.body.refreshToken)),
    )
    .all(allowOnly('POST'));
  router
    .route('/reauthenticate')
    .post(requireAuth, json, perAddress, validate(reauthenticateSchema), async (req, res) =>
      transport.send(req, res, await auth.issue(await reauthentication.reauthenticate(callerOf(res), req.body))),
    )
    .all(allowOnly('POST'));
  router
    .route('/logout')
    .post(requireAuth, async (req, res) => {
      const { userId, sessionId } = callerOf(res);
      await Promise.all([sessions.revoke(sessionId, userId), audit.record({ type: 'logout', userId, sessionId })]);
      transport.clear(req, res);
      res.status(204).end();
    })
    .all(allowOnly('POST'));
  return router;
}
