// After `osls package`: bundle sizes within their limits, the authorizer wired to every route that takes an
// access token (docs/openapi.json says which) and to no other, each function's own environment, and the
// GatewayResponses that make its refusals problem+json, the pages' files beside the bundle. Exits non-zero otherwise.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const failures = [];
const check = (ok, message) => (ok ? console.log(`ok   ${message}`) : failures.push(message));

const jsBytes = (name) => {
  const meta = JSON.parse(readFileSync(`${root}.esbuild/meta-${name}.json`, 'utf8'));
  return Object.entries(meta.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .reduce((sum, [, out]) => sum + out.bytes, 0);
};
const inputsOf = (name) => Object.keys(JSON.parse(readFileSync(`${root}.esbuild/meta-${name}.json`, 'utf8')).inputs);
const heavy = inputsOf('authorizer').filter((file) =>
  /node_modules\/(express|mongoose|mongodb|bcrypt|zod)\//.test(file),
);
check(
  heavy.length === 0,
  `the authorizer bundles neither express, mongoose, bcrypt nor zod${heavy.length ? `: ${heavy[0]}` : ''}`,
);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const authorizer = jsBytes('authorizer');
const api = jsBytes('api');
check(authorizer <= 64 * 1024, `authorizer bundle ${kb(authorizer)} (limit 64 KB)`);
check(api <= 2.5 * 1024 * 1024, `API bundle ${kb(api)} (limit 2.5 MB)`);
const webhooks = jsBytes('webhooks');
check(webhooks <= 2.5 * 1024 * 1024, `webhooks bundle ${kb(webhooks)} (limit 2.5 MB)`);
const heavyWebhooks = inputsOf('webhooks').filter((file) => /node_modules\/(express|bcrypt|nodemailer)\//.test(file));
check(heavyWebhooks.length === 0, 'the webhooks bundle has neither express, bcrypt nor the mailer');
for (const zip of ['api', 'verifyJwt', 'webhooks'])
  console.log(`     ${zip}.zip ${kb(statSync(`${root}.serverless/${zip}.zip`).size)}`);

const resources = JSON.parse(
  readFileSync(`${root}.serverless/cloudformation-template-update-stack.json`, 'utf8'),
).Resources;
const byType = (type) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const [authorizerName, authorizerResource] = byType('AWS::ApiGateway::Authorizer')[0] ?? [];
check(authorizerResource?.Properties.Type === 'TOKEN', 'a TOKEN authorizer exists');
check(authorizerResource?.Properties.AuthorizerResultTtlInSeconds === 300, 'its result is cached 300 s');
check(
  authorizerResource?.Properties.IdentitySource === 'method.request.header.Authorization',
  'its identity source is the Authorization header',
);

// Every documented operation has a resource and method of its own (API Gateway matches paths case-sensitively
// and exactly; anything else falls to {proxy+}, where the app answers 404): behind the authorizer exactly
// when the document says it takes a token, public otherwise.
const pathOf = (ref) => {
  if (!ref?.Ref) return ''; // the API's root resource
  const { ParentId, PathPart } = resources[ref.Ref].Properties;
  return `${pathOf(ParentId)}/${PathPart}`;
};
const methods = byType('AWS::ApiGateway::Method').map(([, { Properties: p }]) => ({
  key: `${p.HttpMethod} ${pathOf(p.ResourceId)}`,
  guarded: p.AuthorizationType === 'CUSTOM' && p.AuthorizerId?.Ref === authorizerName,
}));
const openapi = JSON.parse(readFileSync(`${root}docs/openapi.json`, 'utf8'));
const operations = Object.entries(openapi.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({
    key: `${method.toUpperCase()} ${path}`,
    takesToken: (op.security ?? openapi.security ?? []).some((scheme) => 'bearerAuth' in scheme),
  })),
);
check(operations.length > 0, `the document lists ${operations.length} operations`);
for (const { key, takesToken } of operations) {
  const method = methods.find((m) => m.key === key);
  check(method !== undefined, `${key} has a method of its own`);
  check(method?.guarded === takesToken, `${key} is ${takesToken ? 'behind the authorizer' : 'public'}`);
}
const guarded = methods.filter((m) => m.guarded).map((m) => m.key);
const documentedTokenRoutes = operations.filter((op) => op.takesToken).map((op) => op.key);
check(
  guarded.every((key) => documentedTokenRoutes.includes(key)),
  `the authorizer guards documented token routes only (${guarded.length})`,
);
check(
  methods.some((m) => m.key === 'ANY /{proxy+}' && !m.guarded),
  'ANY /{proxy+} reaches the app unguarded (it answers 404, the docs pages and their assets)',
);

// Each function has only its own environment: the authorizer its secret, the API the rest.
const environment = (name) => resources[name]?.Properties.Environment?.Variables ?? {};
const authorizerEnv = Object.keys(environment('VerifyJwtLambdaFunction'));
const apiEnv = environment('ApiLambdaFunction');
// under HS256 (the default, packaged here) the authorizer needs the shared secret; scripts/check-lambda-ssm.mjs
// packages ES256 too, where it holds public keys only
check(
  authorizerEnv.join() === 'JWT_ALGORITHM,JWT_SECRET,JWT_ISSUER,JWT_AUDIENCE',
  `the authorizer gets JWT_ALGORITHM, JWT_SECRET, JWT_ISSUER and JWT_AUDIENCE only (${authorizerEnv.join(', ')})`,
);
check(
  environment('VerifyJwtLambdaFunction').JWT_ALGORITHM === 'HS256' && apiEnv.JWT_ALGORITHM === 'HS256',
  'both run HS256 unless JWT_ALGORITHM says otherwise',
);
check(
  ['MONGODB_URI', 'JWT_SECRET', 'BCRYPT_COST'].every((name) => apiEnv[name]) && apiEnv.NODE_ENV === 'production',
  'the API gets MONGODB_URI, JWT_SECRET, its settings and NODE_ENV=production',
);
check(!apiEnv.JWT_PRIVATE_KEYS, 'the API gets no private keys under HS256');
const webhooksEnv = Object.keys(environment('WebhooksLambdaFunction'));
check(
  webhooksEnv.join() === 'NODE_ENV,MONGODB_URI,MFA_ENCRYPTION_KEY,WEBHOOK_ALLOW_PRIVATE',
  `the webhook function gets NODE_ENV, MONGODB_URI, MFA_ENCRYPTION_KEY and WEBHOOK_ALLOW_PRIVATE only (${webhooksEnv.join(', ')})`,
);
const schedule = byType('AWS::Events::Rule')[0]?.[1].Properties;
check(schedule?.ScheduleExpression === 'rate(1 minute)', 'the webhook function runs every minute');

// The authorizer bundle itself, as Lambda loads it under ES256 with public keys only: it allows a token of the
// app's key, and refuses the algorithm-confusion attack (HS256 with the PEM public key as the HMAC secret).
const { createHmac, createPrivateKey, generateKeyPairSync } = await import('node:crypto');
const { createRequire } = await import('node:module');
const { spawnSync } = await import('node:child_process');
const { privateKey, publicKey } = generateKeyPairSync('ec', {
  namedCurve: 'P-256',
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const { createTokens } = createRequire(import.meta.url)('../dist/auth/tokens.js');
const good = createTokens({ algorithm: 'ES256', privateKeys: [createPrivateKey(privateKey)], expiresIn: 600 }).sign(
  '6500000000000000000000aa',
  '6500000000000000000000ab',
  ['pwd'],
  { premium: true, emailVerified: false },
);
const [header, payload] = good.split('.');
const confusedHeader = Buffer.from(
  JSON.stringify({ ...JSON.parse(Buffer.from(header, 'base64url')), alg: 'HS256' }),
).toString('base64url');
const confused = `${confusedHeader}.${payload}.${createHmac('sha256', publicKey).update(`${confusedHeader}.${payload}`).digest('base64url')}`;
const probe = `const { handler } = require(${JSON.stringify(`${root}.esbuild/authorizer/index.js`)});
const event = (token) => ({ type: 'TOKEN', authorizationToken: 'Bearer ' + token, methodArn: 'arn:aws:execute-api:us-east-1:1:a/dev/GET/user/myprofile' });
Promise.all([handler(event(process.env.GOOD)), handler(event(process.env.CONFUSED)).catch((error) => error.message)]).then((answers) => console.log(JSON.stringify(answers)));`;
const probed = spawnSync(process.execPath, ['-e', probe], {
  env: { PATH: process.env.PATH, JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEYS: publicKey, GOOD: good, CONFUSED: confused },
  encoding: 'utf8',
});
const [allowed, refused] = probed.status === 0 ? JSON.parse(probed.stdout) : [];
check(
  allowed?.context?.premium === true && allowed?.principalId === '6500000000000000000000aa',
  `the bundled authorizer, with ES256 public keys only, allows the app's token${probed.status ? `: ${probed.stderr.slice(0, 300)}` : ''}`,
);
check(refused === 'Unauthorized', 'and refuses an HS256 token signed with its PEM public key');

for (const type of ['UNAUTHORIZED', 'ACCESS_DENIED']) {
  const response = byType('AWS::ApiGateway::GatewayResponse').find(([, r]) => r.Properties.ResponseType === type)?.[1]
    .Properties;
  check(
    response?.ResponseParameters['gatewayresponse.header.Content-Type'] === "'application/problem+json'",
    `${type} answers problem+json`,
  );
  check(
    response?.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin'] !== undefined,
    `${type} carries CORS headers`,
  );
}

// the pages' own files beside the API bundle, where their routers look (a console missing them would throw at a
// cold start with ADMIN_API_KEYS set)
for (const page of ['account/account-page', 'console/console-page']) {
  const files = readdirSync(`${root}src/${page}`);
  const shipped = files.filter((file) => existsSync(`${root}.esbuild/api/${page.split('/')[1]}/${file}`));
  check(shipped.length === files.length, `the API bundle ships ${page.split('/')[1]}/ (${shipped.length} files)`);
}

if (failures.length) {
  failures.forEach((message) => console.error(`FAIL ${message}`));
  process.exit(1);
}
