import { z } from 'zod';

// What a browser's navigator.credentials answers, as @simplewebauthn/browser encodes it: bounded base64url
// strings, so that nothing but strings of a sane size reaches the verifier or a query.
const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');
const credentialBase = {
  id: base64url(1024),
  rawId: base64url(1024),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
};

export const registrationResponseSchema = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: base64url(2048),
    attestationObject: base64url(5000),
    transports: z.array(z.string().max(32)).max(10).optional(),
    authenticatorData: base64url(4096).optional(),
    publicKey: base64url(4096).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
});

export const authenticationResponseSchema = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: base64url(2048),
    authenticatorData: base64url(2048),
    signature: base64url(1024),
    userHandle: base64url(256).optional(),
  }),
});

export const passkeyNameSchema = z.string().trim().min(1).max(64);
export const challengeIdSchema = z.string().min(1).max(128);

export const registerPasskeySchema = z.object({
  response: registrationResponseSchema,
  name: passkeyNameSchema.optional(),
});
// no body at all is a discoverable login too
export const passkeyOptionsSchema = z.preprocess(
  (body) => (body === undefined ? {} : body), // no body: a discoverable passkey; `null` is no object
  z.object({ email: z.string().trim().toLowerCase().min(1).max(254).optional() }),
);
export const passkeyLoginSchema = z.object({ challengeId: challengeIdSchema, response: authenticationResponseSchema });

export type RegistrationResponse = z.infer<typeof registrationResponseSchema>;
export type AuthenticationResponse = z.infer<typeof authenticationResponseSchema>;
export type RegisterPasskeyInput = z.infer<typeof registerPasskeySchema>;
export type PasskeyLoginInput = z.infer<typeof passkeyLoginSchema>;

// what the passkey routes answer
const dateTime = z.string().datetime({ offset: true });
export const passkeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: dateTime,
  lastUsedAt: dateTime.nullable(),
});
const descriptor = z.looseObject({ id: z.string(), type: z.string(), transports: z.array(z.string()).optional() });
export const creationOptionsSchema = z
  .looseObject({
    rp: z.looseObject({ name: z.string(), id: z.string().optional() }),
    user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }),
    challenge: z.string(),
    pubKeyCredParams: z.array(z.looseObject({ alg: z.number(), type: z.literal('public-key') })),
    excludeCredentials: z.array(descriptor).optional(),
  })
  .describe(
    'PublicKeyCredentialCreationOptionsJSON: give it to navigator.credentials.create (startRegistration of ' +
      '@simplewebauthn/browser)',
  );
export const requestOptionsSchema = z
  .looseObject({
    challenge: z.string(),
    rpId: z.string().optional(),
    allowCredentials: z.array(descriptor).optional(),
    userVerification: z.string().optional(),
  })
  .describe(
    'PublicKeyCredentialRequestOptionsJSON: give it to navigator.credentials.get (startAuthentication of ' +
      '@simplewebauthn/browser)',
  );
export const loginOptionsSchema = z.object({
  challengeId: z
    .string()
    .describe('send it back with the response, to POST /auth/passkey or POST /auth/mfa/verify; 300 s, once'),
  options: requestOptionsSchema,
});

export type PasskeyView = z.infer<typeof passkeyViewSchema>;
