import { authResultExample } from '../auth/auth.schemas';
import { callerOf } from '../auth/require-auth';
import { loginAnswerSchema } from '../cookies/cookies.schemas';
import { route } from '../http/route';
import {
  creationOptionsSchema,
  loginOptionsSchema,
  passkeyLoginSchema,
  passkeyOptionsSchema,
  passkeyViewSchema,
  registerPasskeySchema,
} from './passkeys.schemas';

const passkey = {
  id: '6b05aeb3e31649e5290a5c1e',
  name: 'Laptop',
  createdAt: '2026-11-24T15:35:15.639Z',
  lastUsedAt: null,
};
const credentialId = 'f1aWq3OBzTqH7c9dKcb3Gw';
const credential = { id: credentialId, rawId: credentialId, type: 'public-key', authenticatorAttachment: 'platform' };
const assertion = {
  ...credential,
  clientExtensionResults: {},
  response: {
    clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uZ2V0Ii...',
    authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ',
    signature: 'MEUCIQD...',
    userHandle: 'awWus-MWSeUpClwd',
  },
};
const registration = {
  ...credential,
  clientExtensionResults: {},
  response: {
    clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIi...',
    attestationObject: 'o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVi...',
    transports: ['internal'],
  },
};
const challengeId = 'Gk3v9yq1Zr8m2Xc7Lb4Pn6Td0Ws5Hf1Ja3Ue8Qo2Vi';
const requestOptions = {
  challenge: 'q8Cw5qk0p0Yk4U5Zp2qJmN8J0Zt9vXb3l6QeR1sTa2c',
  rpId: 'example.com',
  allowCredentials: [{ id: credentialId, type: 'public-key', transports: ['internal'] }],
  timeout: 60000,
  userVerification: 'preferred',
};

/** Passkeys (contract v1.3): the signed-in user's, and a login with one. WebAuthn through @simplewebauthn/server. */
export const passkeysRoutes = [
  route({
    method: 'post',
    path: '/user/passkeys/options',
    summary: 'Options to create a passkey (navigator.credentials.create); the challenge lives 300 s',
    guard: 'privileged',
    answer: {
      status: 200,
      description:
        "PublicKeyCredentialCreationOptionsJSON: resident key and user verification preferred, the user's passkeys " +
        'excluded',
      schema: creationOptionsSchema,
    },
    errors: [],
    handle:
      ({ passkeys }) =>
      async (_req, res) =>
        void res.json(await passkeys.registrationOptions(callerOf(res).userId)),
  }),
  route({
    method: 'post',
    path: '/user/passkeys',
    summary: 'Register the passkey the browser created for those options',
    guard: 'privileged',
    body: { schema: registerPasskeySchema, example: { response: registration, name: 'Laptop' } },
    answer: { status: 201, description: 'Registered', schema: passkeyViewSchema, example: passkey },
    errors: [],
    handle:
      ({ passkeys }) =>
      async (req, res) =>
        void res.status(201).json(await passkeys.register(callerOf(res).userId, req.body)),
  }),
  route({
    method: 'get',
    path: '/user/passkeys',
    summary: "The caller's passkeys",
    guard: 'token',
    answer: {
      status: 200,
      description: 'Passkeys, oldest first',
      schema: passkeyViewSchema.array(),
      example: [passkey],
    },
    errors: [],
    handle:
      ({ passkeys }) =>
      async (_req, res) =>
        void res.json(await passkeys.list(callerOf(res).userId)),
  }),
  route({
    method: 'delete',
    path: '/user/passkeys/{id}',
    summary: 'Remove a passkey of the caller',
    guard: 'privileged',
    answer: { status: 204, description: 'Removed' },
    errors: [404],
    handle:
      ({ passkeys }) =>
      async (req, res) => {
        await passkeys.remove(callerOf(res).userId, req.params.id);
        res.status(204).end();
      },
  }),
  route({
    method: 'post',
    path: '/auth/passkey/options',
    summary: 'Options to log in with a passkey: for an email, or without one for a discoverable passkey',
    limits: ['perAddress'],
    body: { schema: passkeyOptionsSchema, example: { email: 'ada@example.com' }, optional: true },
    answer: {
      status: 200,
      description:
        'A challenge id and PublicKeyCredentialRequestOptionsJSON (an unknown email gets options that look alike)',
      schema: loginOptionsSchema,
      example: { challengeId, options: requestOptions },
    },
    errors: [],
    handle:
      ({ passkeyLogin }) =>
      async (req, res) =>
        void res.json(await passkeyLogin.options(req.body.email)),
  }),
  route({
    method: 'post',
    path: '/auth/passkey',
    summary: 'Log in with a passkey; opens a session',
    limits: ['perAddress'],
    transport: true,
    body: { schema: passkeyLoginSchema, example: { challengeId, response: assertion } },
    answer: {
      status: 200,
      description:
        'Logged in (amr hwk+user when the authenticator verified the user, else hwk); on an account with TOTP on, ' +
        'a passkey that did not verify the user is one factor: mfaRequired, as a password answers',
      schema: loginAnswerSchema,
      example: authResultExample,
    },
    errors: [401],
    handle:
      ({ passkeyLogin, auth, transport }) =>
      async (req, res) => {
        const answer = await passkeyLogin.logIn(req.body, req.get('user-agent'));
        // v1.7: on an account with TOTP on, a passkey that did not verify the user owes a second factor
        transport.send(req, res, 'mfaRequired' in answer ? answer : await auth.issue(answer));
      },
  }),
];
