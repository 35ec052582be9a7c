import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

// `osls package` as a deploy runs it (no AWS account needed to package), then the template and the bundles it made.
const service = new URL('../', import.meta.url).pathname;
type Resource = { Type: string; Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
let resources: Record<string, Resource>;
before(() => {
  const out = mkdtempSync(join(tmpdir(), 'orders-package-'));
  const env = { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' };
  Object.assign(env, { AUTHGATE_URL: 'https://auth.example.com', MONGODB_URI: 'mongodb://127.0.0.1:9/orders' });
  execFileSync('npx', ['osls', 'package', '--package', out], { cwd: service, env, stdio: 'pipe' });
  resources = JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8')).Resources;
});
const ofType = (type: string) => Object.values(resources).filter((resource) => resource.Type === type);
const bundle = (name: string) => createRequire(import.meta.url)(join(service, '.esbuild', `${name}.cjs`));

describe('serverless.yml', () => {
  it('puts /orders and /me behind a TOKEN authorizer, /health and the signed webhooks in front of it', () => {
    const [authorizer] = ofType('AWS::ApiGateway::Authorizer');
    assert.equal(authorizer.Properties.Type, 'TOKEN');
    assert.equal(authorizer.Properties.IdentitySource, 'method.request.header.Authorization');
    const guarded = ofType('AWS::ApiGateway::Method').map(
      ({ Properties: p }) => `${p.HttpMethod} ${p.AuthorizationType}`,
    );
    assert.deepEqual(guarded.sort(), [
      'DELETE CUSTOM',
      'GET CUSTOM',
      'GET CUSTOM',
      'GET NONE',
      'POST CUSTOM',
      'POST NONE',
    ]);
  });

  it("gives the authorizer authgate's address and no database", () => {
    const variables = resources.VerifyTokenLambdaFunction.Properties.Environment.Variables;
    assert.deepEqual(Object.keys(variables), ['AUTHGATE_URL', 'JWT_ALGORITHM', 'JWT_ISSUER', 'JWT_AUDIENCE']);
  });

  it('bundles an API that answers GET /health as Lambda calls it', async () => {
    process.env.MONGODB_URI = 'mongodb://127.0.0.1:9/orders'; // never reached: neither route needs the database
    process.env.AUTHGATE_URL = 'https://auth.example.com';
    process.env.AUTHGATE_WEBHOOK_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const event = { httpMethod: 'GET', path: '/health', headers: {}, requestContext: {}, body: null };
    const answer = await bundle('lambda').handler(event, {});
    assert.equal(answer.statusCode, 200);
  });

  it('bundles a webhook receiver that refuses an unsigned message with 400 INVALID_SIGNATURE', async () => {
    const body = JSON.stringify({ type: 'user.deleted', timestamp: new Date().toISOString(), data: { id: 'x' } });
    const headers = { 'content-type': 'application/json', 'webhook-id': 'msg_1', 'webhook-timestamp': '1' };
    const event = { httpMethod: 'POST', path: '/webhooks/authgate', headers, requestContext: {}, body };
    const answer = await bundle('lambda').handler(event, {});
    assert.equal(answer.statusCode, 400);
    assert.equal(JSON.parse(answer.body).code, 'INVALID_SIGNATURE');
  });

  it('bundles an authorizer that refuses a malformed token with Unauthorized', async () => {
    const event = {
      type: 'TOKEN',
      authorizationToken: 'Bearer not-a-jwt',
      methodArn: 'arn:aws:execute-api:x:1:a/dev/GET/orders',
    };
    await assert.rejects(bundle('authorizer').handler(event), /^Error: Unauthorized$/);
  });
});
