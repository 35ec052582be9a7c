import {
  creationOptionsSchema,
  loginOptionsSchema,
  passkeyLoginSchema,
  passkeyOptionsSchema,
  passkeyViewSchema,
  registerPasskeySchema,
} from '../passkeys/passkeys.schemas';
import { loginAnswerSchema } from './mfa.routes';
import type { RouteDoc } from './openapi.routes';

const tokens = {
  auth: true,
  token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6IjZiMDUi...',
  refreshToken: 'k7Qm0x1U3T0eV6Y8Zr2nq4G9b0cP5Jd7Wf1Ls3Ha8Ei',
  expiresIn: 604800,
};
const passkey = {
  id: '6b05aeb3e31649e5290a5c1e',
  name: 'Laptop',
  createdAt: '2026-11-24T15:35:15.639Z',
  lastUsedAt: null,
};
const credentialId = 'f1aWq3OBzTqH7c9dKcb3Gw';
const assertion = {
  id: credentialId,
  rawId: credentialId,
  type: 'public-key',
  authenticatorAttachment: 'platform',
  clientExtensionResults: {},
  response: {
    clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uZ2V0Ii...',
    authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ',
    signature: 'MEUCIQD...',
    userHandle: 'awWus-MWSeUpClwd',
  },
};
const registration = {
  id: credentialId,
  rawId: credentialId,
  type: 'public-key',
  authenticatorAttachment: 'platform',
  clientExtensionResults: {},
  response: {
    clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIi...',
    attestationObject: 'o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVi...',
    transports: ['internal'],
  },
};
const requestOptions = {
  challenge: 'q8Cw5qk0p0Yk4U5Zp2qJmN8J0Zt9vXb3l6QeR1sTa2c',
  rpId: 'example.com',
  allowCredentials: [{ id: credentialId, type: 'public-key', transports: ['internal'] }],
  timeout: 60000,
  userVerification: 'preferred',
};

/** Passkeys (contract v1.3): WebAuthn through @simplewebauthn/server. */
export const passkeyRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/user/passkeys/options',
    summary: 'Options to create a passkey (navigator.credentials.create); the challenge lives 300 s',
    auth: true,
    privileged: true,
    success: {
      status: 200,
      description:
        "PublicKeyCredentialCreationOptionsJSON: resident key and user verification preferred, the user's passkeys excluded",
      schema: creationOptionsSchema,
    },
    errors: [],
  },
  {
    method: 'post',
    path: '/user/passkeys',
    summary: 'Register the passkey the browser created for those options',
    auth: true,
    privileged: true,
    body: { schema: registerPasskeySchema, example: { response: registration, name: 'Laptop' } },
    success: { status: 201, description: 'Registered', schema: passkeyViewSchema, example: passkey },
    errors: [],
  },
  {
    method: 'get',
    path: '/user/passkeys',
    summary: "The caller's passkeys",
    auth: true,
    success: {
      status: 200,
      description: 'Passkeys, oldest first',
      schema: passkeyViewSchema.array(),
      example: [passkey],
    },
    errors: [],
  },
  {
    method: 'delete',
    path: '/user/passkeys/{id}',
    summary: 'Remove a passkey of the caller',
    auth: true,
    privileged: true,
    success: { status: 204, description: 'Removed' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/auth/passkey/options',
    summary: 'Options to log in with a passkey: for an email, or without one for a discoverable passkey',
    limited: true,
    body: { schema: passkeyOptionsSchema, example: { email: 'ada@example.com' } },
    success: {
      status: 200,
      description:
        'A challenge id and PublicKeyCredentialRequestOptionsJSON (an unknown email gets options that look alike)',
      schema: loginOptionsSchema,
      example: { challengeId: 'Gk3v9yq1Zr8m2Xc7Lb4Pn6Td0Ws5Hf1Ja3Ue8Qo2Vi', options: requestOptions },
    },
    errors: [],
  },
  {
    method: 'post',
    path: '/auth/passkey',
    summary: 'Log in with a passkey; opens a session',
    limited: true,
    transport: true,
    body: {
      schema: passkeyLoginSchema,
      example: { challengeId: 'Gk3v9yq1Zr8m2Xc7Lb4Pn6Td0Ws5Hf1Ja3Ue8Qo2Vi', response: assertion },
    },
    success: {
      status: 200,
      description:
        'Logged in (amr hwk+user when the authenticator verified the user, else hwk); on an account with TOTP on, a passkey that did not verify the user is one factor: mfaRequired, as a password answers',
      schema: loginAnswerSchema,
      example: tokens,
    },
    errors: [401],
  },
];
