import { Router, type RequestHandler } from 'express';
import { callerOf } from '../auth/require-auth';
import { allowOnly, requireJson, validate } from '../http/validate';
import type { RecoveryService } from './recovery.service';
import { changeEmailSchema, forgotPasswordSchema, resetPasswordSchema, verifyEmailSchema } from './recovery.schemas';

export type RecoveryRouterDeps = {
  recovery: RecoveryService;
  perAddress: RequestHandler;
  requireAuth: RequestHandler;
  requirePrivileged: RequestHandler;
};

// one body for every forgot answer, whether the account exists or not
const FORGOT_ANSWER = { message: 'If an account uses this address, a link to reset its password is on its way.' };
const RESEND_ANSWER = { message: 'If the address is not verified yet, a new link is on its way.' };
const CHANGE_ANSWER = {
  message: 'A link to confirm the new address is on its way; the address changes once it is used.',
};

/** Mounted at /auth: verify-email, verify-email/resend, password/forgot, password/reset. */
export function recoveryAuthRouter({ recovery, perAddress, requireAuth }: RecoveryRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true }); // another spelling of a path is 404
  const json = requireJson;
  router
    .route('/verify-email')
    .post(
      json,
      validate(verifyEmailSchema),
      async (req, res) => void res.json(await recovery.verifyEmail(req.body.token)),
    )
    .all(allowOnly('POST'));
  router
    .route('/verify-email/resend')
    .post(requireAuth, perAddress, async (_req, res) => {
      await recovery.resendVerification(callerOf(res).userId);
      res.status(202).json(RESEND_ANSWER);
    })
    .all(allowOnly('POST'));
  router
    .route('/password/forgot')
    .post(json, perAddress, validate(forgotPasswordSchema), async (req, res) => {
      await recovery.forgotPassword(req.body.email);
      res.status(202).json(FORGOT_ANSWER);
    })
    .all(allowOnly('POST'));
  router
    .route('/password/reset')
    .post(json, validate(resetPasswordSchema), async (req, res) => {
      await recovery.resetPassword(req.body);
      res.status(204).end();
    })
    .all(allowOnly('POST'));
  return router;
}

/** Mounted at /user: PUT and DELETE /user/email. */
export function recoveryUserRouter({ recovery, perAddress, requirePrivileged }: RecoveryRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true }); // another spelling of a path is 404
  router
    .route('/email')
    .put(requirePrivileged, requireJson, perAddress, validate(changeEmailSchema), async (req, res) => {
      await recovery.changeEmail(callerOf(res), req.body);
      res.status(202).json(CHANGE_ANSWER);
    })
    .delete(requirePrivileged, async (_req, res) => {
      await recovery.cancelEmailChange(callerOf(res));
      res.status(204).end();
    })
    .all(allowOnly('PUT', 'DELETE'));
  return router;
}
