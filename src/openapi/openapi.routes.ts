import type { z } from 'zod';
import { loginSchema, reauthenticateSchema, refreshSchema, registerSchema } from '../auth/auth.schemas';
import {
  acceptedSchema,
  changeEmailSchema,
  emailVerifiedSchema,
  forgotPasswordSchema,
  pendingVerificationSchema,
  resetPasswordSchema,
  verifyEmailSchema,
} from '../recovery/recovery.schemas';
import { changePasswordSchema, deleteAccountSchema } from '../users/users.schemas';
import { adminRouteDocs } from './admin.routes';
import { sessionAnswerSchema } from '../cookies/cookies.schemas';
import { keysRouteDocs } from './keys.routes';
import { loginAnswerSchema, mfaRouteDocs } from './mfa.routes';
import { passkeyRouteDocs } from './passkeys.routes';
import { oidcRouteDocs } from './oidc.routes';
import { healthSchema, profileSchema, readySchema, sessionViewSchema } from './response.schemas';

export type RouteDoc = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  auth?: boolean; // takes an access token
  privileged?: boolean; // and a privileged session: 403 REAUTHENTICATION_REQUIRED when its auth_time is too old
  admin?: boolean; // takes an admin API key (ADMIN_API_KEYS)
  query?: z.ZodObject; // query parameters
  limited?: boolean; // counted by the rate limits
  body?: { schema: z.ZodType; example: object; optional?: boolean };
  transport?: boolean; // takes X-Session-Transport: the refresh token in the body or in the cookie
  cookie?: 'reads' | 'clears'; // reads the refresh cookie (then 403 CSRF_REJECTED), or clears it
  success: { status: number; description: string; schema?: z.ZodType; example?: unknown };
  errors: number[]; // besides those every route of its kind can answer
};

const session = {
  id: '6b05aeb3e31649e5290a5c1d',
  createdAt: '2026-11-24T15:35:15.639Z',
  lastUsedAt: '2026-11-24T16:01:02.003Z',
  userAgent: 'Mozilla/5.0',
  current: true,
};
const tokens = {
  auth: true,
  token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6IjZiMDUi...',
  refreshToken: 'k7Qm0x1U3T0eV6Y8Zr2nq4G9b0cP5Jd7Wf1Ls3Ha8Ei',
  expiresIn: 604800,
};
const profile = {
  id: '6b05aeb3e31649e5290a5c1c',
  name: 'Ada',
  email: 'ada@example.com',
  premium: false,
  premiumEnds: null,
  emailVerified: true,
  pendingEmail: null,
  createdAt: '2026-11-24T15:35:15.639Z',
  updatedAt: '2026-11-24T15:35:15.639Z',
};

const linkToken = 'Jx3vQm0wYp8Rk2T9sLd4Hf6Ua1Nc7Ze5Gb0Wq8Ei3Ko';

const coreRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/auth/register',
    summary: 'Register a user; opens a session',
    limited: true,
    transport: true,
    body: { schema: registerSchema, example: { name: 'Ada', email: 'ada@example.com', password: 'correct horse' } },
    success: {
      status: 201,
      description:
        'Registered and logged in; a verification link is mailed. With REQUIRE_VERIFIED_EMAIL=true: `{ auth: false, emailVerificationRequired: true }`, no tokens',
      schema: sessionAnswerSchema.or(pendingVerificationSchema),
      example: tokens,
    },
    errors: [409],
  },
  {
    method: 'post',
    path: '/auth/login',
    summary: 'Log in; opens a session',
    limited: true,
    transport: true,
    body: { schema: loginSchema, example: { email: 'ada@example.com', password: 'correct horse' } },
    success: {
      status: 200,
      description: 'Logged in, or (TOTP on) a second factor is owed: POST /auth/mfa/verify',
      schema: loginAnswerSchema,
      example: tokens,
    },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/auth/refresh',
    summary: 'Trade a refresh token (body or cookie) for new tokens (rotation)',
    limited: true,
    transport: true,
    cookie: 'reads',
    body: { schema: refreshSchema, example: { refreshToken: tokens.refreshToken }, optional: true },
    success: {
      status: 200,
      description: 'New access token and a NEW refresh token (a refresh by cookie answers with a new cookie)',
      schema: sessionAnswerSchema,
      example: tokens,
    },
    errors: [401],
  },
  {
    method: 'post',
    path: '/auth/reauthenticate',
    summary:
      'Prove who you are again in this session (password, + code when TOTP is on, or a passkey): a privileged session',
    auth: true,
    limited: true,
    transport: true,
    body: { schema: reauthenticateSchema, example: { password: 'correct horse', code: '123456' } },
    success: {
      status: 200,
      description:
        'The same session with a new auth_time (PRIVILEGED_SESSION_MAX_AGE starts again): a new access token and a NEW refresh token, as a refresh answers. A password-less account re-authenticates through its provider: GET /auth/oidc/{provider}/start?reauthenticate=1',
      schema: sessionAnswerSchema,
      example: tokens,
    },
    errors: [],
  },
  {
    method: 'post',
    path: '/auth/logout',
    summary: 'Revoke this session (and clear the refresh cookie)',
    auth: true,
    cookie: 'clears',
    success: { status: 204, description: 'Revoked' },
    errors: [],
  },
  {
    method: 'get',
    path: '/user/myprofile',
    summary: "The caller's profile",
    auth: true,
    success: { status: 200, description: 'Profile', schema: profileSchema, example: profile },
    errors: [],
  },
  {
    method: 'delete',
    path: '/user/myprofile',
    summary: 'Delete the account and all its sessions',
    auth: true,
    privileged: true,
    body: { schema: deleteAccountSchema, example: { password: 'correct horse' } },
    success: { status: 204, description: 'Deleted' },
    errors: [429],
  },
  {
    method: 'put',
    path: '/user/password',
    summary: 'Change the password; revokes every other session',
    auth: true,
    privileged: true,
    body: {
      schema: changePasswordSchema,
      example: { currentPassword: 'correct horse', newPassword: 'battery staple' },
    },
    success: { status: 204, description: 'Changed' },
    errors: [429],
  },
  {
    method: 'get',
    path: '/user/sessions',
    summary: "The caller's live sessions",
    auth: true,
    success: {
      status: 200,
      description: 'Live sessions, newest use first',
      schema: sessionViewSchema.array(),
      example: [session],
    },
    errors: [],
  },
  {
    method: 'delete',
    path: '/user/sessions',
    summary: 'Revoke every session of the caller, this one too',
    auth: true,
    success: { status: 204, description: 'Revoked' },
    errors: [],
  },
  {
    method: 'delete',
    path: '/user/sessions/{id}',
    summary: 'Revoke one session of the caller',
    auth: true,
    success: { status: 204, description: 'Revoked' },
    errors: [404],
  },
  ...recoveryRoutes(),
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness: touches no database',
    success: { status: 200, description: 'Alive', schema: healthSchema, example: { status: 'ok' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/ready',
    summary: 'Readiness: MongoDB answers a ping',
    success: { status: 200, description: 'Ready', schema: readySchema, example: { status: 'ready' } },
    errors: [],
  },
];

export const routeDocs: RouteDoc[] = [
  ...coreRouteDocs,
  ...mfaRouteDocs,
  ...passkeyRouteDocs,
  ...adminRouteDocs,
  ...keysRouteDocs,
  ...oidcRouteDocs,
];

function recoveryRoutes(): RouteDoc[] {
  const accepted = (description: string, message: string) => ({
    status: 202,
    description,
    schema: acceptedSchema,
    example: { message },
  });
  return [
    {
      method: 'post',
      path: '/auth/verify-email',
      summary: "Use a verification link's token (also confirms a new address after PUT /user/email)",
      body: { schema: verifyEmailSchema, example: { token: linkToken } },
      success: {
        status: 200,
        description: 'The address is verified',
        schema: emailVerifiedSchema,
        example: { emailVerified: true, email: 'ada@example.com' },
      },
      errors: [409],
    },
    {
      method: 'post',
      path: '/auth/verify-email/resend',
      summary: 'Mail a new verification link; earlier links stay valid until they expire',
      auth: true,
      limited: true,
      success: accepted(
        'A new link is on its way (none when the address is verified already)',
        'If the address is not verified yet, a new link is on its way.',
      ),
      errors: [],
    },
    {
      method: 'post',
      path: '/auth/password/forgot',
      summary: 'Mail a password reset link; the same answer whether the account exists or not',
      limited: true,
      body: { schema: forgotPasswordSchema, example: { email: 'ada@example.com' } },
      success: accepted(
        'Always this answer, in the same time',
        'If an account uses this address, a link to reset its password is on its way.',
      ),
      errors: [],
    },
    {
      method: 'post',
      path: '/auth/password/reset',
      summary: "Set a new password with a reset link's token; revokes every session",
      body: { schema: resetPasswordSchema, example: { token: linkToken, newPassword: 'battery staple' } },
      success: { status: 204, description: 'New password set; every session revoked; the address counts as verified' },
      errors: [],
    },
    {
      method: 'put',
      path: '/user/email',
      summary:
        'Change the email address: effective once the link mailed to the new address is used (only the newest request is pending; a reset, a password change or DELETE /user/sessions ends it)',
      auth: true,
      privileged: true,
      limited: true,
      body: { schema: changeEmailSchema, example: { newEmail: 'ada@example.org', password: 'correct horse' } },
      success: accepted(
        'A link is mailed to the new address; the old address gets a notice',
        'A link to confirm the new address is on its way; the address changes once it is used.',
      ),
      errors: [409],
    },
    {
      method: 'delete',
      path: '/user/email',
      summary: 'Cancel a pending email change: its link stops working',
      auth: true,
      privileged: true,
      success: { status: 204, description: 'No change is pending any more (also when none was)' },
      errors: [],
    },
  ];
}
