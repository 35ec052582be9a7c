import { callerOf } from '../auth/require-auth';
import { route } from '../http/route';
import {
  acceptedSchema,
  changeEmailSchema,
  emailVerifiedSchema,
  forgotPasswordSchema,
  resetPasswordSchema,
  verifyEmailSchema,
} from './recovery.schemas';

// one body for every forgot answer, whether the account exists or not
const FORGOT_ANSWER = { message: 'If an account uses this address, a link to reset its password is on its way.' };
const RESEND_ANSWER = { message: 'If the address is not verified yet, a new link is on its way.' };
const CHANGE_ANSWER = {
  message: 'A link to confirm the new address is on its way; the address changes once it is used.',
};

const linkToken = 'Jx3vQm0wYp8Rk2T9sLd4Hf6Ua1Nc7Ze5Gb0Wq8Ei3Ko';
const accepted = (description: string, example: { message: string }) => ({
  status: 202,
  description,
  schema: acceptedSchema,
  example,
});

/** Verification, password reset and email change by mail (contract v1.2). */
export const recoveryRoutes = [
  route({
    method: 'post',
    path: '/auth/verify-email',
    summary: "Use a verification link's token (also confirms a new address after PUT /user/email)",
    body: { schema: verifyEmailSchema, example: { token: linkToken } },
    answer: {
      status: 200,
      description: 'The address is verified',
      schema: emailVerifiedSchema,
      example: { emailVerified: true, email: 'ada@example.com' },
    },
    errors: [409],
    handle:
      ({ recovery }) =>
      async (req, res) =>
        void res.json(await recovery.verifyEmail(req.body.token)),
  }),
  route({
    method: 'post',
    path: '/auth/verify-email/resend',
    summary: 'Mail a new verification link; earlier links stay valid until they expire',
    guard: 'token',
    limits: ['perAddress'],
    answer: accepted('A new link is on its way (none when the address is verified already)', RESEND_ANSWER),
    errors: [],
    handle:
      ({ recovery }) =>
      async (_req, res) => {
        await recovery.resendVerification(callerOf(res).userId);
        res.status(202).json(RESEND_ANSWER);
      },
  }),
  route({
    method: 'post',
    path: '/auth/password/forgot',
    summary: 'Mail a password reset link; the same answer whether the account exists or not',
    limits: ['perAddress'],
    body: { schema: forgotPasswordSchema, example: { email: 'ada@example.com' } },
    answer: accepted('Always this answer, in the same time', FORGOT_ANSWER),
    errors: [],
    handle:
      ({ recovery }) =>
      async (req, res) => {
        await recovery.forgotPassword(req.body.email);
        res.status(202).json(FORGOT_ANSWER);
      },
  }),
  route({
    method: 'post',
    path: '/auth/password/reset',
    summary: "Set a new password with a reset link's token; revokes every session",
    body: { schema: resetPasswordSchema, example: { token: linkToken, newPassword: 'battery staple' } },
    answer: { status: 204, description: 'New password set; every session revoked; the address counts as verified' },
    errors: [],
    handle:
      ({ recovery }) =>
      async (req, res) => {
        await recovery.resetPassword(req.body);
        res.status(204).end();
      },
  }),
  route({
    method: 'put',
    path: '/user/email',
    summary:
      'Change the email address: effective once the link mailed to the new address is used (only the newest ' +
      'request is pending; a reset, a password change or DELETE /user/sessions ends it)',
    guard: 'privileged',
    limits: ['perAddress'],
    body: { schema: changeEmailSchema, example: { newEmail: 'ada@example.org', password: 'correct horse' } },
    answer: accepted('A link is mailed to the new address; the old address gets a notice', CHANGE_ANSWER),
    errors: [409],
    handle:
      ({ recovery }) =>
      async (req, res) => {
        await recovery.changeEmail(callerOf(res), req.body);
        res.status(202).json(CHANGE_ANSWER);
      },
  }),
  route({
    method: 'delete',
    path: '/user/email',
    summary: 'Cancel a pending email change: its link stops working',
    guard: 'privileged',
    answer: { status: 204, description: 'No change is pending any more (also when none was)' },
    errors: [],
    handle:
      ({ recovery }) =>
      async (_req, res) => {
        await recovery.cancelEmailChange(callerOf(res));
        res.status(204).end();
      },
  }),
];
