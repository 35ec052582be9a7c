import type { Express } from 'express';
import { adminAuth } from '../admin/admin-helpers';
import { registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { WebhookEndpoint } from '../../src/webhooks/webhook.models';
import { deliveryPass, productionEnv, subscribe, webhookEnv } from './helpers';
import { Receiver } from './receiver';

useTestDatabase();
let receiver: Receiver;
let app: Express;
beforeAll(async () => {
  receiver = await Receiver.start();
  app = testApp(webhookEnv());
});
afterAll(() => receiver.stop());

const admin = {
  create: (body: object) => request(app).post('/admin/webhooks').set(adminAuth()).send(body),
  list: () => request(app).get('/admin/webhooks').set(adminAuth()),
  remove: (id: string) => request(app).delete(`/admin/webhooks/${id}`).set(adminAuth()),
  rotate: (id: string) => request(app).post(`/admin/webhooks/${id}/secret`).set(adminAuth()),
  deliveries: (id: string, query = '') => request(app).get(`/admin/webhooks/${id}/deliveries${query}`).set(adminAuth()),
};
const MISSING = '6b0a1c2e9f1e4c3b2a190807';

describe('POST /admin/webhooks', () => {
  it('answers 201 with the endpoint and a whsec_ secret of 32 random bytes, kept sealed in the database', async () => {
    const res = await admin
      .create({ url: receiver.url('/created'), events: ['user.created'], description: 'orders' })
      .expect(201);

    expect(res.body).toMatchObject({ url: receiver.url('/created'), events: ['user.created'], description: 'orders' });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(res.body.secret.slice(6), 'base64')).toHaveLength(32);
    const stored = await WebhookEndpoint.findById(res.body.id).lean();
    expect(JSON.stringify(stored)).not.toContain(res.body.secret.slice(6));
  });

  it('answers 401 without the admin key', async () => {
    await request(app)
      .post('/admin/webhooks')
      .send({ url: receiver.url(), events: ['user.created'] })
      .expect(401);
  });

  it('answers 400 VALIDATION_FAILED for an unknown event type', async () => {
    const res = await admin.create({ url: receiver.url(), events: ['user.exploded'] }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers 400 INVALID_WEBHOOK_URL for something that is not an http(s) URL', async () => {
    for (const url of ['not a url', 'ftp://example.com/x', 'file:///etc/passwd']) {
      const res = await admin.create({ url, events: ['user.created'] }).expect(400);
      expect(res.body.code).toBe('INVALID_WEBHOOK_URL');
    }
  });

  describe('in production', () => {
    const production = () => testApp(productionEnv());

    it.each([
      ['http, not https', 'http://hooks.example.com/x'],
      ['a loopback address', 'https://127.0.0.1/x'],
      ['a private address', 'https://10.1.2.3/x'],
      ['a link-local address (cloud metadata)', 'https://169.254.169.254/latest'],
      ['an IPv6 loopback', 'https://[::1]/x'],
      ['a name that resolves to loopback', 'https://localhost/x'],
    ])('answers 400 INVALID_WEBHOOK_URL for %s', async (_what, url) => {
      const res = await request(production())
        .post('/admin/webhooks')
        .set(adminAuth())
        .send({ url, events: ['user.created'] });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_WEBHOOK_URL');
    });

    it('accepts a private address with WEBHOOK_ALLOW_PRIVATE=true, still only https', async () => {
      const allowed = testApp(productionEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }));
      const send = (url: string) =>
        request(allowed)
          .post('/admin/webhooks')
          .set(adminAuth())
          .send({ url, events: ['user.created'] });
      await send('https://10.1.2.3/hooks').expect(201);
      expect((await send('http://10.1.2.3/hooks').expect(400)).body.code).toBe('INVALID_WEBHOOK_URL');
    });
  });
});

