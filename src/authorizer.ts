import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { createTokens, tokenFromHeader } from './auth/tokens';
import { isAlgorithm, KeyError, publicKeysFrom } from './keys/pem-keys';

// The tutorial's verify-jwt as an API Gateway TOKEN authorizer. It checks signatures only; the app behind
// it checks that the session is live. It reads its few variables itself: config.ts brings zod, and this
// bundle stays small so that a cold start costs next to nothing. Under ES256 / RS256 it holds public keys
// only (JWT_PUBLIC_KEYS): nothing in its environment can sign a token.
// verify only: the lifetime is the app's to set
const tokens = createTokens({ ...verifyingKeys(process.env), expiresIn: 0 });

/** Allow for the whole stage, so that the cached policy (300 s) serves every route; anything else is 401. */
// eslint-disable-next-line @typescript-eslint/require-await -- the Lambda contract: a throw is a rejection (401)
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
    // context values are strings, numbers or booleans: amr as RFC 8176 method names separated by spaces (`pwd otp`)
    context: {
      userId: claims.sub,
      amr: (claims.amr ?? []).join(' '),
      premium: claims.premium === true,
      emailVerified: claims.email_verified === true,
      authTime: claims.auth_time ?? 0, // seconds; 0 for a token made before v1.7
      // the active organization (v1.9), only when the token carries one
      ...(claims.org ? { orgId: claims.org, orgRole: claims.org_role ?? '' } : {}),
    },
  };
}

function verifyingKeys(env: NodeJS.ProcessEnv) {
  const algorithm: string = env.JWT_ALGORITHM || 'HS256';
  if (!isAlgorithm(algorithm)) throw new Error('Invalid configuration: JWT_ALGORITHM must be HS256, ES256 or RS256');
  const claims = { algorithm, issuer: env.JWT_ISSUER || undefined, audience: env.JWT_AUDIENCE || undefined };
  if (algorithm === 'HS256') {
    const secret = env.JWT_SECRET ?? '';
    if (secret.length < 32) throw new Error('Invalid configuration: JWT_SECRET must be at least 32 characters');
    return { ...claims, secret };
  }
  if (!env.JWT_PUBLIC_KEYS)
    throw new Error(
      `Invalid configuration: JWT_PUBLIC_KEYS is required when JWT_ALGORITHM is ${algorithm} (PEM public keys)`,
    );
  try {
    return { ...claims, publicKeys: publicKeysFrom(env.JWT_PUBLIC_KEYS, algorithm) };
  } catch (error) {
    throw error instanceof KeyError ? new Error(`Invalid configuration: JWT_PUBLIC_KEYS ${error.message}`) : error;
  }
}

/** arn:aws:execute-api:region:account:apiId/stage/GET/user/myprofile -> arn:...:apiId/stage/*\/* */
function wholeStage(methodArn: string): string {
  const [api, stage] = methodArn.split('/');
  return `${api}/${stage}/*/*`;
}
