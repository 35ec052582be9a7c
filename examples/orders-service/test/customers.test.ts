import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { call, eventually, register, startAll, type Stack } from './helpers.ts';

// The users this service knows, from authgate's webhooks as authgate really sends them (its admin created the
// endpoint; authgate's background delivery posts to this service as `npm start` runs it).
let stack: Stack;
let authgate = '';
let adminKey = '';
let orders = '';
before(async () => ({ authgate, adminKey, orders } = stack = await startAll()));
after(() => stack?.stop());

const me = (token: string) => call(`${orders}/me`, { token });

/** A message signed with the endpoint's secret, as authgate signs one. */
function signed(id: string, event: { type: string; timestamp: string; data: object }) {
  const body = JSON.stringify(event);
  const now = new Date();
  const signature = new Webhook(stack.webhookSecret).sign(id, now, body);
  const headers = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)) };
  return { body, headers: { ...headers, 'webhook-signature': signature, 'content-type': 'application/json' } };
}
const deliver = (message: ReturnType<typeof signed>) =>
  call(`${orders}/webhooks/authgate`, { method: 'POST', ...message });

describe('users kept in sync by authgate webhooks', () => {
  it('knows a user registered at authgate, by the user.created event', async () => {
    const ada = await register(authgate);
    const known = await eventually(
      () => me(ada.token),
      (res) => res.status === 200,
    );
    assert.equal(known.status, 200);
    assert.equal(known.body.email, ada.email);
    assert.equal(known.body.premium, false);
  });

  it('learns that an admin granted premium, by the user.updated event', async () => {
    const ada = await register(authgate);
    const patched = await call(`${authgate}/admin/users/${ada.id}`, {
      method: 'PATCH',
      token: adminKey,
      body: { premium: true },
    });
    assert.equal(patched.status, 200);
    const known = await eventually(
      () => me(ada.token),
      (res) => res.body?.premium === true,
    );
    assert.equal(known.body.premium, true);
  });

  it('cancels the open orders of a user who deleted their account, and refuses their unexpired token', async () => {
    const ada = await register(authgate);
    const placed = await call(`${orders}/orders`, { token: ada.token, body: { item: 'tea', quantity: 1 } });
    assert.equal(placed.status, 201);
    await eventually(
      () => me(ada.token),
      (res) => res.status === 200,
    );
    const deleted = await call(`${authgate}/user/myprofile`, {
      method: 'DELETE',
      token: ada.token,
      body: { password: ada.password },
    });
    assert.equal(deleted.status, 204);
    const refused = await eventually(
      () => me(ada.token),
      (res) => res.status === 401,
    );
    assert.equal(refused.status, 401); // the token itself is still valid for minutes: only the event says no
    const other = await register(authgate);
    assert.equal((await call(`${orders}/orders`, { token: other.token })).status, 200);
  });

  it('answers 400 INVALID_SIGNATURE to a message not signed with the secret, and applies nothing', async () => {
    const ada = await register(authgate);
    await eventually(
      () => me(ada.token),
      (res) => res.status === 200,
    );
    const forged = signed(`msg_${randomUUID()}`, {
      type: 'user.deleted',
      timestamp: new Date().toISOString(),
      data: { id: ada.id, email: ada.email },
    });
    forged.headers['webhook-signature'] = `v1,${Buffer.alloc(32).toString('base64')}`;
    const answer = await deliver(forged);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'INVALID_SIGNATURE');
    assert.equal((await me(ada.token)).status, 200);
  });

  it('applies a message once by its webhook-id, and never lets an older event undo a newer one', async () => {
    const ada = await register(authgate);
    await eventually(
      () => me(ada.token),
      (res) => res.status === 200,
    );
    const data = (name: string) => ({ id: ada.id, email: ada.email, name, premium: false });
    const later = new Date(Date.now() + 60_000).toISOString();
    const id = `msg_${randomUUID()}`;
    assert.equal(
      (await deliver(signed(id, { type: 'user.updated', timestamp: later, data: data('Ada') }))).status,
      204,
    );
    // the same id again, whatever it carries: already applied
    await deliver(signed(id, { type: 'user.updated', timestamp: later, data: data('Not Ada') }));
    // a retry of an older event, arriving late
    const earlier = new Date(Date.now() - 60_000).toISOString();
    await deliver(signed(`msg_${randomUUID()}`, { type: 'user.updated', timestamp: earlier, data: data('Old Ada') }));
    assert.equal((await me(ada.token)).body.name, 'Ada');
  });
});
