import type { SessionTransport } from '../cookies/session-transport';
import type { AuthResult } from '../openapi/response.schemas';
import { Router, type RequestHandler } from 'express';
import { callerOf } from '../auth/require-auth';
import { allowOnly, requireJson, validate } from '../http/validate';
import type { OpenedSession } from '../sessions/sessions.service';
import type { PasskeyLogin } from './passkey-login';
import { passkeyLoginSchema, passkeyOptionsSchema, registerPasskeySchema } from './passkeys.schemas';
import type { PasskeyService } from './passkeys.service';

/** Mounted at /user/passkeys: the signed-in user's passkeys. */
export function passkeysRouter(
  passkeys: PasskeyService,
  requireAuth: RequestHandler,
  requirePrivileged: RequestHandler,
): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/options')
    .post(
      requirePrivileged,
      async (_req, res) => void res.json(await passkeys.registrationOptions(callerOf(res).userId)),
    )
    .all(allowOnly('POST'));
  router
    .route('/')
    .get(requireAuth, async (_req, res) => void res.json(await passkeys.list(callerOf(res).userId)))
    .post(
      requirePrivileged,
      requireJson,
      validate(registerPasskeySchema),
      async (req, res) => void res.status(201).json(await passkeys.register(callerOf(res).userId, req.body)),
    )
    .all(allowOnly('GET', 'POST'));
  router
    .route('/:id')
    .delete(requirePrivileged, async (req, res) => {
      await passkeys.remove(callerOf(res).userId, String(req.params.id));
      res.status(204).end();
    })
    .all(allowOnly('DELETE'));
  return router;
}

export type PasskeyLoginRouterDeps = {
  passkeyLogin: PasskeyLogin;
  perAddress: RequestHandler;
  issue: (session: OpenedSession) => Promise<AuthResult>;
  transport: SessionTransport;
};

/** Mounted at /auth/passkey: a login with a passkey alone. */
export function passkeyLoginRouter({ passkeyLogin, perAddress, issue, transport }: PasskeyLoginRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/options')
    .post(
      requireJson,
      perAddress,
      validate(passkeyOptionsSchema),
      async (req, res) => void res.json(await passkeyLogin.options(req.body.email)),
    )
    .all(allowOnly('POST'));
  router
    .route('/')
    .post(requireJson, perAddress, validate(passkeyLoginSchema), async (req, res) => {
      const answer = await passkeyLogin.logIn(req.body, req.get('user-agent'));
      transport.send(req, res, 'mfaRequired' in answer ? answer : await issue(answer)); // v1.7: TOTP on, no user verification
    })
    .all(allowOnly('POST'));
  return router;
}
