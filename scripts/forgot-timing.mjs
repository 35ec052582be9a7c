// How long POST /auth/password/forgot takes for a known and for an unknown email, on the local server (the
// built dist/server.js, mail after the answer) and through the Lambda handler (dist/lambda.js with API Gateway
// REST v1 events, mail before the answer, every answer held to one time). Both mail over SMTP to a real
// server on loopback. Not a test: it prints figures. Usage: npm run build && node scripts/forgot-timing.mjs
// (ROUNDS=pairs per door, default 40 for the server and 15 for Lambda). ROUTE=email measures the start of a
// sign-in by email (POST /auth/email/start) instead, which must tell no more.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { startMailSink } from './mail-sink.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const root = new URL('..', import.meta.url).pathname;
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const database = process.env.MONGODB_URI ? null : await startEmbeddedDatabase();
const mongo = (name) =>
  `${(process.env.MONGODB_URI ?? database.uri).replace(/\/$/, '')}/authgate-forgot-${name}-${Date.now()}`;
const mail = await startMailSink();
const common = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  JWT_SECRET: 'forgot-timing-secret-'.repeat(3),
  MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
  ...mail.env,
};
const ROUTE = process.env.ROUTE === 'email' ? '/auth/email/start' : '/auth/password/forgot';
const SUBJECT = ROUTE === '/auth/email/start' ? 'your sign-in code' : 'reset your password';
console.log(`POST ${ROUTE}: known and unknown email`);
const resetMails = () => mail.mails.filter((m) => m.subject.includes(SUBJECT)).length;
const email = (kind, i) => `${kind}-${i}-${Date.now()}@example.com`;

function summary(label, millis) {
  const sorted = [...millis].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = millis.reduce((a, b) => a + b, 0) / millis.length;
  console.log(
    `${label.padEnd(34)} n=${String(millis.length).padStart(3)}  median ${at(0.5).toFixed(2).padStart(8)} ms  mean ${mean.toFixed(2).padStart(8)} ms  p10 ${at(0.1).toFixed(2).padStart(8)}  p90 ${at(0.9).toFixed(2).padStart(8)}  max ${sorted.at(-1).toFixed(2).padStart(8)}`,
  );
  return at(0.5);
}

/** Known and unknown, alternating, each known email an account of its own (3 reset mails per account per hour). */
async function measure(door, rounds, register, forgot) {
  const known = [];
  for (let i = 0; i < rounds; i++) known.push(await register(email('known', i)));
  for (let i = 0; i < 3; i++) await forgot(email('warm', i)); // warm-up
  const times = { known: [], unknown: [] };
  for (let i = 0; i < rounds; i++) {
    for (const kind of i % 2 ? ['unknown', 'known'] : ['known', 'unknown']) {
      const started = performance.now();
      const status = await forgot(kind === 'known' ? known[i] : email('unknown', i));
      times[kind].push(performance.now() - started);
      if (status !== 202) throw new Error(`${door}: forgot answered ${status}`);
    }
  }
  const a = summary(`${door}, known email`, times.known);
  const b = summary(`${door}, unknown email`, times.unknown);
  console.log(`${door}: median known − unknown = ${(a - b).toFixed(2)} ms\n`);
}

async function localServer(rounds) {
  const port = await freePort();
  const server = spawn(process.execPath, [`${root}dist/server.js`], {
    env: { ...process.env, ...common, PORT: String(port), MONGODB_URI: mongo('server') },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    i < 200 &&
    !(await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((resolve) => setTimeout(resolve, 100));
  const post = async (path, body) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  };
  try {
    await measure(
      'local server',
      rounds,
      async (address) => (await post('/auth/register', { email: address, password: 'correct horse' }), address),
      (address) => post(ROUTE, { email: address }),
    );
    console.log(`mails received by now: ${resetMails()}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    console.log(`mails received once the server has stopped: ${resetMails()}\n`);
  }
}

function restEvent(path, body, sourceIp) {
  const headers = {
    Host: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
    'User-Agent': 'forgot-timing',
    'X-Forwarded-For': `${sourceIp}, 130.176.0.1`,
    'Content-Type': 'application/json',
  };
  return {
    resource: path,
    path,
    httpMethod: 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: 'POST',
      identity: { sourceIp, userAgent: 'forgot-timing' },
      path: `/dev${path}`,
      stage: 'dev',
      requestId: `req-${Math.random().toString(16).slice(2)}`,
      requestTimeEpoch: Date.now(),
      resourceId: 'abc123',
      resourcePath: path,
    },
  };
}

async function lambdaHandler(rounds) {
  Object.assign(process.env, common, { MONGODB_URI: mongo('lambda') });
  const { handler } = require('../dist/lambda.js');
  const context = () => ({
    callbackWaitsForEmptyEventLoop: true,
    awsRequestId: 'timing',
    functionName: 'authgate-dev-api',
  });
  const invoke = async (path, body) => (await handler(restEvent(path, body, '198.51.100.10'), context())).statusCode;
  await measure(
    'Lambda handler',
    rounds,
    async (address) => (await invoke('/auth/register', { email: address, password: 'correct horse' }), address),
    (address) => invoke(ROUTE, { email: address }),
  );
  await require('../dist/db.js').disconnectDatabase();
}

try {
  await localServer(Number(process.env.ROUNDS ?? 40));
  await lambdaHandler(Number(process.env.ROUNDS ?? 15));
  console.log(`mails received by the SMTP server in all: ${resetMails()}`);
} finally {
  await mail.stop();
  await database?.stop();
}
