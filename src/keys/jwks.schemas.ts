import { z } from 'zod';

// Strict objects: the document says that nothing but the public members is ever served (no `d`, `p`, `q`, ...).
const ecKey = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  use: z.literal('sig'),
  alg: z.literal('ES256'),
});
const rsaKey = z.strictObject({
  kty: z.literal('RSA'),
  n: z.string(),
  e: z.string(),
  kid: z.string(),
  use: z.literal('sig'),
  alg: z.literal('RS256'),
});

/** RFC 7517 JWK Set: the public keys tokens are verified with; `kid` is the RFC 7638 thumbprint. */
export const jwksSchema = z.strictObject({ keys: z.array(z.union([ecKey, rsaKey])) });
export type Jwks = z.infer<typeof jwksSchema>;
