import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { register, startAll, type Stack } from './helpers.ts';

// The Lambda authorizer of serverless.yml, called as API Gateway calls it, verifying with the running authgate's JWKS.
let stack: Stack;
let authgate = '';
let handler: typeof import('../src/authorizer.ts').handler;
before(async () => {
  ({ authgate } = stack = await startAll());
  process.env.AUTHGATE_URL = authgate; // read when the module loads, as on a cold start
  ({ handler } = await import('../src/authorizer.ts'));
});
after(() => stack?.stop());

const event = (token: string): APIGatewayTokenAuthorizerEvent => ({
  type: 'TOKEN',
  authorizationToken: `Bearer ${token}`,
  methodArn: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/POST/orders',
});

describe('the orders authorizer', () => {
  it("allows authgate's token for the whole stage, with the user and the premium claim in its context", async () => {
    const ada = await register(authgate);
    const answer = await handler(event(ada.token));
    assert.equal(answer.principalId, ada.id);
    assert.deepEqual(answer.policyDocument.Statement, [
      {
        Action: 'execute-api:Invoke',
        Effect: 'Allow',
        Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*',
      },
    ]);
    assert.deepEqual(answer.context, { userId: ada.id, premium: false });
  });

  it('refuses a tampered token with Unauthorized (a 401 at API Gateway)', async () => {
    const ada = await register(authgate);
    const [header, payload, signature] = ada.token.split('.');
    const tampered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), premium: true }),
    );
    await assert.rejects(
      handler(event(`${header}.${tampered.toString('base64url')}.${signature}`)),
      /^Error: Unauthorized$/,
    );
  });
});
