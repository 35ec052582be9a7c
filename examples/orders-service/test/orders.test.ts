import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { call, register, startAll, type Stack } from './helpers.ts';

let stack: Stack;
let authgate = '';
let adminKey = '';
let orders = '';
before(async () => ({ authgate, adminKey, orders } = stack = await startAll()));
after(() => stack?.stop());

const order = (token: string, item = 'tea') => call(`${orders}/orders`, { token, body: { item, quantity: 1 } });

describe('a free user (no premium claim)', () => {
  it('orders with the token authgate gave at registration, and lists their own orders', async () => {
    const ada = await register(authgate);
    const placed = await order(ada.token, 'green tea');
    assert.equal(placed.status, 201);
    assert.equal(placed.body.item, 'green tea');
    const listed = await call(`${orders}/orders`, { token: ada.token });
    assert.deepEqual(
      listed.body.map((o: { id: string }) => o.id),
      [placed.body.id],
    );
    const other = await register(authgate);
    assert.deepEqual((await call(`${orders}/orders`, { token: other.token })).body, []);
  });

  it('answers 403 ORDER_LIMIT_REACHED at the fourth open order, and a cancelled one frees its slot', async () => {
    const ada = await register(authgate);
    const placed = [await order(ada.token), await order(ada.token), await order(ada.token)];
    assert.deepEqual(
      placed.map((res) => res.status),
      [201, 201, 201],
    );
    const fourth = await order(ada.token);
    assert.equal(fourth.status, 403);
    assert.equal(fourth.body.code, 'ORDER_LIMIT_REACHED');
    const cancelled = await call(`${orders}/orders/${placed[0].body.id}`, { method: 'DELETE', token: ada.token });
    assert.equal(cancelled.status, 204);
    assert.equal((await order(ada.token)).status, 201);
  });

  it('gets exactly 3 of 10 parallel orders: the limit holds under concurrency', async () => {
    const ada = await register(authgate);
    const answers = await Promise.all(Array.from({ length: 10 }, () => order(ada.token)));
    assert.equal(answers.filter((res) => res.status === 201).length, 3);
    assert.equal(answers.filter((res) => res.status === 403).length, 7);
  });

  it("answers 404 ORDER_NOT_FOUND when cancelling another user's order", async () => {
    const [ada, bob] = [await register(authgate), await register(authgate)];
    const placed = await order(ada.token);
    const res = await call(`${orders}/orders/${placed.body.id}`, { method: 'DELETE', token: bob.token });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'ORDER_NOT_FOUND');
  });
});

describe('premium granted through authgate', () => {
  it("lets the user order more once a refreshed token carries authgate's premium claim", async () => {
    const ada = await register(authgate);
    for (let i = 0; i < 3; i++) assert.equal((await order(ada.token)).status, 201);
    const granted = await fetch(`${authgate}/admin/users/${ada.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ premium: true }),
    });
    assert.equal(granted.status, 200);
    // the old token still says premium: false until it is refreshed (authgate computes the claim when it signs)
    assert.equal((await order(ada.token)).status, 403);
    const refreshed = await call(`${authgate}/auth/refresh`, { body: { refreshToken: ada.refreshToken } });
    assert.equal(refreshed.status, 200);
    const more = await Promise.all(Array.from({ length: 5 }, () => order(refreshed.body.token)));
    assert.deepEqual(
      more.map((res) => res.status),
      [201, 201, 201, 201, 201],
    );
  });
});

describe('a request without a valid authgate token', () => {
  it('answers 401 UNAUTHORIZED without a token', async () => {
    const res = await call(`${orders}/orders`);
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'UNAUTHORIZED');
  });

  it('answers 401 to a token with the right claims signed by another key', async () => {
    const ada = await register(authgate);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = await new SignJWT({ premium: true })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(ada.id)
      .setExpirationTime('5m')
      .sign(privateKey);
    assert.equal((await order(forged)).status, 401);
  });
});
