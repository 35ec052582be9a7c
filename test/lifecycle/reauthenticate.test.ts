import { bearer, logIn, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { makeStale } from '../helpers/privileged';
import { request } from '../helpers/request';
import { awayFromStepEdge, totpCode } from '../helpers/totp';
import { claimsOf, userWithTotp } from '../mfa/mfa-helpers';
import { addPasskey, loginOptions, userWithPasskey } from '../passkeys/passkey-helpers';
import { SoftAuthenticator } from '../helpers/authenticator';
import { RateLimit } from '../../src/limits/rate-limit.model';

useTestDatabase();
beforeEach(() => RateLimit.deleteMany({})); // every request comes from 127.0.0.1
const app = testApp();
const NO_SUCH_PASSKEY = '/user/passkeys/6b05aeb3e31649e5290a5c1c';
const reauthenticate = (token: string, body: object, on = app) =>
  request(on).post('/auth/reauthenticate').set(bearer(token)).send(body);

describe('POST /auth/reauthenticate', () => {
  it('answers the login shape for the same session with a new auth_time, and rotates its refresh token', async () => {
    const user = await registerUser(app);
    await makeStale(user.token);
    const now = Math.floor(Date.now() / 1000);

    const res = await reauthenticate(user.token, { password: user.password }).expect(200);

    expect(res.body).toEqual({
      auth: true,
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 604800,
    });
    const claims = claimsOf(res.body.token);
    expect(claims.sid).toBe(claimsOf(user.token).sid);
    expect(claims.auth_time).toBeGreaterThanOrEqual(now); // the stale session's was 601 s before
    expect(claims.amr).toEqual(['pwd']);
    await request(app).delete(NO_SUCH_PASSKEY).set(bearer(res.body.token)).expect(404);
    await request(app).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    const refreshed = await request(app)
      .post('/auth/refresh')
      .send({ refreshToken: res.body.refreshToken })
      .expect(200);
    expect(claimsOf(refreshed.body.token).auth_time).toBe(claims.auth_time);
  });

  it('answers 401 INVALID_CREDENTIALS to a thief who holds the access token but not the password', async () => {
    const owner = await registerUser(app);
    await makeStale(owner.token);

    const res = await reauthenticate(owner.token, { password: 'a guess at it' }).expect(401);

    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    await request(app).delete(NO_SUCH_PASSKEY).set(bearer(owner.token)).expect(403);
  });

  it('gives the refresh token in the cookie with X-Session-Transport: cookie, as a login does', async () => {
    const user = await registerUser(app);

    const res = await request(app)
      .post('/auth/reauthenticate')
      .set(bearer(user.token))
      .set('X-Session-Transport', 'cookie')
      .send({ password: user.password })
      .expect(200);

    expect(res.body.refreshToken).toBeUndefined();
    expect(String(res.headers['set-cookie'])).toMatch(/^authgate_refresh=[\w-]{43};.*HttpOnly/);
  });

  it('counts wrong passwords as failed attempts of the account: the login after them waits (429)', async () => {
    const limited = testApp({ RATE_LIMIT_ACCOUNT_FAILURES: '3' });
    const user = await registerUser(limited);

    for (let i = 0; i < 3; i++) await reauthenticate(user.token, { password: `guess ${i}` }, limited).expect(401);

    await request(limited).post('/auth/login').send({ email: user.email, password: user.password }).expect(429);
  });

  it('holds parallel wrong guesses as login does: at most RATE_LIMIT_ACCOUNT_FAILURES are evaluated', async () => {
    const limited = testApp({ RATE_LIMIT_ACCOUNT_FAILURES: '3' });
    const user = await registerUser(limited);

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => reauthenticate(user.token, { password: `guess ${i}` }, limited)),
    );

    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5); // the first backoff steps, on a slow machine
    expect(statuses.filter((status) => status !== 401).every((status) => status === 429)).toBe(true);
  });

  it('refuses a session that was revoked: 401 UNAUTHORIZED', async () => {
    const user = await registerUser(app);
    await request(app).post('/auth/logout').set(bearer(user.token)).expect(204);

    const res = await reauthenticate(user.token, { password: user.password }).expect(401);

    expect(res.body.code).toBe('UNAUTHORIZED');
  });

  it('answers 400 VALIDATION_FAILED for a body with neither a password nor a passkey', async () => {
    const user = await registerUser(app);

    const res = await reauthenticate(user.token, {}).expect(400);

    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('POST /auth/reauthenticate with TOTP on', () => {
  it('answers 401 INVALID_MFA_CODE to the password alone, and nothing is renewed', async () => {
    const user = await userWithTotp(app);
    await makeStale(user.token);

    const res = await reauthenticate(user.token, { password: user.password }).expect(401);

    expect(res.body.code).toBe('INVALID_MFA_CODE');
    await request(app).delete(NO_SUCH_PASSKEY).set(bearer(user.token)).expect(403);
  });

  it('takes the password and a TOTP code (amr pwd otp), or a recovery code (amr pwd mfa)', async () => {
    const user = await userWithTotp(app);
    await awayFromStepEdge();

    const otp = await reauthenticate(user.token, { password: user.password, code: totpCode(user.secret, 1) }).expect(
      200,
    );
    const recovery = await reauthenticate(user.token, { password: user.password, code: user.recoveryCodes[0] }).expect(
      200,
    );

    expect(claimsOf(otp.body.token).amr).toEqual(['pwd', 'otp']);
    expect(claimsOf(recovery.body.token).amr).toEqual(['pwd', 'mfa']);
  });

  it('counts wrong codes with the right password as failed attempts of the account', async () => {
    const limited = testApp({ RATE_LIMIT_ACCOUNT_FAILURES: '3' });
    const user = await userWithTotp(limited);

    for (const code of ['aaaaa-aaaaa', 'bbbbb-bbbbb', 'ccccc-ccccc']) {
      const res = await reauthenticate(user.token, { password: user.password, code }, limited).expect(401);
      expect(res.body.code).toBe('INVALID_MFA_CODE');
    }

    await request(limited).post('/auth/login').send({ email: user.email, password: user.password }).expect(429);
  });

  it('refuses a passkey that did not verify the person: it is one factor', async () => {
    const user = await userWithTotp(app);
    const { authenticator } = await addPasskey(app, user, new SoftAuthenticator({ userVerified: false }));
    const { challengeId, options } = await loginOptions(app, user.email);

    const res = await reauthenticate(user.token, { challengeId, passkey: authenticator.authenticate(options) }).expect(
      401,
    );

    expect(res.body.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('POST /auth/reauthenticate with a passkey', () => {
  it("takes a passkey of the account's own: amr hwk user", async () => {
    const user = await userWithPasskey(app);
    await makeStale(user.token);
    const { challengeId, options } = await loginOptions(app, user.email);

    const res = await reauthenticate(user.token, {
      challengeId,
      passkey: user.authenticator.authenticate(options),
    }).expect(200);

    expect(claimsOf(res.body.token).amr).toEqual(['hwk', 'user']);
    await request(app).delete(NO_SUCH_PASSKEY).set(bearer(user.token)).expect(404);
  });

  it("refuses another account's passkey: 401 INVALID_CREDENTIALS", async () => {
    const user = await registerUser(app);
    const eve = await userWithPasskey(app);
    const { challengeId, options } = await loginOptions(app);

    const res = await reauthenticate(user.token, { challengeId, passkey: eve.authenticator.authenticate(options) });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('parallel re-authentications of one session', () => {
  it('leave exactly one live refresh token: each rotation spends the one before, a lost race answers 401', async () => {
    const user = await registerUser(app);
    await makeStale(user.token);

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => reauthenticate(user.token, { password: user.password })),
    );

    const winners = answers.filter((res) => res.status === 200);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    for (const res of answers.filter((answer) => answer.status !== 200))
      expect([res.status, res.body.code]).toEqual([401, 'INVALID_REFRESH_TOKEN']);
    await request(app).delete(NO_SUCH_PASSKEY).set(bearer(user.token)).expect(404); // privileged at once
    const refreshes = [];
    for (const res of winners)
      // within REFRESH_REUSE_GRACE a spent one is only refused: the session lives on
      refreshes.push((await request(app).post('/auth/refresh').send({ refreshToken: res.body.refreshToken })).status);
    expect(refreshes.filter((status) => status === 200)).toHaveLength(1);
  });
});

describe('a second device', () => {
  it("renews only the session that re-authenticated: the other device's stays as old as it was", async () => {
    const user = await registerUser(app);
    const other = await logIn(app, user);
    await makeStale(user.token);
    await makeStale(other.token);

    await reauthenticate(user.token, { password: user.password }).expect(200);

    await request(app).delete(NO_SUCH_PASSKEY).set(bearer(other.token)).expect(403);
  });
});
