import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { createTokens, tokenFromHeader } from './auth/tokens';

// The tutorial's verify-jwt as an API Gateway TOKEN authorizer. It checks signatures only; the app behind
// it checks that the session is live. It reads JWT_SECRET itself: config.ts brings zod, and this bundle
// stays small so that a cold start costs next to nothing.
const secret = process.env.JWT_SECRET ?? '';
if (secret.length < 32) throw new Error('Invalid configuration: JWT_SECRET must be at least 32 characters');
const tokens = createTokens({ secret, expiresIn: 0 }); // verify only: the lifetime is the app's to set

/** Allow for the whole stage, so that the cached policy (300 s) serves every route; anything else is 401. */
export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const token = tokenFromHeader(event.authorizationToken);
  const claims = token ? tokens.verify(token) : null;
  if (!claims) throw new Error('Unauthorized'); // API Gateway's own word for 401; anything else would be a 500
  return {
    principalId: claims.sub,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: wholeStage(event.methodArn) }],
    },
    // context values are strings: amr as RFC 8176 method names separated by spaces (`pwd otp`)
    context: { userId: claims.sub, amr: (claims.amr ?? []).join(' ') },
  };
}

/** arn:aws:execute-api:region:account:apiId/stage/GET/user/myprofile -> arn:...:apiId/stage/*\/* */
function wholeStage(methodArn: string): string {
  const [api, stage] = methodArn.split('/');
  return `${api}/${stage}/*/*`;
}
