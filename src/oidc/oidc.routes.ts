import type { Response } from 'express';
import { authResultExample } from '../auth/auth.schemas';
import { callerOf } from '../auth/require-auth';
import { loginAnswerSchema } from '../cookies/cookies.schemas';
import { route } from '../http/route';
import { checkedRedirect } from './oidc.redirect';
import {
  exchangeSchema,
  identityViewSchema,
  linkUrlSchema,
  providerListSchema,
  startQuerySchema,
} from './oidc.schemas';

// a bare 302: Express's res.redirect adds a body ("Found. Redirecting to …") that only repeats the URL
const redirectTo = (res: Response, url: string) => void res.status(302).location(url).end();
const queryOf = (url: string) => new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');

const identity = {
  provider: 'google',
  subject: '110169484474386276334',
  email: 'ada@example.com',
  linkedAt: '2026-11-25T09:00:00.000Z',
};
const fragmentErrors =
  "INVALID_STATE (unknown, expired, used, or another provider's state), PROVIDER_ERROR (the provider refused, " +
  'or its answer failed a check: signature, issuer, audience, expiry, nonce), SERVICE_UNAVAILABLE, EMAIL_REQUIRED, ' +
  'EMAIL_NOT_VERIFIED (a first sign-in whose provider did not verify the email, unless its entry says trustEmail), ' +
  'ACCOUNT_EXISTS, ACCOUNT_DISABLED, and when linking IDENTITY_TAKEN, ALREADY_LINKED';

/** Sign in with OpenID Connect, and the signed-in user's identities at the providers (contract v1.5). */
export const oidcRoutes = [
  route({
    method: 'get',
    path: '/auth/oidc/providers',
    summary: "The providers of OIDC_PROVIDERS a person can sign in with (ids only), for a page's buttons",
    answer: {
      status: 200,
      description: 'The configured providers; an empty list when there are none',
      schema: providerListSchema,
      example: { providers: [{ id: 'google' }] },
    },
    errors: [],
    // for a sign-in page's buttons: the ids only, never an issuer's client settings
    handle:
      ({ config }) =>
      (_req, res) =>
        void res.json({ providers: config.oidcProviders.map(({ id }) => ({ id })) }),
  }),
  route({
    method: 'get',
    path: '/auth/oidc/{provider}/start',
    summary: 'Sign in through a provider of OIDC_PROVIDERS: redirects the browser there',
    limits: ['perAddress'],
    query: startQuerySchema,
    answer: {
      status: 302,
      description:
        "To the provider's authorization endpoint (code flow, PKCE S256, state and nonce kept server-side " +
        'for 600 s); sets the httpOnly cookie authgate_oidc (SameSite=Lax, Path=/auth/oidc, 600 s) that binds ' +
        'the sign-in to this browser: the callback and the exchange need it',
    },
    errors: [404],
    handle:
      ({ oidc, flowCookie, config }) =>
      async (req, res) => {
        const redirect = checkedRedirect(req.query.redirect, config.appUrl);
        const reauthenticate = req.query.reauthenticate === '1'; // v1.7: the provider proves the person again
        const { url, binding } = await oidc.start(req.params.provider, redirect, undefined, reauthenticate);
        flowCookie.set(res, binding);
        redirectTo(res, url);
      },
  }),
  route({
    method: 'get',
    path: '/auth/oidc/{provider}/callback',
    summary: 'Where the provider sends the browser back (the redirect URI to register at the provider)',
    answer: {
      status: 302,
      description:
        'To APP_URL<redirect>#code=<one-time code> (for POST /auth/oidc/exchange), #linked=<provider> after a link, ' +
        `or #error=<code>: ${fragmentErrors}. Never a token in a URL.`,
    },
    errors: [404],
    handle:
      ({ oidc, flowCookie }) =>
      async (req, res) => {
        // the flow cookie stays: the exchange of the code it leads to asks for it
        redirectTo(res, await oidc.callback(req.params.provider, queryOf(req.originalUrl), flowCookie.of(req)));
      },
  }),
  route({
    method: 'post',
    path: '/auth/oidc/exchange',
    summary:
      "Trade the callback's one-time code (60 s, once, only with the flow's cookie authgate_oidc: from the browser " +
      'that ran the flow) for a session (amr fed), or the second step when TOTP is on',
    limits: ['perAddress'],
    transport: true,
    body: { schema: exchangeSchema, example: { code: 'Hx2V9o3bq0Y7m1Kf8Zr4Jd6Ls5Pw0Ea3Tn7Uc2Gi9Qk' } },
    answer: {
      status: 200,
      description: 'Logged in, or (TOTP on) a second factor is owed: POST /auth/mfa/verify',
      schema: loginAnswerSchema,
      example: authResultExample,
    },
    errors: [403],
    handle:
      ({ oidc, auth, transport, flowCookie }) =>
      async (req, res) => {
        // the flow cookie is left to expire: its flow and its code are spent, neither works again
        const answer = await oidc.exchange(req.body.code, flowCookie.of(req), req.get('user-agent'));
        transport.send(req, res, 'mfaRequired' in answer ? answer : await auth.issue(answer));
      },
  }),
  route({
    method: 'get',
    path: '/user/identities',
    summary: "The caller's identities at the providers",
    guard: 'token',
    answer: {
      status: 200,
      description: 'Identities, oldest link first',
      schema: identityViewSchema.array(),
      example: [identity],
    },
    errors: [],
    handle:
      ({ identities }) =>
      async (_req, res) =>
        void res.json(await identities.list(callerOf(res).userId)),
  }),
  route({
    method: 'post',
    path: '/user/identities/{provider}/start',
    summary: "Link an identity at a provider to the caller's account: the URL to send the browser to",
    guard: 'privileged',
    query: startQuerySchema,
    answer: {
      status: 200,
      description: "The provider's authorization URL; the callback answers #linked=<provider> or #error=<code>",
      schema: linkUrlSchema,
      example: { url: 'https://accounts.google.com/o/oauth2/v2/auth?client_id=…' },
    },
    errors: [404],
    handle:
      ({ oidc, flowCookie, config }) =>
      async (req, res) => {
        const redirect = checkedRedirect(req.query.redirect, config.appUrl);
        const { url, binding } = await oidc.start(req.params.provider, redirect, callerOf(res).userId);
        flowCookie.set(res, binding); // the page's fetch keeps it: only this browser can finish the link
        res.json({ url });
      },
  }),
  route({
    method: 'delete',
    path: '/user/identities/{provider}',
    summary: "Unlink the caller's identity at a provider",
    guard: 'privileged',
    answer: { status: 204, description: 'Unlinked' },
    errors: [404, 409],
    handle:
      ({ identities }) =>
      async (req, res) => {
        await identities.unlink(callerOf(res), req.params.provider);
        res.status(204).end();
      },
  }),
];
