// A real OpenID Provider (panva's oidc-provider, certified) on a free loopback port, for the OIDC tests and
// for running authgate locally against it. Prints one JSON line, { "issuer" }, once it listens.
//   OIDC_TEST_CLIENTS='[{ "client_id", "client_secret", "redirect_uris": [...], "tamper"?: true }]' node test/helpers/oidc-test-provider.mjs
//   PORT=4000 fixes the port (default: a free one).
// Its dev login form takes any login name: the name is the subject (`sub`); a name with an @ is also the
// email, verified unless the name starts with "unverified". A client with "tamper" gets ID tokens re-signed
// by a key of another provider under the same key id: authgate must refuse them.
import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.OIDC_TEST_CLIENTS ?? '[]');
const tampered = new Set(clients.filter((client) => client.tamper).map((client) => client.client_id));
const KID = 'test-provider-key';
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const server = createServer();
await new Promise((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: clients.map(({ tamper: _tamper, ...client }) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    ...client,
  })),
  jwks: { keys: [{ ...signingKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' }] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({
      sub: id,
      name: 'Test User',
      ...(id.includes('@') ? { email: id, email_verified: !id.startsWith('unverified') } : {}),
    }),
  }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
  pkce: { required: () => true },
});

// post-middleware: the token endpoint's ID token, signed again by another key (same header, same kid)
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !ctx.body?.id_token || !tampered.has(ctx.oidc?.client?.clientId)) return;
  const [header, payload] = ctx.body.id_token.split('.');
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(otherKey).toString('base64url');
  ctx.body = { ...ctx.body, id_token: `${header}.${payload}.${signature}` };
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
