// Webhooks (contract v1.8) over HTTP, for scripts/contract-smoke.mjs, where the door delivers in the background
// (the local server and the container; on Lambda the scheduled function does, see lambda-offline-e2e.mjs): an
// endpoint made with the admin key, a registration, and its user.created arriving at an https receiver on this
// host, verified with the standardwebhooks package as a receiver would.
import { createServer } from 'node:https';
import { Webhook } from 'standardwebhooks';

const DELIVERY_LIMIT_MS = 20_000;

/** `adminKey`: one of the door's ADMIN_API_KEYS; `tls`: `{ key, cert }` the door trusts for 127.0.0.1. */
export async function webhookFlow({ call, check, adminKey, tls }) {
  const receiver = await startReceiver(tls);
  try {
    const admin = { authorization: `Bearer ${adminKey}` };
    const created = await call('POST', '/admin/webhooks', {
      headers: admin,
      body: { url: `https://127.0.0.1:${receiver.port}/hooks`, events: ['user.created'] },
    });
    const { id, secret = '' } = created.json ?? {};
    check(created.status === 201 && secret.startsWith('whsec_'), 'POST /admin/webhooks: 201 with its whsec_ secret');
    const email = `smoke-hook-${Date.now()}-${Math.random().toString(16).slice(2)}@example.com`;
    const started = Date.now();
    await call('POST', '/auth/register', { body: { email, password: 'correct horse' } });
    const event = await receiver.waitFor(
      new Webhook(secret),
      (e) => e.type === 'user.created' && e.data?.email === email,
    );
    check(
      Boolean(event),
      `user.created arrives, verified by standardwebhooks, ${event ? `after ${Date.now() - started} ms` : 'never'}`,
    );
    const page = await call('GET', `/admin/webhooks/${id}/deliveries`, { headers: admin });
    const [delivery] = page.json?.deliveries ?? [];
    check(
      delivery?.status === 'delivered' && delivery.lastStatusCode === 204,
      `GET /admin/webhooks/:id/deliveries: ${delivery?.status} after ${delivery?.attempts} attempt(s)`,
    );
  } finally {
    await receiver.stop();
  }
}

/** An https server on loopback that keeps every request's raw body and headers and answers 204. */
async function startReceiver(tls) {
  const received = [];
  const server = createServer(tls, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    /** The first request that `webhook` verifies and `wanted` accepts, waiting up to DELIVERY_LIMIT_MS. */
    async waitFor(webhook, wanted) {
      const found = () => received.map((request) => verified(webhook, request)).find((e) => e && wanted(e));
      for (const deadline = Date.now() + DELIVERY_LIMIT_MS; !found() && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 100));
      return found();
    },
    stop: () => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())),
  };
}

function verified(webhook, { body, headers }) {
  try {
    return webhook.verify(body, headers);
  } catch {
    return undefined; // a bad signature or an old timestamp: not the event
  }
}
