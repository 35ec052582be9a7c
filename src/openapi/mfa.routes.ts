import {
  confirmTotpSchema,
  mfaRequiredSchema,
  mfaStatusSchema,
  mfaVerifySchema,
  recoveryCodesSchema,
  secondFactorSchema,
  startTotpSchema,
  totpEnrollmentSchema,
} from '../mfa/mfa.schemas';
import { sessionAnswerSchema } from '../cookies/cookies.schemas';
import type { RouteDoc } from './openapi.routes';

const tokens = {
  auth: true,
  token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6IjZiMDUi...',
  refreshToken: 'k7Qm0x1U3T0eV6Y8Zr2nq4G9b0cP5Jd7Wf1Ls3Ha8Ei',
  expiresIn: 604800,
};
const codes = [
  '7hq2m-kc9xa',
  'p3n8d-wz4tr',
  'e6yfb-2sj7u',
  'm9cqx-h4v2n',
  'r8kd3-aw6pz',
  'u2x7e-q9hbm',
  'n4s6j-t8fyc',
  'z7w3p-k2dqe',
  'b9m4h-x6rua',
  'f3t8n-c7vkw',
];
export const mfaRequiredExample = {
  auth: false,
  mfaRequired: true,
  mfaToken: 'Xo1c1m3y2rM7KqH0m9Vw4fQ2b7Ue5Ln8Pz3Js6Ga0Dt',
  methods: ['totp', 'recovery'],
};

/** The second factor's routes (contract v1.3). */
export const mfaRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/user/mfa',
    summary: "The caller's second factors",
    auth: true,
    success: {
      status: 200,
      description: 'Which factors are on',
      schema: mfaStatusSchema,
      example: { totp: true, recoveryCodesLeft: 9, passkeys: 0 },
    },
    errors: [],
  },
  {
    method: 'post',
    path: '/user/mfa/totp',
    summary: 'Start a TOTP enrollment (nothing is enforced until it is confirmed)',
    auth: true,
    privileged: true,
    limited: true,
    body: { schema: startTotpSchema, example: { password: 'correct horse' } },
    success: {
      status: 200,
      description: 'The secret, its otpauth URI and a QR code of it',
      schema: totpEnrollmentSchema,
    },
    errors: [409],
  },
  {
    method: 'post',
    path: '/user/mfa/totp/confirm',
    summary: 'Confirm the enrollment with a code: TOTP is on',
    auth: true,
    privileged: true,
    body: { schema: confirmTotpSchema, example: { code: '123456' } },
    success: {
      status: 200,
      description: '10 recovery codes, shown this once',
      schema: recoveryCodesSchema,
      example: { recoveryCodes: codes },
    },
    errors: [409],
  },
  {
    method: 'delete',
    path: '/user/mfa/totp',
    summary: 'Turn TOTP off (password and a TOTP or recovery code)',
    auth: true,
    privileged: true,
    limited: true,
    body: { schema: secondFactorSchema, example: { password: 'correct horse', code: '123456' } },
    success: { status: 204, description: 'TOTP off, recovery codes gone' },
    errors: [],
  },
  {
    method: 'post',
    path: '/user/mfa/recovery-codes',
    summary: 'A new set of recovery codes; the old set dies',
    auth: true,
    privileged: true,
    limited: true,
    body: { schema: secondFactorSchema, example: { password: 'correct horse', code: '123456' } },
    success: {
      status: 200,
      description: '10 new recovery codes',
      schema: recoveryCodesSchema,
      example: { recoveryCodes: codes },
    },
    errors: [],
  },
  {
    method: 'post',
    path: '/auth/mfa/verify',
    summary: 'The second step of a login: a TOTP code, a recovery code or a passkey',
    limited: true,
    transport: true,
    body: { schema: mfaVerifySchema, example: { mfaToken: mfaRequiredExample.mfaToken, code: '123456' } },
    success: {
      status: 200,
      description: 'Logged in (amr pwd+otp, pwd+mfa after a recovery code, pwd+hwk after a passkey)',
      schema: sessionAnswerSchema,
      example: tokens,
    },
    errors: [401],
  },
];

export const loginAnswerSchema = sessionAnswerSchema.or(mfaRequiredSchema);
