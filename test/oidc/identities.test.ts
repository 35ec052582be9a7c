import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '../helpers/database';
import { bearer } from '../helpers/app';
import { verifiedUser } from '../helpers/lifecycle';
import { cookieFrom, fragmentOf, startOidcWorld, throughProvider, visit, type OidcWorld } from '../helpers/oidc';
import { request } from '../helpers/request';
import { claimsOf } from '../mfa/mfa-helpers';
import { Identity } from '../../src/oidc/oidc.models';

useTestDatabase();
let world: OidcWorld;
beforeAll(async () => {
  world = await startOidcWorld();
});
afterAll(() => world.stop());

/** Links the identity `login` at the test provider to the holder of `token`: where the callback sends the browser. */
async function link(token: string, login: string): Promise<string> {
  const started = await request(world.app)
    .post('/user/identities/test/start?redirect=/settings')
    .set(bearer(token))
    .expect(200);
  return visit(await throughProvider(started.body.url, login, world.apiUrl), cookieFrom(started.headers['set-cookie']));
}

/** A first sign-in through the provider: the access token of the new account. */
async function signedInThroughProvider(login: string): Promise<string> {
  const start = await request(world.app).get('/auth/oidc/test/start').expect(302);
  const cookie = cookieFrom(start.headers['set-cookie']);
  const code = fragmentOf(await visit(await throughProvider(start.headers.location, login, world.apiUrl), cookie)).get(
    'code',
  );
  return (await request(world.app).post('/auth/oidc/exchange').set('Cookie', cookie).send({ code }).expect(200)).body
    .token;
}

describe("the signed-in user's identities", () => {
  it('links an identity to the signed-in account; signing in with it opens that account', async () => {
    const user = await verifiedUser(world.app);
    const subject = `someone-${randomUUID()}@example.org`;

    expect(await link(user.token, subject)).toBe('https://app.example.com/settings#linked=test');

    const identities = (await request(world.app).get('/user/identities').set(bearer(user.token)).expect(200)).body;
    expect(identities).toEqual([{ provider: 'test', subject, email: subject, linkedAt: expect.any(String) }]);
    expect(claimsOf(await signedInThroughProvider(subject)).sub).toBe(claimsOf(user.token).sub);
  });

  it('refuses to link an identity that belongs to another account: #error=IDENTITY_TAKEN', async () => {
    const subject = `taken-${randomUUID()}@example.org`;
    await signedInThroughProvider(subject);
    const user = await verifiedUser(world.app);

    expect(fragmentOf(await link(user.token, subject)).get('error')).toBe('IDENTITY_TAKEN');
    expect((await request(world.app).get('/user/identities').set(bearer(user.token)).expect(200)).body).toEqual([]);
  });

  it('links nothing when the link URL is finished in another browser (without the flow cookie): #error=INVALID_STATE', async () => {
    const asker = await verifiedUser(world.app);
    const started = await request(world.app)
      .post('/user/identities/test/start?redirect=/settings')
      .set(bearer(asker.token))
      .expect(200);

    const landing = await visit(
      await throughProvider(started.body.url, `victim-${randomUUID()}@example.org`, world.apiUrl),
    );

    expect(fragmentOf(landing).get('error')).toBe('INVALID_STATE');
    expect((await request(world.app).get('/user/identities').set(bearer(asker.token)).expect(200)).body).toEqual([]);
  });

  it('answers 401 to a link without an access token', async () => {
    await request(world.app).post('/user/identities/test/start').expect(401);
  });

  it('unlinks an identity of an account that has a password', async () => {
    const user = await verifiedUser(world.app);
    await link(user.token, `unlink-${randomUUID()}@example.org`);

    await request(world.app).delete('/user/identities/test').set(bearer(user.token)).expect(204);

    expect((await request(world.app).get('/user/identities').set(bearer(user.token)).expect(200)).body).toEqual([]);
  });

  it('answers 409 LAST_LOGIN_METHOD to unlinking the only way into an account without a password', async () => {
    const subject = `only-${randomUUID()}@example.org`;
    const token = await signedInThroughProvider(subject);

    const res = await request(world.app).delete('/user/identities/test').set(bearer(token)).expect(409);

    expect(res.body.code).toBe('LAST_LOGIN_METHOD');
    expect(await Identity.countDocuments({ subject })).toBe(1);
  });

  it('never leaves an account without a password with no way in, whatever parallel unlinks do', async () => {
    const subject = `two-${randomUUID()}@example.org`;
    const token = await signedInThroughProvider(subject);
    const userId = claimsOf(token).sub;
    await Identity.create({
      userId,
      provider: 'other',
      subject: `other-${randomUUID()}`,
      email: null,
      linkedAt: new Date(),
    });

    const answers = await Promise.all(
      ['test', 'other'].map((provider) => request(world.app).delete(`/user/identities/${provider}`).set(bearer(token))),
    );

    expect(answers.map((res) => res.status)).toContain(409);
    expect(await Identity.countDocuments({ userId })).toBeGreaterThanOrEqual(1);
  });

  it('answers 404 IDENTITY_NOT_FOUND for a provider the account has no identity at', async () => {
    const user = await verifiedUser(world.app);

    const res = await request(world.app).delete('/user/identities/test').set(bearer(user.token)).expect(404);

    expect(res.body.code).toBe('IDENTITY_NOT_FOUND');
  });

  it('removes the identities with the account', async () => {
    const user = await verifiedUser(world.app);
    const subject = `gone-${randomUUID()}@example.org`;
    await link(user.token, subject);

    await request(world.app)
      .delete('/user/myprofile')
      .set(bearer(user.token))
      .send({ password: user.password })
      .expect(204);

    expect(await Identity.countDocuments({ subject })).toBe(0);
  });
});
