// MongoDB connects across 100 warm invocations of the real Lambda handler (dist/lambda.js).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const handlerFile = new URL('../dist/lambda.js', import.meta.url).pathname;

const readyEvent = (i) => ({
  resource: '/ready',
  path: '/ready',
  httpMethod: 'GET',
  headers: {},
  multiValueHeaders: {},
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: null,
  stageVariables: null,
  body: null,
  isBase64Encoded: false,
  requestContext: {
    accountId: '123456789012',
    apiId: 'bench',
    stage: 'dev',
    requestId: `bench-${i}`,
    resourcePath: '/ready',
    httpMethod: 'GET',
    path: '/dev/ready',
    identity: { sourceIp: '127.0.0.1' },
  },
});

export async function lambdaConnects(mongodbUri) {
  if (!existsSync(handlerFile)) return null;
  Object.assign(process.env, {
    NODE_ENV: 'production',
    MONGODB_URI: mongodbUri,
    JWT_SECRET: 'bench-secret-'.repeat(4),
    MFA_ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
    MAIL_TRANSPORT: 'smtp',
    SMTP_URL: 'smtp://127.0.0.1:1',
    MAIL_FROM: 'authgate <bench@authgate.test>',
    LOG_LEVEL: 'silent',
  });
  const mongoose = require('mongoose');
  const connect = mongoose.connect.bind(mongoose);
  let connects = 0;
  mongoose.connect = (...args) => {
    connects += 1; // counted, then passed through to the real driver
    return connect(...args);
  };
  const { handler } = require(handlerFile);
  for (let i = 0; i < 100; i++) {
    const res = await handler(readyEvent(i), { callbackWaitsForEmptyEventLoop: true, awsRequestId: `bench-${i}` });
    if (res.statusCode !== 200) throw new Error(`lambda invocation ${i} answered ${res.statusCode}`);
  }
  await mongoose.disconnect();
  return connects;
}
