import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '../helpers/database';
import { bearer } from '../helpers/app';
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
import { claimsOf, userWithTotp } from '../mfa/mfa-helpers';
import { awayFromStepEdge, totpCode } from '../helpers/totp';
import { User } from '../../src/users/user.model';
import { OidcCode } from '../../src/oidc/oidc.models';

useTestDatabase();
let world: OidcWorld;
beforeAll(async () => {
  world = await startOidcWorld();
});
afterAll(() => world.stop());

/** Through the provider up to the app's callback URL (not yet visited), and the browser's cookie. */
async function callbackFor(login: string, provider = 'test'): Promise<{ url: string; cookie: string }> {
  const start = await request(world.app).get(`/auth/oidc/${provider}/start?redirect=/home`).expect(302);
  return {
    url: await throughProvider(start.headers.location, login, world.apiUrl),
    cookie: cookieFrom(start.headers['set-cookie']),
  };
}

const codeFor = async (login: string) => {
  const callback = await callbackFor(login);
  const code = fragmentOf(await visit(callback.url, callback.cookie)).get('code');
  flowCookies.set(code ?? '', callback.cookie);
  return code;
};
// v1.7: the exchange is made from the browser that ran the flow, with its flow cookie
const flowCookies = new Map<string, string>();
const exchange = (code: string | null) =>
  request(world.app)
    .post('/auth/oidc/exchange')
    .set('Cookie', flowCookies.get(code ?? '') ?? '');

describe('the OIDC callback', () => {
  it('refuses a state used once already: #error=INVALID_STATE, and no second code', async () => {
    const callback = await callbackFor(verifiedLogin());
    await visit(callback.url, callback.cookie);
    const codes = await OidcCode.countDocuments();

    const replay = await visit(callback.url, callback.cookie);

    expect(replay).toBe('https://app.example.com/#error=INVALID_STATE');
    expect(await OidcCode.countDocuments()).toBe(codes);
  });

  it('gives one code to parallel callbacks with one state', async () => {
    const callback = await callbackFor(verifiedLogin());

    const locations = await Promise.all([1, 2, 3, 4].map(() => visit(callback.url, callback.cookie)));

    expect(locations.filter((location) => fragmentOf(location).has('code'))).toHaveLength(1);
    expect(locations.filter((location) => fragmentOf(location).get('error') === 'INVALID_STATE')).toHaveLength(3);
  });

  it("refuses a state that another provider's flow made", async () => {
    const callback = await callbackFor(verifiedLogin());

    const location = await visit(callback.url.replace('/auth/oidc/test/', '/auth/oidc/evil/'), callback.cookie);

    expect(fragmentOf(location).get('error')).toBe('INVALID_STATE');
  });

  it('refuses a callback without a known state', async () => {
    const location = await visit(`${world.apiUrl}/auth/oidc/test/callback?code=abc&state=${randomUUID()}`);

    expect(fragmentOf(location).get('error')).toBe('INVALID_STATE');
  });

  it('refuses a callback in a browser that did not start the sign-in (login CSRF), and still takes it in the one that did', async () => {
    const login = verifiedLogin();
    const callback = await callbackFor(login);

    expect(fragmentOf(await visit(callback.url)).get('error')).toBe('INVALID_STATE');
    expect(fragmentOf(await visit(callback.url, 'authgate_oidc=someone-elses')).get('error')).toBe('INVALID_STATE');
    expect(await User.exists({ email: login })).toBeNull();
    expect(fragmentOf(await visit(callback.url, callback.cookie)).get('code')).toBeTruthy();
  });

  it('refuses an ID token signed by another key: #error=PROVIDER_ERROR, no account made', async () => {
    const login = verifiedLogin();

    const callback = await callbackFor(login, 'evil');

    const location = await visit(callback.url, callback.cookie);

    expect(location).toBe('https://app.example.com/home#error=PROVIDER_ERROR');
    expect(await User.exists({ email: login })).toBeNull();
  });

  it('answers #error=PROVIDER_ERROR when the provider answers with an error', async () => {
    const start = await request(world.app).get('/auth/oidc/test/start').expect(302);
    const state = new URL(start.headers.location).searchParams.get('state');

    const location = await visit(
      `${world.apiUrl}/auth/oidc/test/callback?error=access_denied&state=${state}`,
      cookieFrom(start.headers['set-cookie']),
    );

    expect(location).toBe('https://app.example.com/#error=PROVIDER_ERROR');
  });
});

