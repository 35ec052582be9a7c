import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '../helpers/database';
import { bearer, registerUser } from '../helpers/app';
import { verifiedUser } from '../helpers/lifecycle';
import {
  cookieFrom,
  fragmentOf,
  startOidcWorld,
  throughProvider,
  verifiedLogin,
  visit,
  type OidcWorld,
} from '../helpers/oidc';
import { request } from '../helpers/request';
import { claimsOf } from '../mfa/mfa-helpers';
import { Identity } from '../../src/oidc/oidc.models';
import { User } from '../../src/users/user.model';

useTestDatabase();
let world: OidcWorld;
beforeAll(async () => {
  world = await startOidcWorld();
});
afterAll(() => world.stop());

/** A browser's sign-in up to the callback's answer: where it is sent, with the flow cookie it holds. */
async function signIn(login: string, provider = 'test', query = '', on = () => world) {
  const start = await request(on().app).get(`/auth/oidc/${provider}/start?redirect=/home${query}`).expect(302);
  const cookie = cookieFrom(start.headers['set-cookie']);
  const location = await visit(await throughProvider(start.headers.location, login, on().apiUrl), cookie);
  return { location, cookie, authorizationUrl: String(start.headers.location) };
}
const exchange = (code: string | null, cookie: string, on = () => world) =>
  request(on().app).post('/auth/oidc/exchange').set('Cookie', cookie).send({ code });

describe('a provider that does not verify emails (the non-verifying identity provider attack)', () => {
  it('creates no account: #error=EMAIL_NOT_VERIFIED, and the owner of the address can still register', async () => {
    const victim = `unverified-${randomUUID()}@example.com`; // the test provider says email_verified: false for it

    const { location } = await signIn(victim);

    expect(fragmentOf(location).get('error')).toBe('EMAIL_NOT_VERIFIED');
    expect(await User.countDocuments({ email: victim })).toBe(0);
    expect(await Identity.countDocuments({ subject: victim })).toBe(0);
    await registerUser(world.app, { email: victim });
  });

  it('creates the account when the operator trusts the provider (trustEmail): its address counts as verified', async () => {
    const login = `unverified-${randomUUID()}@example.com`;

    const { location, cookie } = await signIn(login, 'trusted');

    const answer = (await exchange(fragmentOf(location).get('code'), cookie).expect(200)).body;
    expect(claimsOf(answer.token).email_verified).toBe(true);
    expect(await User.findOne({ email: login }).lean()).toMatchObject({ emailVerified: true });
  });
});

describe('the one-time code of the exchange (login CSRF)', () => {
  it("works only from the browser whose flow made it: the attacker's code, sent to a victim, signs nobody in", async () => {
    const attacker = await signIn(verifiedLogin()); // the attacker's own account, through the attacker's browser
    const code = fragmentOf(attacker.location).get('code');
    const victimsBrowser = cookieFrom(
      (await request(world.app).get('/auth/oidc/test/start').expect(302)).headers['set-cookie'],
    );

    const withoutCookie = await request(world.app).post('/auth/oidc/exchange').send({ code }).expect(400);
    const withOwnCookie = await exchange(code, victimsBrowser).expect(400);

    expect([withoutCookie.body.code, withOwnCookie.body.code]).toEqual(['INVALID_TOKEN', 'INVALID_TOKEN']);
    await exchange(code, attacker.cookie).expect(200); // refused tries did not spend it: its own browser still can
  });
});

describe('GET /auth/oidc/:provider/start', () => {
  it.each(['/./', '/../account', '/.//evil.test', '/%2e%2e/account', '/.%2f/evil.test', '/a/..', '/%2E/x'])(
    'answers 400 VALIDATION_FAILED to the dot-segment redirect %j',
    async (redirect) => {
      const res = await request(world.app)
        .get(`/auth/oidc/test/start?redirect=${encodeURIComponent(redirect)}`)
        .expect(400);

      expect(res.body.code).toBe('VALIDATION_FAILED');
    },
  );

  it('asks the provider to prove the person again with reauthenticate=1; the exchange opens a fresh session', async () => {
    const login = verifiedLogin();
    const first = await signIn(login);
    const old = (await exchange(fragmentOf(first.location).get('code'), first.cookie).expect(200)).body;
    await User.updateOne({ email: login }, { $set: { emailVerified: true } });

    const again = await signIn(login, 'test', '&reauthenticate=1');

    const url = new URL(again.authorizationUrl);
    expect([url.searchParams.get('prompt'), url.searchParams.get('max_age')]).toEqual(['login', '0']);
    const fresh = (await exchange(fragmentOf(again.location).get('code'), again.cookie).expect(200)).body;
    expect(claimsOf(fresh.token).sub).toBe(claimsOf(old.token).sub);
    expect(claimsOf(fresh.token).auth_time).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
    await request(world.app).delete('/user/passkeys/6b05aeb3e31649e5290a5c1c').set(bearer(fresh.token)).expect(404);
  });
});

describe('linking an identity', () => {
  it('answers 403 EMAIL_NOT_VERIFIED to an account whose address is not verified, and starts nothing', async () => {
    const attacker = await registerUser(world.app);

    const res = await request(world.app).post('/user/identities/test/start').set(bearer(attacker.token)).expect(403);

    expect(res.body.code).toBe('EMAIL_NOT_VERIFIED');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('works for a verified account', async () => {
    const owner = await verifiedUser(world.app);

    await request(world.app).post('/user/identities/test/start').set(bearer(owner.token)).expect(200);
  });
});

describe('REQUIRE_VERIFIED_EMAIL', () => {
  let strict: OidcWorld;
  beforeAll(async () => {
    strict = await startOidcWorld({ REQUIRE_VERIFIED_EMAIL: 'true' });
  });
  afterAll(() => strict.stop());

  it('makes the exchange refuse an account whose address is not verified: 403 EMAIL_NOT_VERIFIED', async () => {
    const login = verifiedLogin();
    const first = await signIn(login, 'test', '', () => strict);
    await exchange(fragmentOf(first.location).get('code'), first.cookie, () => strict).expect(200);
    await User.updateOne({ email: login }, { $set: { emailVerified: false } }); // an account made before v1.7

    const again = await signIn(login, 'test', '', () => strict);
    const res = await exchange(fragmentOf(again.location).get('code'), again.cookie, () => strict).expect(403);

    expect(res.body.code).toBe('EMAIL_NOT_VERIFIED');
  });
});
