import { callerOf } from '../auth/require-auth';
import { authResultExample } from '../auth/auth.schemas';
import { sessionAnswerSchema } from '../cookies/cookies.schemas';
import { route } from '../http/route';
import {
  confirmTotpSchema,
  mfaStatusSchema,
  mfaVerifySchema,
  recoveryCodesSchema,
  secondFactorSchema,
  startTotpSchema,
  totpEnrollmentSchema,
} from './mfa.schemas';

const recoveryCodes = [
  ...['7hq2m-kc9xa', 'p3n8d-wz4tr', 'e6yfb-2sj7u', 'm9cqx-h4v2n', 'r8kd3-aw6pz'],
  ...['u2x7e-q9hbm', 'n4s6j-t8fyc', 'z7w3p-k2dqe', 'b9m4h-x6rua', 'f3t8n-c7vkw'],
];
const passwordAndCode = { password: 'correct horse', code: '123456' };

/** The second factor: the signed-in user's TOTP and recovery codes, and the second step of a login (v1.3). */
export const mfaRoutes = [
  route({
    method: 'get',
    path: '/user/mfa',
    summary: "The caller's second factors",
    guard: 'token',
    answer: {
      status: 200,
      description: 'Which factors are on',
      schema: mfaStatusSchema,
      example: { totp: true, recoveryCodesLeft: 9, passkeys: 0 },
    },
    errors: [],
    handle:
      ({ mfa }) =>
      async (_req, res) =>
        void res.json(await mfa.status(callerOf(res).userId)),
  }),
  route({
    method: 'post',
    path: '/user/mfa/totp',
    summary: 'Start a TOTP enrollment (nothing is enforced until it is confirmed)',
    guard: 'privileged',
    limits: ['perAddress'],
    body: { schema: startTotpSchema, example: { password: 'correct horse' } },
    answer: {
      status: 200,
      description: 'The secret, its otpauth URI and a QR code of it',
      schema: totpEnrollmentSchema,
    },
    errors: [409],
    handle:
      ({ mfa }) =>
      async (req, res) =>
        void res.json(await mfa.startTotp(callerOf(res), req.body.password)),
  }),
  route({
    method: 'post',
    path: '/user/mfa/totp/confirm',
    summary: 'Confirm the enrollment with a code: TOTP is on',
    guard: 'privileged',
    body: { schema: confirmTotpSchema, example: { code: '123456' } },
    answer: {
      status: 200,
      description: '10 recovery codes, shown this once',
      schema: recoveryCodesSchema,
      example: { recoveryCodes },
    },
    errors: [409],
    handle:
      ({ mfa }) =>
      async (req, res) =>
        void res.json({ recoveryCodes: await mfa.confirmTotp(callerOf(res), req.body.code) }),
  }),
  route({
    method: 'delete',
    path: '/user/mfa/totp',
    summary: 'Turn TOTP off (password and a TOTP or recovery code)',
    guard: 'privileged',
    limits: ['perAddress'],
    body: { schema: secondFactorSchema, example: passwordAndCode },
    answer: { status: 204, description: 'TOTP off, recovery codes gone' },
    errors: [],
    handle:
      ({ mfa }) =>
      async (req, res) => {
        await mfa.disableTotp(callerOf(res), req.body);
        res.status(204).end();
      },
  }),
  route({
    method: 'post',
    path: '/user/mfa/recovery-codes',
    summary: 'A new set of recovery codes; the old set dies',
    guard: 'privileged',
    limits: ['perAddress'],
    body: { schema: secondFactorSchema, example: passwordAndCode },
    answer: {
      status: 200,
      description: '10 new recovery codes',
      schema: recoveryCodesSchema,
      example: { recoveryCodes },
    },
    errors: [],
    handle:
      ({ mfa }) =>
      async (req, res) =>
        void res.json({ recoveryCodes: await mfa.replaceRecoveryCodes(callerOf(res), req.body) }),
  }),
  route({
    method: 'post',
    path: '/auth/mfa/verify',
    summary: 'The second step of a login: a TOTP code, a recovery code or a passkey',
    limits: ['perAddress'],
    transport: true,
    body: {
      schema: mfaVerifySchema,
      example: { mfaToken: 'Xo1c1m3y2rM7KqH0m9Vw4fQ2b7Ue5Ln8Pz3Js6Ga0Dt', code: '123456' },
    },
    answer: {
      status: 200,
      description: 'Logged in (amr pwd+otp, pwd+mfa after a recovery code, pwd+hwk after a passkey)',
      schema: sessionAnswerSchema,
      example: authResultExample,
    },
    errors: [401],
    handle:
      ({ mfaLogin, auth, transport }) =>
      async (req, res) =>
        transport.send(req, res, await auth.issue(await mfaLogin.verify(req.body, req.get('user-agent')))),
  }),
];
