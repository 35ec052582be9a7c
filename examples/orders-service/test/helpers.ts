import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';

// The real thing on both sides: authgate from this repository (its built dist/server.js, `npm run build` at the
// root) signing ES256 tokens, and this service as `npm start` runs it, over one MongoDB-compatible server.
const repo = new URL('../../../', import.meta.url).pathname;
const service = new URL('../', import.meta.url).pathname;

export type Stack = {
  authgate: string;
  adminKey: string;
  orders: string;
  /** The secret of the webhook endpoint authgate's admin created for this service (its user.* events). */
  webhookSecret: string;
  stop: () => Promise<void>;
};

/** A MongoDB server (MONGODB_URI, or authgate's embedded one), authgate, and this service. */
export async function startAll(): Promise<Stack> {
  const stops: (() => unknown)[] = [];
  const database = await startDatabase(stops);
  const adminKey = randomBytes(24).toString('hex');
  const { privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const authgate = await start(stops, [`${repo}dist/server.js`], repo, {
    MONGODB_URI: `${database}authgate-${randomUUID()}`,
    JWT_ALGORITHM: 'ES256',
    JWT_PRIVATE_KEYS: privateKey,
    ADMIN_API_KEYS: adminKey,
    RATE_LIMIT_ADDRESS_PER_MINUTE: '0', // every test request comes from one address
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
    LOG_LEVEL: 'warn',
  });
  // as an operator would: authgate's admin API creates the endpoint, its secret goes into this service's settings
  const ordersPort = await freePort();
  const endpoint = await call(`${authgate}/admin/webhooks`, {
    token: adminKey,
    body: {
      url: `http://127.0.0.1:${ordersPort}/webhooks/authgate`,
      events: ['user.created', 'user.email_verified', 'user.email_changed', 'user.updated', 'user.deleted'],
    },
  });
  if (endpoint.status !== 201) throw new Error(`POST /admin/webhooks answered ${endpoint.status}`);
  const webhookSecret: string = endpoint.body.secret;
  const orders = await start(
    stops,
    ['src/server.ts'],
    service,
    {
      MONGODB_URI: `${database}orders-${randomUUID()}`,
      AUTHGATE_URL: authgate,
      AUTHGATE_WEBHOOK_SECRET: webhookSecret,
    },
    ordersPort,
  );
  const stop = async () => void (await Promise.all(stops.reverse().map((stopOne) => stopOne())));
  return { authgate, adminKey, orders, webhookSecret, stop };
}

async function startDatabase(stops: (() => unknown)[]): Promise<string> {
  if (process.env.MONGODB_URI) return process.env.MONGODB_URI.replace(/\/?$/, '/');
  const { startEmbeddedDatabase } = createRequire(import.meta.url)(`${repo}dist/embedded-db.js`);
  const database = await startEmbeddedDatabase();
  stops.push(() => database.stop());
  return database.uri;
}

/** Starts a node process on a free port and waits until its /health answers. */
async function start(
  stops: (() => unknown)[],
  args: string[],
  cwd: string,
  env: Record<string, string>,
  port?: number,
): Promise<string> {
  port ??= await freePort();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  stops.push(() => child.kill());
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${args[0]} exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/health`).then(
        (res) => res.ok,
        () => false,
      )
    )
      return url;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${args[0]} did not answer within 10 s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A JSON request; answers status and body. */
export async function call(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(url, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: typeof init.body === 'string' ? init.body : init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Asks again every 100 ms until `check` holds (at most `seconds`); answers the last result. */
export async function eventually<T>(ask: () => Promise<T>, check: (result: T) => boolean, seconds = 15): Promise<T> {
  let result = await ask();
  for (let i = 0; i < seconds * 10 && !check(result); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    result = await ask();
  }
  return result;
}

export type Session = { id: string; email: string; password: string; token: string; refreshToken: string };

/** A new user, registered through authgate, as a client holds them. */
export async function register(authgate: string): Promise<Session> {
  const email = `user-${randomUUID()}@example.com`;
  const { status, body } = await call(`${authgate}/auth/register`, { body: { email, password: 'correct horse' } });
  if (status !== 201) throw new Error(`register answered ${status}`);
  const profile = await call(`${authgate}/user/myprofile`, { token: body.token });
  return { id: profile.body.id, email, password: 'correct horse', token: body.token, refreshToken: body.refreshToken };
}
