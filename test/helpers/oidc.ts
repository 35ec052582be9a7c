import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Express } from 'express';
import { testApp } from './app';

// The real OpenID Provider of test/helpers/oidc-test-provider.mjs in a child process, and the app listening
// for real on loopback (its callback is the redirect URI the provider sends the browser to).

export const APP_URL = 'https://app.example.com';
export type OidcWorld = { app: Express; apiUrl: string; issuer: string; stop: () => Promise<void> };

const portOf = (server: Server | TcpServer) => (server.address() as AddressInfo).port;
const listening = <S extends Server | TcpServer>(server: S) =>
  new Promise<S>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));

/**
 * Providers: `test` (a good client), `trusted` (the same provider, its entry with trustEmail: true), `evil` (a
 * client whose ID tokens the provider re-signs with another key), `down` (nothing listens) and `silent` (accepts
 * connections and never answers).
 */
export async function startOidcWorld(env: Record<string, string> = {}): Promise<OidcWorld> {
  const late: { app?: Express } = {}; // the server listens first: the app's config needs its port
  const server = await listening(createServer((req, res) => late.app!(req, res)));
  const apiUrl = `http://127.0.0.1:${portOf(server)}`;
  const callback = (id: string) => `${apiUrl}/auth/oidc/${id}/callback`;
  const clients = [
    { client_id: 'authgate', client_secret: 'authgate-test-secret', redirect_uris: [callback('test')] },
    { client_id: 'authgate-trusted', client_secret: 'authgate-trusted-secret', redirect_uris: [callback('trusted')] },
    {
      client_id: 'authgate-evil',
      client_secret: 'authgate-evil-secret',
      redirect_uris: [callback('evil')],
      tamper: true,
    },
  ];
  const { child, issuer } = await startProvider(clients);
  const freed = await listening(createTcpServer());
  const closedPort = portOf(freed);
  await new Promise((resolve) => freed.close(resolve)); // taken, then freed: nothing listens there
  const held: Socket[] = [];
  const silent = await listening(createTcpServer((socket) => void held.push(socket))); // takes connections, never answers
  const providers = [
    { id: 'test', issuer, clientId: 'authgate', clientSecret: 'authgate-test-secret' },
    { id: 'trusted', issuer, clientId: 'authgate-trusted', clientSecret: 'authgate-trusted-secret', trustEmail: true },
    { id: 'evil', issuer, clientId: 'authgate-evil', clientSecret: 'authgate-evil-secret' },
    { id: 'down', issuer: `http://127.0.0.1:${closedPort}`, clientId: 'x', clientSecret: 'x' },
    { id: 'silent', issuer: `http://127.0.0.1:${portOf(silent)}`, clientId: 'x', clientSecret: 'x' },
  ];
  const app = testApp({ APP_URL, API_URL: apiUrl, OIDC_PROVIDERS: JSON.stringify(providers), ...env });
  late.app = app;
  const stop = async () => {
    child.stdout?.destroy();
    child.kill('SIGKILL');
    held.forEach((socket) => socket.destroy());
    silent.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { app, apiUrl, issuer, stop };
}

export async function startProvider(clients: object[]): Promise<{ child: ChildProcess; issuer: string }> {
  const child = spawn(process.execPath, [join(__dirname, 'oidc-test-provider.mjs')], {
    env: { ...process.env, OIDC_TEST_CLIENTS: JSON.stringify(clients) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (line: Buffer) => resolve(JSON.parse(line.toString()).issuer));
    child.once('exit', (code) => reject(new Error(`the test provider exited (${code})`)));
  });
  return { child, issuer };
}

/**
 * A browser at the provider: follows its redirects with its cookies, fills in its login form with `login`
 * and submits its consent form, until the provider sends the browser back to the app. Answers that URL.
 */
export async function throughProvider(authorizationUrl: string, login: string, apiUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  let request: { url: string; body?: string } = { url: authorizationUrl };
  for (let step = 0; step < 20; step++) {
    const res = await fetch(request.url, {
      method: request.body === undefined ? 'GET' : 'POST',
      body: request.body,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(request.body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, request.url).href;
      if (next.startsWith(apiUrl)) return next;
      request = { url: next };
      continue;
    }
    request = formOf(await res.text(), request.url, login);
  }
  throw new Error('the provider did not send the browser back to the app within 20 steps');
}

function formOf(html: string, pageUrl: string, login: string): { url: string; body: string } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the provider's page ${pageUrl}: ${html.slice(0, 300)}`);
  const fields = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields.set(name, value);
  if (/name="login"/.test(html)) fields.set('login', login);
  if (/name="password"/.test(html)) fields.set('password', 'any password: the dev login takes any');
  return { url: new URL(action.replaceAll('&amp;', '&'), pageUrl).href, body: fields.toString() };
}

/** The fragment of the app URL that the callback redirects to. */
/** An email the test provider vouches for (verified), new for every call. */
export const verifiedLogin = () => `person-${randomUUID()}@example.com`;

export const fragmentOf = (location: string) => new URLSearchParams(new URL(location).hash.slice(1));

/** The browser's cookie (name=value) that a response set, for the next request to the app. */
export const cookieFrom = (setCookie: string | string[] | undefined) =>
  [setCookie ?? []]
    .flat()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

/** The app's callback (or any app URL) visited by the browser, with its cookie: where the app sends it next. */
export async function visit(url: string, cookie = ''): Promise<string> {
  const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  if (res.status !== 302) throw new Error(`${url} answered ${res.status}, not 302`);
  return res.headers.get('location')!;
}
