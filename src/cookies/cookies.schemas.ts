import { z } from 'zod';
import { authResultSchema } from '../auth/auth.schemas';
import { mfaRequiredSchema } from '../mfa/mfa.schemas';
import { SESSION_COOKIE } from './session-cookie';
import { TRANSPORT_HEADER, TRANSPORTS } from './session-transport';

/** The answer of the cookie transport: the refresh token went into the cookie, not the body. */
export const cookieAuthResultSchema = authResultSchema
  .omit({ refreshToken: true })
  .describe(
    `with ${TRANSPORT_HEADER}: cookie (and a refresh by cookie): the refresh token is in the ${SESSION_COOKIE} cookie`,
  );

/** What a route that opens or renews a session answers, by transport. */
export const sessionAnswerSchema = z.union([
  authResultSchema.describe('the JSON transport (default)'),
  cookieAuthResultSchema,
]);

const cookieAttributes =
  "HttpOnly; SameSite=Strict; Path=/auth (below APP_URL's path); Secure unless APP_URL is plain http://localhost " +
  'outside production';

/** What a login answers: a session, or (TOTP on) the second step that is owed. */
export const loginAnswerSchema = sessionAnswerSchema.or(mfaRequiredSchema);

/** The OpenAPI pieces of the two transports (the document gathers them). */
export const transportDocs = {
  header: {
    name: TRANSPORT_HEADER,
    in: 'header',
    required: false,
    schema: { type: 'string', enum: TRANSPORTS, default: 'json' },
    description:
      `\`json\` (the default): the refresh token is in the body. \`cookie\`: it is set as the httpOnly cookie ` +
      `\`${SESSION_COOKIE}\` and left out of the body (for browser apps). Any other value: 400 VALIDATION_FAILED.`,
  },
  cookie: {
    name: SESSION_COOKIE,
    in: 'cookie',
    required: false,
    schema: { type: 'string' },
    description:
      'Read when the body has no refresh token (no body, or `{}`); the request must then carry an allowed `Origin` ' +
      "(the app's own or one of CORS_ORIGINS), else 403 CSRF_REJECTED. A body token wins.",
  },
  setCookie: {
    description:
      `With the cookie transport: \`${SESSION_COOKIE}=<refresh token>; ${cookieAttributes}; ` +
      `Max-Age=<REFRESH_TOKEN_TTL>\``,
    schema: { type: 'string' },
  },
  clearCookie: {
    description:
      `When the request carried the cookie: \`${SESSION_COOKIE}=; Max-Age=0; ` + `${cookieAttributes}\` clears it`,
    schema: { type: 'string' },
  },
};
