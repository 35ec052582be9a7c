import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '../helpers/database';
import { bearer, registerUser } from '../helpers/app';
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
import { User } from '../../src/users/user.model';
import { Identity } from '../../src/oidc/oidc.models';

useTestDatabase();
let world: OidcWorld;
beforeAll(async () => {
  world = await startOidcWorld();
});
afterAll(() => world.stop());

/** Start, the provider's pages, and the app's callback, over real HTTP: where the callback sends the browser. */
async function signInAt(
  login: string,
  provider = 'test',
  redirect = '/welcome',
): Promise<{ location: string; callbackUrl: string }> {
  const start = await request(world.app)
    .get(`/auth/oidc/${provider}/start?redirect=${encodeURIComponent(redirect)}`)
    .expect(302);
  const callbackUrl = await throughProvider(start.headers.location, login, world.apiUrl);
  const cookie = cookieFrom(start.headers['set-cookie']);
  const location = await visit(callbackUrl, cookie);
  flowCookies.set(location, cookie);
  return { location, callbackUrl };
}

// v1.7: the exchange is made from the browser that ran the flow, with its flow cookie
const flowCookies = new Map<string, string>();

async function exchange(location: string) {
  const code = fragmentOf(location).get('code');
  expect(code).toBeTruthy();
  return (
    await request(world.app)
      .post('/auth/oidc/exchange')
      .set('Cookie', flowCookies.get(location) ?? '')
      .send({ code })
      .expect(200)
  ).body;
}

describe('a sign-in through the OIDC provider', () => {
  it('creates an account on the first sign-in: no password, email verified, a session with amr fed', async () => {
    const login = verifiedLogin();

    const { location } = await signInAt(login);

    expect(location.startsWith('https://app.example.com/welcome#code=')).toBe(true);
    const answer = await exchange(location);
    expect(answer).toEqual({
      auth: true,
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
    });
    expect(claimsOf(answer.token).amr).toEqual(['fed']);
    const profile = (await request(world.app).get('/user/myprofile').set(bearer(answer.token)).expect(200)).body;
    expect(profile.email).toBe(login);
    const user = await User.findOne({ email: login }).select('+password').lean();
    expect(user?.password).toBeUndefined();
    expect(user?.emailVerified).toBe(true);
  });

  it('finds the same account on the second sign-in', async () => {
    const login = verifiedLogin();
    const first = await exchange((await signInAt(login)).location);

    const second = await exchange((await signInAt(login)).location);

    expect(claimsOf(second.token).sub).toBe(claimsOf(first.token).sub);
    expect(await User.countDocuments({ email: login })).toBe(1);
  });

  it('answers 401 INVALID_CREDENTIALS to a password login of an account made by a provider', async () => {
    const login = verifiedLogin();
    await exchange((await signInAt(login)).location);

    const res = await request(world.app)
      .post('/auth/login')
      .send({ email: login, password: 'any password at all' })
      .expect(401);

    expect(res.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 401 INVALID_CREDENTIALS where a route asks an account made by a provider for its current password', async () => {
    const { token } = await exchange((await signInAt(verifiedLogin())).location);

    const answers = [
      await request(world.app)
        .put('/user/password')
        .set(bearer(token))
        .send({ currentPassword: 'anything at all', newPassword: 'battery staple horse' }),
      await request(world.app).delete('/user/myprofile').set(bearer(token)).send({ password: 'anything at all' }),
      await request(world.app).post('/user/mfa/totp').set(bearer(token)).send({ password: 'anything at all' }),
    ];

    expect(answers.map((res) => [res.status, res.body.code])).toEqual([
      [401, 'INVALID_CREDENTIALS'],
      [401, 'INVALID_CREDENTIALS'],
      [401, 'INVALID_CREDENTIALS'],
    ]);
    await request(world.app).get('/user/myprofile').set(bearer(token)).expect(200);
  });

  it('answers #error=ACCOUNT_EXISTS and joins nothing when an account has that email unverified', async () => {
    const user = await registerUser(world.app);

    const { location } = await signInAt(user.email);

    expect(location).toBe('https://app.example.com/welcome#error=ACCOUNT_EXISTS');
    expect(await Identity.countDocuments({ subject: user.email })).toBe(0);
  });

  it('answers #error=ACCOUNT_EXISTS when the provider has not verified the email', async () => {
    const user = await registerUser(world.app);
    await User.updateOne({ email: user.email }, { $set: { emailVerified: true } });
    const login = `unverified-${randomUUID()}@example.com`;
    await User.updateOne({ email: user.email }, { $set: { email: login } });

    const { location } = await signInAt(login);

    expect(fragmentOf(location).get('error')).toBe('ACCOUNT_EXISTS');
    expect(await Identity.countDocuments({ subject: login })).toBe(0);
  });

  it('joins the account with that email when both sides have verified it', async () => {
    const user = await registerUser(world.app);
    await User.updateOne({ email: user.email }, { $set: { emailVerified: true } });

    const answer = await exchange((await signInAt(user.email)).location);

    expect(claimsOf(answer.token).sub).toBe(claimsOf(user.token).sub);
  });

  it('answers #error=EMAIL_REQUIRED and creates nothing when the provider gives no email', async () => {
    const login = `no-email-${randomUUID()}`;

    const { location } = await signInAt(login);

    expect(fragmentOf(location).get('error')).toBe('EMAIL_REQUIRED');
    expect(await Identity.countDocuments({ subject: login })).toBe(0);
  });

  it('answers #error=ACCOUNT_DISABLED for a disabled account', async () => {
    const login = verifiedLogin();
    await exchange((await signInAt(login)).location);
    await User.updateOne({ email: login }, { $set: { disabled: true } });

    const { location } = await signInAt(login);

    expect(fragmentOf(location).get('error')).toBe('ACCOUNT_DISABLED');
  });
});
