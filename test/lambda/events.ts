import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayTokenAuthorizerEvent,
  Context,
} from 'aws-lambda';

// Event shapes as API Gateway sends them (REST API v1 proxy, HTTP API v2, TOKEN authorizer).

export const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/GET/user/myprofile';

// extra headers as a browser sends them (Origin, X-Session-Transport); cookies: v1 carries them in the Cookie
// header, v2 in the event's `cookies` array
type Request = {
  method: string;
  path: string;
  body?: unknown;
  token?: string;
  sourceIp?: string;
  resource?: string;
  headers?: Record<string, string>;
  cookies?: string[];
};

export function restEvent({
  method,
  path,
  body,
  token,
  sourceIp = '198.51.100.10',
  resource = path,
  headers: extra,
  cookies,
}: Request): APIGatewayProxyEvent {
  const headers: Record<string, string> = {
    Host: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
    'User-Agent': 'jest-lambda',
    'X-Forwarded-For': `${sourceIp}, 130.176.0.1`,
    ...extra,
  };
  if (cookies) headers.Cookie = cookies.join('; ');
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  return {
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      authorizer: token ? { principalId: 'from-authorizer', integrationLatency: 0 } : null,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: { sourceIp, userAgent: 'jest-lambda' } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/dev${path}`,
      stage: 'dev',
      requestId: `req-${Math.random().toString(16).slice(2)}`,
      requestTimeEpoch: Date.now(),
      resourceId: 'abc123',
      resourcePath: resource,
    },
  };
}

export function httpApiEvent({ method, path, body, token, headers: extra, cookies }: Request): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {
    host: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
    'user-agent': 'jest-lambda',
    ...extra,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    ...(cookies ? { cookies } : {}),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      domainName: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abcdef1234',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.20', userAgent: 'jest-lambda' },
      requestId: `req-${Math.random().toString(16).slice(2)}`,
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
  };
}

export const tokenEvent = (authorizationToken: string): APIGatewayTokenAuthorizerEvent => ({
  type: 'TOKEN',
  authorizationToken,
  methodArn: METHOD_ARN,
});

export const lambdaContext = () =>
  ({
    callbackWaitsForEmptyEventLoop: true,
    awsRequestId: 'jest',
    functionName: 'authgate-dev-api',
    getRemainingTimeInMillis: () => 60_000,
  }) as unknown as Context;

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Calls the API handler as API Gateway's REST proxy does; the answer with its body parsed as `json`. */
export const restInvoker = (handler: ApiHandler) => async (request: Request) => {
  const result = await handler(restEvent(request), lambdaContext());
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
};
