import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda';
import serverless from 'serverless-http';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { connectDatabase } from './db';
import { serviceUnavailable } from './errors/http-error';
import { PROBLEM_JSON, problemBody } from './errors/problem';
import { createLogger } from './logger';

// module scope: built once per Lambda container, reused by every warm invocation
const config = loadConfig();
if (!config.mongodbUri) throw new ConfigError('Invalid configuration: MONGODB_URI is required on Lambda');
const mongodbUri = config.mongodbUri;
const logger = createLogger(config.logLevel);
config.warnings.forEach((warning) => logger.warn(warning));
// nothing runs after a Lambda's answer: mail is sent before it (and forgot-password answers take one fixed time)
const proxy = serverless(createApp({ ...config, recovery: { ...config.recovery, mailBeforeAnswer: true } }, logger));

/** API Gateway (REST v1 proxy or HTTP API v2) in, the Express app's answer out. */
export async function handler(
  event: APIGatewayProxyEvent | APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyResult> {
  context.callbackWaitsForEmptyEventLoop = false; // the open MongoDB connection must not hold the answer
  if (isHealthCheck(event)) return (await proxy(event, context)) as APIGatewayProxyResult; // touches no database
  try {
    await connectDatabase(mongodbUri); // memoised; a failed attempt is forgotten and retried next time
  } catch (error) {
    logger.error({ err: error }, 'MongoDB connect failed');
    return unavailable();
  }
  return (await proxy(event, context)) as APIGatewayProxyResult;
}

type Event = (APIGatewayProxyEvent | APIGatewayProxyEventV2) & { requestPath?: string };

/** GET or HEAD /health, read from the event as serverless-http reads it for the app (so the app routes it alike). */
function isHealthCheck(event: Event): boolean {
  const v2 = 'version' in event && event.version === '2.0';
  const method =
    (v2 ? (event as APIGatewayProxyEventV2).requestContext.http.method : (event as APIGatewayProxyEvent).httpMethod) ||
    'GET';
  const path =
    event.requestPath || (v2 ? (event as APIGatewayProxyEventV2).rawPath : (event as APIGatewayProxyEvent).path);
  return path === '/health' && (method === 'GET' || method === 'HEAD');
}

function unavailable(): APIGatewayProxyResult {
  return {
    statusCode: 503,
    headers: { 'content-type': PROBLEM_JSON },
    body: JSON.stringify(problemBody(serviceUnavailable())),
  };
}