describe('GET /admin/webhooks', () => {
  it('lists the endpoints without any secret', async () => {
    const { id, secret } = await subscribe(app, receiver, ['user.deleted']);

    const res = await admin.list().expect(200);

    expect(res.body.find((endpoint: { id: string }) => endpoint.id === id)).toMatchObject({ events: ['user.deleted'] });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|whsec_/);
    expect(JSON.stringify(res.body)).not.toContain(secret.slice(6));
  });
});

describe('DELETE /admin/webhooks/:id', () => {
  it('answers 204, and nothing more is sent to it: its pending deliveries end as failed', async () => {
    const lonely = await Receiver.start();
    const { id } = await subscribe(app, lonely, ['user.created']);
    await registerUser(app);
    await deliveryPass()(); // delivered
    await registerUser(app);
    await admin.remove(id).expect(204);

    await deliveryPass()();

    expect(lonely.received).toHaveLength(1);
    const listed = (await admin.list().expect(200)).body.map((endpoint: { id: string }) => endpoint.id);
    expect(listed).not.toContain(id);
    expect((await admin.remove(id).expect(404)).body.code).toBe('WEBHOOK_NOT_FOUND');
    await lonely.stop();
  });

  it('answers 404 WEBHOOK_NOT_FOUND for an unknown id on every route that names one', async () => {
    expect((await admin.remove(MISSING).expect(404)).body.code).toBe('WEBHOOK_NOT_FOUND');
    expect((await admin.rotate(MISSING).expect(404)).body.code).toBe('WEBHOOK_NOT_FOUND');
    expect((await admin.deliveries(MISSING).expect(404)).body.code).toBe('WEBHOOK_NOT_FOUND');
  });
});

describe('GET /admin/webhooks/:id/deliveries', () => {
  it('lists the deliveries newest first, with status, attempts and the last status code, page by page', async () => {
    const listener = await Receiver.start();
    const { id } = await subscribe(app, listener, ['user.created']);
    const users = [await registerUser(app), await registerUser(app), await registerUser(app)];
    listener.behave = (message) => (message.event.data.email === users[1].email ? 503 : 200);
    await deliveryPass()();

    const first = await admin.deliveries(id, '?limit=2').expect(200);
    const second = await admin.deliveries(id, `?limit=2&cursor=${first.body.nextCursor}`).expect(200);

    const all = [...first.body.deliveries, ...second.body.deliveries];
    expect(second.body.nextCursor).toBeNull();
    expect(all).toHaveLength(3);
    expect(all.map((d: { status: string }) => d.status)).toEqual(['delivered', 'pending', 'delivered']);
    expect(all[1]).toMatchObject({ type: 'user.created', attempts: 1, lastStatusCode: 503 });
    expect(new Date(all[1].nextAttemptAt).getTime()).toBeGreaterThan(Date.now());
    expect(all[0]).toMatchObject({ attempts: 1, lastStatusCode: 200, nextAttemptAt: null });
    expect(all[0].messageId).toMatch(/^msg_/);
    await listener.stop();
  });
});

describe('POST /admin/webhooks/:id/secret', () => {
  it('answers a new secret, different from the first', async () => {
    const { id, secret } = await subscribe(app, receiver, ['user.updated']);
    const res = await admin.rotate(id).expect(200);
    expect(res.body.secret).toMatch(/^whsec_/);
    expect(res.body.secret).not.toBe(secret);
  });
});

describe('the audit log', () => {
  it('records every admin webhook action', async () => {
    const { id } = await subscribe(app, receiver, ['user.updated']);
    await admin.list().expect(200);
    await admin.rotate(id).expect(200);
    await admin.deliveries(id).expect(200);
    await admin.remove(id).expect(204);

    const res = await request(app).get('/admin/audit?limit=10').set(adminAuth()).expect(200);
    const types = res.body.events.map((event: { type: string }) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'admin.webhook-created',
        'admin.webhooks-listed',
        'admin.webhook-secret-rotated',
        'admin.webhook-deliveries-read',
        'admin.webhook-deleted',
      ]),
    );
  });
});