describe('POST /auth/oidc/exchange', () => {
  it('takes a code once: the second exchange is 400 INVALID_TOKEN', async () => {
    const code = await codeFor(verifiedLogin());
    await exchange(code).send({ code }).expect(200);

    const res = await exchange(code).send({ code }).expect(400);

    expect(res.body.code).toBe('INVALID_TOKEN');
  });

  it('gives exactly one session to parallel exchanges of one code', async () => {
    const code = await codeFor(verifiedLogin());

    const answers = await Promise.all([1, 2, 3, 4].map(() => exchange(code).send({ code })));

    expect(answers.map((res) => res.status).sort()).toEqual([200, 400, 400, 400]);
  });

  it('answers 400 INVALID_TOKEN for an unknown code', async () => {
    const res = await request(world.app).post('/auth/oidc/exchange').send({ code: randomUUID() }).expect(400);

    expect(res.body.code).toBe('INVALID_TOKEN');
  });

  it('answers through the cookie transport: the refresh token in the httpOnly cookie, not the body', async () => {
    const code = await codeFor(verifiedLogin());

    const res = await exchange(code).set('X-Session-Transport', 'cookie').send({ code }).expect(200);

    expect(res.body.refreshToken).toBeUndefined();
    expect(String(res.headers['set-cookie'])).toMatch(/^authgate_refresh=[^;]+;.*HttpOnly/);
  });

  it('answers mfaRequired for an account with TOTP on; the code then gives amr fed+otp', async () => {
    const user = await userWithTotp(world.app);
    const started = await request(world.app).post('/user/identities/test/start').set(bearer(user.token)).expect(200);
    expect(
      fragmentOf(
        await visit(
          await throughProvider(started.body.url, user.email, world.apiUrl),
          cookieFrom(started.headers['set-cookie']),
        ),
      ).get('linked'),
    ).toBe('test');
    const code = await codeFor(user.email);

    const step = (await exchange(code).send({ code }).expect(200)).body;

    expect(step).toEqual({
      auth: false,
      mfaRequired: true,
      mfaToken: expect.any(String),
      methods: ['totp', 'recovery'],
    });
    await awayFromStepEdge();
    const done = (
      await request(world.app)
        .post('/auth/mfa/verify')
        .send({ mfaToken: step.mfaToken, code: totpCode(user.secret, 1) })
        .expect(200)
    ).body;
    expect(claimsOf(done.token).amr).toEqual(['fed', 'otp']);
  });
});

describe('GET /auth/oidc/:provider/start', () => {
  it.each([
    '//evil.com',
    'https://evil.com/',
    '/\\evil.com',
    '/a\\b',
    'evil.com',
    '/a\rb',
    '/a\nLocation: x',
    '/a#b',
    '/a b',
    '',
  ])('answers 400 to the redirect %j', async (redirect) => {
    const res = await request(world.app)
      .get(`/auth/oidc/test/start?redirect=${encodeURIComponent(redirect)}`)
      .expect(400);

    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers 404 PROVIDER_NOT_FOUND for a provider not in OIDC_PROVIDERS', async () => {
    const res = await request(world.app).get('/auth/oidc/nobody/start').expect(404);

    expect(res.body.code).toBe('PROVIDER_NOT_FOUND');
  });

  it('answers 503 SERVICE_UNAVAILABLE when nothing listens at the provider', async () => {
    const res = await request(world.app).get('/auth/oidc/down/start').expect(503);

    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers 503 SERVICE_UNAVAILABLE, not a hang, when the provider never answers', async () => {
    const res = await request(world.app).get('/auth/oidc/silent/start').expect(503);

    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('sends the browser to the provider with PKCE S256, a state and a nonce, and the registered redirect URI', async () => {
    const res = await request(world.app).get('/auth/oidc/test/start?redirect=/account?tab=security').expect(302);

    const url = new URL(res.headers.location);
    expect(url.origin + url.pathname).toBe(`${world.issuer}/auth`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(`${world.apiUrl}/auth/oidc/test/callback`);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{32,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{32,}$/);
  });
});
