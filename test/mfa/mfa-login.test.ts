import { request } from '../helpers/request';
import { bearer, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { awayFromStepEdge, totpCode } from '../helpers/totp';
import { MfaChallenge } from '../../src/mfa/mfa-challenge.model';
import { Session } from '../../src/sessions/session.model';
import { claimsOf, mfaTokenFor, userWithTotp } from './mfa-helpers';

useTestDatabase();
const app = testApp();
const verify = (body: object) => request(app).post('/auth/mfa/verify').send(body);

describe('POST /auth/login of an account with TOTP on', () => {
  it('answers mfaRequired with an mfaToken and the methods, and opens no session', async () => {
    const user = await userWithTotp(app);
    const sessionsBefore = await Session.countDocuments();

    const res = await request(app).post('/auth/login').send({ email: user.email, password: user.password });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      auth: false,
      mfaRequired: true,
      mfaToken: expect.stringMatching(/^[\w-]{43}$/),
      methods: ['totp', 'recovery'],
    });
    expect(await Session.countDocuments()).toBe(sessionsBefore);
  });

  it('still answers 401 INVALID_CREDENTIALS for a wrong password, without an mfaToken', async () => {
    const user = await userWithTotp(app);

    const res = await request(app).post('/auth/login').send({ email: user.email, password: 'wrong password' });

    expect(res.status).toBe(401);
    expect(res.body.mfaToken).toBeUndefined();
  });

  it('gives an mfaToken that no other route takes as an access token', async () => {
    const user = await userWithTotp(app);
    const mfaToken = await mfaTokenFor(app, user);

    await request(app).get('/user/myprofile').set(bearer(mfaToken)).expect(401);
    await request(app).post('/auth/refresh').send({ refreshToken: mfaToken }).expect(401);
  });
});

describe('POST /auth/mfa/verify', () => {
  it('logs in with the current TOTP code: the login shape, amr pwd+otp, a live session', async () => {
    const user = await userWithTotp(app);
    const mfaToken = await mfaTokenFor(app, user);
    await awayFromStepEdge();

    const res = await verify({ mfaToken, code: totpCode(user.secret, 1) });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      auth: true,
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 604800,
    });
    expect(claimsOf(res.body.token).amr).toEqual(['pwd', 'otp']);
    await request(app).get('/user/myprofile').set(bearer(res.body.token)).expect(200);
    const refreshed = await request(app)
      .post('/auth/refresh')
      .send({ refreshToken: res.body.refreshToken })
      .expect(200);
    expect(claimsOf(refreshed.body.token).amr).toEqual(['pwd', 'otp']);
  });

  it('refuses a code that was already accepted, and older ones (no replay within the window)', async () => {
    const user = await userWithTotp(app); // the enrollment spent the current step
    await awayFromStepEdge();

    const replay = await verify({ mfaToken: await mfaTokenFor(app, user), code: totpCode(user.secret) });
    const older = await verify({ mfaToken: await mfaTokenFor(app, user), code: totpCode(user.secret, -1) });

    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_MFA_CODE');
    expect(older.status).toBe(401);
  });

  it('accepts one step of drift and refuses two', async () => {
    const user = await userWithTotp(app);
    await awayFromStepEdge();

    await verify({ mfaToken: await mfaTokenFor(app, user), code: totpCode(user.secret, 2) }).expect(401);
    await verify({ mfaToken: await mfaTokenFor(app, user), code: totpCode(user.secret, 1) }).expect(200);
  });

  it('takes a recovery code once, in any case and without its dash: amr pwd+mfa', async () => {
    const user = await userWithTotp(app);
    const [code] = user.recoveryCodes;

    const first = await verify({
      mfaToken: await mfaTokenFor(app, user),
      recoveryCode: code.toUpperCase().replace('-', ''),
    });
    const again = await verify({ mfaToken: await mfaTokenFor(app, user), recoveryCode: code });

    expect(first.status).toBe(200);
    expect(claimsOf(first.body.token).amr).toEqual(['pwd', 'mfa']);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('INVALID_MFA_CODE');
    await request(app)
      .get('/user/mfa')
      .set(bearer(first.body.token))
      .expect(200, { totp: true, recoveryCodesLeft: 9, passkeys: 0 });
  });

  it('lets one of 20 parallel uses of one code in, each with its own mfaToken', async () => {
    const user = await userWithTotp(app);
    const mfaTokens = await Promise.all(Array.from({ length: 20 }, () => mfaTokenFor(app, user)));
    await awayFromStepEdge();
    const code = totpCode(user.secret, 1);

    const answers = await Promise.all(mfaTokens.map((mfaToken) => verify({ mfaToken, code })));

    expect(answers.filter((res) => res.status === 200)).toHaveLength(1);
    expect(answers.filter((res) => res.status === 401)).toHaveLength(19);
  });

  it('works once per mfaToken: a used one is 401 INVALID_MFA_TOKEN', async () => {
    const user = await userWithTotp(app);
    const mfaToken = await mfaTokenFor(app, user);
    await verify({ mfaToken, recoveryCode: user.recoveryCodes[0] }).expect(200);

    const res = await verify({ mfaToken, recoveryCode: user.recoveryCodes[1] });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_MFA_TOKEN');
  });

  it('answers 401 INVALID_MFA_TOKEN for a forged, an expired or an access token, and spends no code', async () => {
    const user = await userWithTotp(app);
    const mfaToken = await mfaTokenFor(app, user);
    await MfaChallenge.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const accessToken = (
      await verify({ mfaToken: await mfaTokenFor(app, user), recoveryCode: user.recoveryCodes[0] }).expect(200)
    ).body.token;

    for (const token of [mfaToken, 'x'.repeat(43), accessToken]) {
      const res = await verify({ mfaToken: token, recoveryCode: user.recoveryCodes[1] });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_MFA_TOKEN');
    }
    await verify({ mfaToken: await mfaTokenFor(app, user), recoveryCode: user.recoveryCodes[1] }).expect(200);
  });

  it.each([
    ['neither code nor recoveryCode', { mfaToken: 'x' }],
    ['both', { mfaToken: 'x', code: '123456', recoveryCode: 'abcde-fghjk' }],
    ['a malformed code', { mfaToken: 'x', code: '12 456' }],
    ['an object as mfaToken', { mfaToken: { $ne: null }, code: '123456' }],
  ])('answers 400 VALIDATION_FAILED for %s', async (_case, body) => {
    const res = await verify(body);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('wrong codes', () => {
  it('count as failed logins: past the limit 429, and a right password does not wipe the count', async () => {
    const limited = testApp({ RATE_LIMIT_ACCOUNT_FAILURES: '3' });
    const user = await userWithTotp(limited);
    const mfaToken = await mfaTokenFor(limited, user);
    await awayFromStepEdge();
    const wrong = totpCode(user.secret, 5);
    for (let i = 0; i < 3; i++)
      await request(limited).post('/auth/mfa/verify').send({ mfaToken, code: wrong }).expect(401);

    const fresh = await mfaTokenFor(limited, user).catch(() => null);
    const res = await request(limited)
      .post('/auth/mfa/verify')
      .send({ mfaToken: fresh ?? mfaToken, code: totpCode(user.secret, 1) });

    expect(res.status).toBe(429);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
  });
});
