import { Router, type RequestHandler } from 'express';
import { callerOf } from '../auth/require-auth';
import { allowOnly, requireJson, validate } from '../http/validate';
import type { MfaLogin } from './mfa-login';
import { confirmTotpSchema, mfaVerifySchema, secondFactorSchema, startTotpSchema } from './mfa.schemas';
import type { MfaService } from './mfa.service';
import type { SessionTransport } from '../cookies/session-transport';
import type { AuthResult } from '../openapi/response.schemas';
import type { OpenedSession } from '../sessions/sessions.service';

export type MfaRouterDeps = {
  mfa: MfaService;
  requireAuth: RequestHandler;
  requirePrivileged: RequestHandler;
  perAddress: RequestHandler;
};

/** Mounted at /user/mfa: the signed-in user's second factors. */
export function mfaRouter({ mfa, requireAuth, requirePrivileged, perAddress }: MfaRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/')
    .get(requireAuth, async (_req, res) => void res.json(await mfa.status(callerOf(res).userId)))
    .all(allowOnly('GET'));
  router
    .route('/totp')
    .post(
      requirePrivileged,
      requireJson,
      perAddress,
      validate(startTotpSchema),
      async (req, res) => void res.json(await mfa.startTotp(callerOf(res), req.body.password)),
    )
    .delete(requirePrivileged, requireJson, perAddress, validate(secondFactorSchema), async (req, res) => {
      await mfa.disableTotp(callerOf(res), req.body);
      res.status(204).end();
    })
    .all(allowOnly('POST', 'DELETE'));
  router
    .route('/totp/confirm')
    .post(
      requirePrivileged,
      requireJson,
      validate(confirmTotpSchema),
      async (req, res) => void res.json({ recoveryCodes: await mfa.confirmTotp(callerOf(res), req.body.code) }),
    )
    .all(allowOnly('POST'));
  router
    .route('/recovery-codes')
    .post(
      requirePrivileged,
      requireJson,
      perAddress,
      validate(secondFactorSchema),
      async (req, res) => void res.json({ recoveryCodes: await mfa.replaceRecoveryCodes(callerOf(res), req.body) }),
    )
    .all(allowOnly('POST'));
  return router;
}

export type MfaLoginRouterDeps = {
  mfaLogin: MfaLogin;
  perAddress: RequestHandler;
  issue: (session: OpenedSession) => Promise<AuthResult>;
  transport: SessionTransport;
};

/** Mounted at /auth/mfa: the second step of a login. */
export function mfaLoginRouter({ mfaLogin, perAddress, issue, transport }: MfaLoginRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/verify')
    .post(requireJson, perAddress, validate(mfaVerifySchema), async (req, res) =>
      transport.send(req, res, await issue(await mfaLogin.verify(req.body, req.get('user-agent')))),
    )
    .all(allowOnly('POST'));
  return router;
}
