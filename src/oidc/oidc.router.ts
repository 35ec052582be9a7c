import { Router, type RequestHandler, type Response } from 'express';
import { callerOf } from '../auth/require-auth';
import type { SessionTransport } from '../cookies/session-transport';
import { allowOnly, requireJson, validate } from '../http/validate';
import type { AuthResult } from '../openapi/response.schemas';
import type { OpenedSession } from '../sessions/sessions.service';
import type { IdentityService } from './identities.service';
import { exchangeSchema } from './oidc.schemas';
import type { OidcService } from './oidc.service';
import { checkedRedirect } from './oidc.redirect';
import type { FlowCookie } from './oidc-browser';

export type OidcRouterDeps = {
  oidc: OidcService;
  providerIds: string[];
  appUrl: string;
  flowCookie: FlowCookie;
  perAddress: RequestHandler;
  issue: (session: OpenedSession) => Promise<AuthResult>;
  transport: SessionTransport;
};

// a bare 302: Express's res.redirect adds a body ("Found. Redirecting to …") that only repeats the URL
const redirectTo = (res: Response, url: string) => void res.status(302).location(url).end();
const queryOf = (url: string) => new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');

/** Mounted at /auth/oidc: sign in through a provider. */
export function oidcRouter({
  oidc,
  providerIds,
  appUrl,
  flowCookie,
  perAddress,
  issue,
  transport,
}: OidcRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true });
  // for a sign-in page's buttons: the ids only, never an issuer's client settings
  router
    .route('/providers')
    .get((_req, res) => void res.json({ providers: providerIds.map((id) => ({ id })) }))
    .all(allowOnly('GET'));
  router
    .route('/:provider/start')
    .get(perAddress, async (req, res) => {
      const redirect = checkedRedirect(req.query.redirect, appUrl);
      const reauthenticate = req.query.reauthenticate === '1'; // v1.7: the provider proves the person again
      const { url, binding } = await oidc.start(req.params.provider, redirect, undefined, reauthenticate);
      flowCookie.set(res, binding);
      redirectTo(res, url);
    })
    .all(allowOnly('GET'));
  router
    .route('/:provider/callback')
    .get(async (req, res) => {
      // the flow cookie stays (600 s): the exchange of the code it leads to asks for it
      redirectTo(res, await oidc.callback(req.params.provider, queryOf(req.originalUrl), flowCookie.of(req)));
    })
    .all(allowOnly('GET'));
  router
    .route('/exchange')
    .post(requireJson, perAddress, validate(exchangeSchema), async (req, res) => {
      // the flow cookie is left to expire: its flow and its code are spent, neither works again
      const answer = await oidc.exchange(req.body.code, flowCookie.of(req), req.get('user-agent'));
      transport.send(req, res, 'mfaRequired' in answer ? answer : await issue(answer));
    })
    .all(allowOnly('POST'));
  return router;
}

export type IdentitiesRouterDeps = {
  oidc: OidcService;
  identities: IdentityService;
  appUrl: string;
  flowCookie: FlowCookie;
  requireAuth: RequestHandler;
  requirePrivileged: RequestHandler;
};

/** Mounted at /user/identities: the signed-in user's identities at the providers. */
export function identitiesRouter({
  oidc,
  identities,
  appUrl,
  flowCookie,
  requireAuth,
  requirePrivileged,
}: IdentitiesRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/')
    .get(requireAuth, async (_req, res) => void res.json(await identities.list(callerOf(res).userId)))
    .all(allowOnly('GET'));
  router
    .route('/:provider/start')
    .post(requirePrivileged, async (req, res) => {
      const { url, binding } = await oidc.start(
        req.params.provider,
        checkedRedirect(req.query.redirect, appUrl),
        callerOf(res).userId,
      );
      flowCookie.set(res, binding); // the page's fetch keeps it: only this browser can finish the link
      res.json({ url });
    })
    .all(allowOnly('POST'));
  router
    .route('/:provider')
    .delete(requirePrivileged, async (req, res) => {
      await identities.unlink(callerOf(res), req.params.provider);
      res.status(204).end();
    })
    .all(allowOnly('DELETE'));
  return router;
}
