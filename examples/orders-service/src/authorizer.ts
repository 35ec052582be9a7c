import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { createTokenVerifier, tokenFromHeader } from './tokens.ts';

// The API Gateway TOKEN authorizer, as authgate's own (src/authorizer.ts there), but verifying with authgate's JWKS:
// it needs no secret and no key of its own. It checks the signature only; the app behind it verifies again.
const verifyToken = createTokenVerifier({
  jwksUrl: new URL('/.well-known/jwks.json', process.env.AUTHGATE_URL),
  algorithm: process.env.JWT_ALGORITHM === 'RS256' ? 'RS256' : 'ES256',
  issuer: process.env.JWT_ISSUER || undefined,
  audience: process.env.JWT_AUDIENCE || undefined,
});

/** Allow for the whole stage, so that one cached policy serves every route; anything else is 401. */
export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const user = await verifyToken(tokenFromHeader(event.authorizationToken)).catch(() => {
    throw new Error('Unauthorized'); // API Gateway's own word for 401
  });
  const [api, stage] = event.methodArn.split('/');
  return {
    principalId: user.id,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${api}/${stage}/*/*` }],
    },
    context: { userId: user.id, premium: user.premium },
  };
}
