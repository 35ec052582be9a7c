import {
  exchangeSchema,
  identityViewSchema,
  linkUrlSchema,
  providerListSchema,
  startQuerySchema,
} from '../oidc/oidc.schemas';
import { loginAnswerSchema } from './mfa.routes';
import type { RouteDoc } from './openapi.routes';

const tokens = {
  auth: true,
  token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6IjZiMDUi...',
  refreshToken: 'k7Qm0x1U3T0eV6Y8Zr2nq4G9b0cP5Jd7Wf1Ls3Ha8Ei',
  expiresIn: 604800,
};
const identity = {
  provider: 'google',
  subject: '110169484474386276334',
  email: 'ada@example.com',
  linkedAt: '2026-11-25T09:00:00.000Z',
};
const fragmentErrors =
  "INVALID_STATE (unknown, expired, used, or another provider's state), PROVIDER_ERROR (the provider refused, or its answer failed a check: signature, issuer, audience, expiry, nonce), SERVICE_UNAVAILABLE, EMAIL_REQUIRED, EMAIL_NOT_VERIFIED (a first sign-in whose provider did not verify the email, unless its entry says trustEmail), ACCOUNT_EXISTS, ACCOUNT_DISABLED, and when linking IDENTITY_TAKEN, ALREADY_LINKED";

/** Sign in with OpenID Connect, and the signed-in user's identities (contract v1.5). */
export const oidcRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/auth/oidc/providers',
    summary: "The providers of OIDC_PROVIDERS a person can sign in with (ids only), for a page's buttons",
    success: {
      status: 200,
      description: 'The configured providers; an empty list when there are none',
      schema: providerListSchema,
      example: { providers: [{ id: 'google' }] },
    },
    errors: [],
  },
  {
    method: 'get',
    path: '/auth/oidc/{provider}/start',
    summary: 'Sign in through a provider of OIDC_PROVIDERS: redirects the browser there',
    limited: true,
    query: startQuerySchema,
    success: {
      status: 302,
      description:
        "To the provider's authorization endpoint (code flow, PKCE S256, state and nonce kept server-side for 600 s); sets the httpOnly cookie authgate_oidc (SameSite=Lax, Path=/auth/oidc, 600 s) that binds the sign-in to this browser: the callback and the exchange need it",
    },
    errors: [404],
  },
  {
    method: 'get',
    path: '/auth/oidc/{provider}/callback',
    summary: 'Where the provider sends the browser back (the redirect URI to register at the provider)',
    success: {
      status: 302,
      description: `To APP_URL<redirect>#code=<one-time code> (for POST /auth/oidc/exchange), #linked=<provider> after a link, or #error=<code>: ${fragmentErrors}. Never a token in a URL.`,
    },
    errors: [404],
  },
  {
    method: 'post',
    path: '/auth/oidc/exchange',
    summary:
      "Trade the callback's one-time code (60 s, once, only with the flow's cookie authgate_oidc: from the browser that ran the flow) for a session (amr fed), or the second step when TOTP is on",
    limited: true,
    transport: true,
    body: { schema: exchangeSchema, example: { code: 'Hx2V9o3bq0Y7m1Kf8Zr4Jd6Ls5Pw0Ea3Tn7Uc2Gi9Qk' } },
    success: {
      status: 200,
      description: 'Logged in, or (TOTP on) a second factor is owed: POST /auth/mfa/verify',
      schema: loginAnswerSchema,
      example: tokens,
    },
    errors: [403],
  },
  {
    method: 'get',
    path: '/user/identities',
    summary: "The caller's identities at the providers",
    auth: true,
    success: {
      status: 200,
      description: 'Identities, oldest link first',
      schema: identityViewSchema.array(),
      example: [identity],
    },
    errors: [],
  },
  {
    method: 'post',
    path: '/user/identities/{provider}/start',
    summary: "Link an identity at a provider to the caller's account: the URL to send the browser to",
    auth: true,
    privileged: true,
    query: startQuerySchema,
    success: {
      status: 200,
      description: "The provider's authorization URL; the callback answers #linked=<provider> or #error=<code>",
      schema: linkUrlSchema,
      example: { url: 'https://accounts.google.com/o/oauth2/v2/auth?client_id=…' },
    },
    errors: [404],
  },
  {
    method: 'delete',
    path: '/user/identities/{provider}',
    summary: "Unlink the caller's identity at a provider",
    auth: true,
    privileged: true,
    success: { status: 204, description: 'Unlinked' },
    errors: [404, 409],
  },
];
