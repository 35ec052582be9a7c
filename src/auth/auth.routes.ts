import { loginAnswerSchema, sessionAnswerSchema } from '../cookies/cookies.schemas';
import { route } from '../http/route';
import { pendingVerificationSchema } from '../recovery/recovery.schemas';
import { authResultExample, loginSchema, reauthenticateSchema, refreshSchema, registerSchema } from './auth.schemas';
import { callerOf } from './require-auth';

const credentials = { email: 'ada@example.com', password: 'correct horse' };

/** Register, log in, refresh and log out (contract v1, v1.1). */
export const authRoutes = [
  route({
    method: 'post',
    path: '/auth/register',
    summary: 'Register a user; opens a session',
    limits: ['perAddress', 'registrations'],
    transport: true,
    body: { schema: registerSchema, example: { name: 'Ada', ...credentials } },
    answer: {
      status: 201,
      description:
        'Registered and logged in; a verification link is mailed. ' +
        'With REQUIRE_VERIFIED_EMAIL=true: `{ auth: false, emailVerificationRequired: true }`, no tokens',
      schema: sessionAnswerSchema.or(pendingVerificationSchema),
      example: authResultExample,
    },
    errors: [409],
    handle:
      ({ auth, transport }) =>
      async (req, res) =>
        transport.send(req, res, await auth.registerUser(req.body, req.get('user-agent')), 201),
  }),
  route({
    method: 'post',
    path: '/auth/login',
    summary: 'Log in; opens a session',
    limits: ['perAddress'],
    transport: true,
    body: { schema: loginSchema, example: credentials },
    answer: {
      status: 200,
      description: 'Logged in, or (TOTP on) a second factor is owed: POST /auth/mfa/verify',
      schema: loginAnswerSchema,
      example: authResultExample,
    },
    errors: [401, 403],
    handle:
      ({ auth, transport }) =>
      async (req, res) =>
        transport.send(req, res, await auth.logIn(req.body, req.get('user-agent'))),
  }),
  route({
    method: 'post',
    path: '/auth/refresh',
    summary: 'Trade a refresh token (body or cookie) for new tokens (rotation)',
    limits: ['perAddress'],
    transport: true,
    cookie: 'reads',
    body: { schema: refreshSchema, example: { refreshToken: authResultExample.refreshToken }, optional: true },
    answer: {
      status: 200,
      description:
        'New access token and a NEW refresh token (a refresh by cookie answers with a new cookie). With ' +
        '`organizationId` the tokens carry `org` and `org_role` from now on (null: no organization)',
      schema: sessionAnswerSchema,
      example: authResultExample,
    },
    errors: [401, 403],
    handle:
      ({ auth, transport }) =>
      async (req, res) =>
        transport.send(req, res, await auth.refresh(req.body.refreshToken, req.body.organizationId)),
  }),
  route({
    method: 'post',
    path: '/auth/reauthenticate',
    summary:
      'Prove who you are again in this session (password, + code when TOTP is on, or a passkey): a privileged session',
    guard: 'token',
    limits: ['perAddress'],
    transport: true,
    body: { schema: reauthenticateSchema, example: { password: 'correct horse', code: '123456' } },
    answer: {
      status: 200,
      description:
        'The same session with a new auth_time (PRIVILEGED_SESSION_MAX_AGE starts again): a new access token and ' +
        'a NEW refresh token, as a refresh answers. A password-less account re-authenticates through its ' +
        'provider: GET /auth/oidc/{provider}/start?reauthenticate=1',
      schema: sessionAnswerSchema,
      example: authResultExample,
    },
    errors: [],
    handle:
      ({ auth, reauthentication, transport }) =>
      async (req, res) =>
        transport.send(req, res, await auth.issue(await reauthentication.reauthenticate(callerOf(res), req.body))),
  }),
  route({
    method: 'post',
    path: '/auth/logout',
    summary: 'Revoke this session (and clear the refresh cookie)',
    guard: 'token',
    cookie: 'clears',
    answer: { status: 204, description: 'Revoked' },
    errors: [],
    handle:
      ({ sessions, audit, transport }) =>
      async (req, res) => {
        const { userId, sessionId } = callerOf(res);
        await Promise.all([sessions.revoke(sessionId, userId), audit.record({ type: 'logout', userId, sessionId })]);
        transport.clear(req, res);
        res.status(204).end();
      },
  }),
];
