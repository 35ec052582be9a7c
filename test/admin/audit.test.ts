import { request } from '../helpers/request';
import { bearer, logIn, registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { awayFromStepEdge, totpCode } from '../helpers/totp';
import { AuditEvent } from '../../src/audit/audit.model';
import { mfaTokenFor, userWithTotp } from '../mfa/mfa-helpers';
import { ADMIN_KEY, adminAuth } from './admin-helpers';

useTestDatabase();
const app = testApp({ ADMIN_API_KEYS: ADMIN_KEY, RATE_LIMIT_ACCOUNT_FAILURES: '2', REFRESH_REUSE_GRACE: '0' });
const typesOf = async (userId: string) =>
  (await AuditEvent.find({ userId }).sort({ _id: 1 }).lean()).map((event) => event.type);
const idOf = async (token: string) =>
  (await request(app).get('/user/myprofile').set(bearer(token)).expect(200)).body.id as string;

describe('the audit log', () => {
  it("writes one event per action of a session's life, with the address, the user agent and the actor", async () => {
    const user = await registerUser(app);
    const userId = await idOf(user.token);
    await request(app).post('/auth/login').send({ email: user.email, password: 'wrong password' }).expect(401);
    const second = await logIn(app, user);
    const third = await logIn(app, user);
    const sessionId = (await request(app).get('/user/sessions').set(bearer(second.token))).body.find(
      (s: { current: boolean }) => s.current,
    ).id;
    await request(app).delete(`/user/sessions/${sessionId}`).set(bearer(user.token)).expect(204);
    await request(app)
      .put('/user/password')
      .set(bearer(user.token))
      .send({ currentPassword: user.password, newPassword: 'a changed secret' })
      .expect(204);
    await request(app).post('/auth/logout').set(bearer(user.token)).expect(204);

    expect(await typesOf(userId)).toEqual([
      'register',
      'login.failed',
      'login.succeeded',
      'login.succeeded',
      'session.revoked',
      'password.changed',
      'logout',
    ]);
    const [event] = await AuditEvent.find({ userId, type: 'login.succeeded' }).lean();
    expect(event).toMatchObject({
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'second-device',
      actor: 'user',
    });
    expect(third.token).toBeDefined();
  });

  it('records a blocked login, a refresh-token reuse and a deletion', async () => {
    const user = await registerUser(app);
    const userId = await idOf(user.token);
    for (let i = 0; i < 3; i++)
      await request(app).post('/auth/login').send({ email: user.email, password: 'wrong password' });
    const rotated = (await request(app).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200))
      .body;
    await request(app).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    const fresh = await registerUser(app);
    await request(app)
      .delete('/user/myprofile')
      .set(bearer(fresh.token))
      .send({ password: fresh.password })
      .expect(204);

    expect(await typesOf(userId)).toEqual([
      'register',
      'login.failed',
      'login.failed',
      'login.blocked',
      'refresh.reused',
    ]);
    expect(
      await typesOf(
        await AuditEvent.findOne({ type: 'register' })
          .sort({ _id: -1 })
          .lean()
          .then((e) => e!.userId!.toString()),
      ),
    ).toEqual(['register', 'account.deleted']);
    expect(rotated.token).toBeDefined();
  });

  it('records TOTP enabled, a verified and a failed second factor, new recovery codes and TOTP disabled', async () => {
    const user = await userWithTotp(app);
    const userId = await idOf(user.token);
    await awayFromStepEdge();
    await request(app)
      .post('/auth/mfa/verify')
      .send({ mfaToken: await mfaTokenFor(app, user), code: totpCode(user.secret, 3) })
      .expect(401);
    await request(app)
      .post('/auth/mfa/verify')
      .send({ mfaToken: await mfaTokenFor(app, user), recoveryCode: user.recoveryCodes[0] })
      .expect(200);
    await request(app)
      .post('/user/mfa/recovery-codes')
      .set(bearer(user.token))
      .send({ password: user.password, code: user.recoveryCodes[1] })
      .expect(200);
    const codes = (
      await request(app)
        .post('/user/mfa/recovery-codes')
        .set(bearer(user.token))
        .send({ password: user.password, code: user.recoveryCodes[2] })
    ).status;
    await request(app)
      .delete('/user/mfa/totp')
      .set(bearer(user.token))
      .send({ password: user.password, code: totpCode(user.secret, 1) })
      .expect(204);

    expect(codes).toBe(401); // the old set died
    expect(await typesOf(userId)).toEqual([
      'register',
      'mfa.totp-enabled',
      'mfa.failed',
      'mfa.verified',
      'mfa.recovery-codes-replaced',
      'mfa.totp-disabled',
    ]);
  });

  it("records every admin action with the key's fingerprint as actor, never the key", async () => {
    const user = await registerUser(app);
    const userId = await idOf(user.token);

    await request(app).patch(`/admin/users/${userId}`).set(adminAuth()).send({ premium: true }).expect(200);
    await request(app).get(`/admin/users/${userId}`).set(adminAuth()).expect(200);
    await request(app).delete(`/admin/users/${userId}/sessions`).set(adminAuth()).expect(204);

    const events = await AuditEvent.find({ userId, type: /^admin\./ })
      .sort({ _id: 1 })
      .lean();
    expect(events.map((event) => event.type)).toEqual([
      'admin.user-updated',
      'admin.user-read',
      'admin.sessions-revoked',
    ]);
    events.forEach((event) => expect(event.actor).toMatch(/^admin:[0-9a-f]{12}$/));
  });

  it('holds no password, token, refresh token, code, secret or key in any field of any event', async () => {
    const password = 'a secret nobody guesses';
    const user = await userWithTotp(app);
    const other = await registerUser(app, { password });
    await request(app).post('/auth/login').send({ email: other.email, password: 'the wrong secret here' });
    await request(app)
      .put('/user/password')
      .set(bearer(other.token))
      .send({ currentPassword: password, newPassword: 'the next secret here' })
      .expect(204);
    await request(app)
      .post('/auth/mfa/verify')
      .send({ mfaToken: await mfaTokenFor(app, user), recoveryCode: user.recoveryCodes[5] })
      .expect(200);
    await request(app).get('/admin/audit').set(adminAuth()).expect(200);

    const everything = JSON.stringify(await AuditEvent.find({}).lean());
    for (const secret of [
      password,
      'the wrong secret here',
      'the next secret here',
      user.password,
      user.token,
      user.refreshToken,
      other.token,
      other.refreshToken,
      user.secret,
      user.recoveryCodes[5],
      ADMIN_KEY,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});

describe('GET /user/activity', () => {
  it('shows the caller their own events only, newest first, at most 50', async () => {
    const user = await registerUser(app);
    const stranger = await registerUser(app);
    await logIn(app, user);
    await logIn(app, stranger);

    const res = await request(app).get('/user/activity').set(bearer(user.token)).expect(200);

    expect(res.body.map((event: { type: string }) => event.type)).toEqual(['login.succeeded', 'register']);
    expect(res.body.every((event: { userId: string }) => event.userId === res.body[0].userId)).toBe(true);
  });
});

describe('GET /admin/audit', () => {
  it('filters by user and type and pages with a cursor', async () => {
    const user = await registerUser(app);
    const userId = await idOf(user.token);
    for (let i = 0; i < 3; i++) await logIn(app, user);

    const first = await request(app)
      .get(`/admin/audit?userId=${userId}&type=login.succeeded&limit=2`)
      .set(adminAuth())
      .expect(200);
    const rest = await request(app)
      .get(`/admin/audit?userId=${userId}&type=login.succeeded&limit=2&cursor=${first.body.nextCursor}`)
      .set(adminAuth())
      .expect(200);

    expect(first.body.events).toHaveLength(2);
    expect(rest.body.events).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    expect(
      [...first.body.events, ...rest.body.events].every(
        (event: { type: string; userId: string }) => event.type === 'login.succeeded' && event.userId === userId,
      ),
    ).toBe(true);
  });

  it.each([
    ['an unknown type', 'type=login.hacked'],
    ['a bad user id', 'userId=1'],
    ['a tampered cursor', `cursor=${Buffer.from('zz').toString('base64url')}`],
  ])('answers 400 VALIDATION_FAILED for %s', async (_case, query) => {
    await request(app).get(`/admin/audit?${query}`).set(adminAuth()).expect(400);
  });

  it("answers no event of an unknown email's failed login with a user id", async () => {
    await request(app).post('/auth/login').send({ email: uniqueEmail(), password: 'wrong password' }).expect(401);

    const [latest] = (await request(app).get('/admin/audit?type=login.failed&limit=1').set(adminAuth()).expect(200))
      .body.events;

    expect(latest.userId).toBeNull();
  });
});
