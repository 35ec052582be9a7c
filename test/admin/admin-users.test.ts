import { request } from '../helpers/request';
import { bearer, logIn, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Identity } from '../../src/oidc/oidc.models';
import { Passkey } from '../../src/passkeys/passkey.model';
import { ADMIN_KEY, adminAuth } from './admin-helpers';

useTestDatabase();
const app = testApp({ ADMIN_API_KEYS: ADMIN_KEY });
const admin = () => ({
  get: (path: string) => request(app).get(path).set(adminAuth()),
  patch: (path: string) => request(app).patch(path).set(adminAuth()),
  delete: (path: string) => request(app).delete(path).set(adminAuth()),
});
const idOf = async (token: string) =>
  (await request(app).get('/user/myprofile').set(bearer(token)).expect(200)).body.id as string;

describe('GET /admin/users', () => {
  it('finds a user by the start of the email, with disabled, never the hash', async () => {
    const user = await registerUser(app, { email: `find-me-${Date.now()}@example.com` });

    const res = await admin()
      .get(`/admin/users?email=${encodeURIComponent(user.email.slice(0, 12))}`)
      .expect(200);

    expect(res.body.users).toEqual([expect.objectContaining({ email: user.email, disabled: false, premium: false })]);
    expect(res.text).not.toMatch(/\$2[aby]\$/);
  });

  it('pages newest first with a cursor until nextCursor is null', async () => {
    const prefix = `page-${Date.now()}`;
    for (let i = 0; i < 3; i++) await registerUser(app, { email: `${prefix}-${i}@example.com` });

    const first = await admin().get(`/admin/users?email=${prefix}&limit=2`).expect(200);
    const second = await admin()
      .get(`/admin/users?email=${prefix}&limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);

    expect(first.body.users.map((u: { email: string }) => u.email)).toEqual([
      `${prefix}-2@example.com`,
      `${prefix}-1@example.com`,
    ]);
    expect(second.body.users.map((u: { email: string }) => u.email)).toEqual([`${prefix}-0@example.com`]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('treats regex characters in the email as plain text', async () => {
    await registerUser(app);

    const res = await admin().get('/admin/users?email=.*').expect(200);

    expect(res.body.users).toEqual([]);
  });

  it.each([
    ['a tampered cursor', 'cursor=not-a-cursor'],
    ['a negative limit', 'limit=-1'],
    ['a limit over 100', 'limit=1000'],
    ['an operator in the email', 'email[$ne]=x&email=y&email=z'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_case, query) => {
    const res = await admin().get(`/admin/users?${query}`);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /admin/users/:id', () => {
  it('answers the user with mfa and the count of live sessions', async () => {
    const user = await registerUser(app);
    await logIn(app, user);

    const res = await admin()
      .get(`/admin/users/${await idOf(user.token)}`)
      .expect(200);

    expect(res.body).toMatchObject({ email: user.email, disabled: false, mfa: false, sessions: 2 });
  });

  it('answers the count of passkeys and the linked identities, never a public key or a credential', async () => {
    const user = await registerUser(app);
    const id = await idOf(user.token);
    const fresh = await admin().get(`/admin/users/${id}`).expect(200);
    expect(fresh.body).toMatchObject({ passkeys: 0, identities: [] });

    const linkedAt = new Date('2026-12-01T09:00:00.000Z');
    await Promise.all([
      Passkey.create({ userId: id, credentialId: `cred-${id}`, publicKey: 'pk-secret-ish', name: 'laptop' }),
      Passkey.create({ userId: id, credentialId: `cred2-${id}`, publicKey: 'pk-secret-ish', name: 'phone' }),
      Identity.create({ userId: id, provider: 'github', subject: '42', linkedAt: new Date(linkedAt.getTime() + 1000) }),
      Identity.create({ userId: id, provider: 'google', subject: 'g-7', email: user.email, linkedAt }),
    ]);

    const res = await admin().get(`/admin/users/${id}`).expect(200);

    expect(res.body.passkeys).toBe(2);
    expect(res.body.identities).toEqual([
      { provider: 'google', subject: 'g-7', email: user.email, linkedAt: linkedAt.toISOString() },
      { provider: 'github', subject: '42', email: null, linkedAt: '2026-12-01T09:00:01.000Z' },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/pk-secret-ish|cred-/);
  });

  it('answers 404 USER_NOT_FOUND for an unknown id and 400 for one that is not an id', async () => {
    await admin()
      .get('/admin/users/6b05aeb3e31649e5290a5c1c')
      .expect(404)
      .expect((res) => expect(res.body.code).toBe('USER_NOT_FOUND'));
    await admin().get('/admin/users/not-an-id').expect(400);
  });
});

describe('PATCH /admin/users/:id', () => {
  it('grants premium until a date: the profile shows it', async () => {
    const user = await registerUser(app);
    const until = new Date(Date.now() + 30 * 86400_000).toISOString();

    const res = await admin()
      .patch(`/admin/users/${await idOf(user.token)}`)
      .send({ premium: true, premiumEnds: until })
      .expect(200);

    expect(res.body).toMatchObject({ premium: true, premiumEnds: until });
    const profile = await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200);
    expect(profile.body).toMatchObject({ premium: true, premiumEnds: until });
  });

  it.each([
    ['an empty body', {}],
    ['an unknown field', { role: 'admin' }],
    ['a string as premium', { premium: 'yes' }],
    ['an operator as disabled', { disabled: { $ne: false } }],
    ['a date that is not one', { premiumEnds: 'tomorrow' }],
  ])('answers 400 VALIDATION_FAILED for %s and changes nothing', async (_case, body) => {
    const user = await registerUser(app);
    const id = await idOf(user.token);

    const res = await admin().patch(`/admin/users/${id}`).send(body);

    expect(res.status).toBe(400);
    expect((await admin().get(`/admin/users/${id}`)).body).toMatchObject({ premium: false, disabled: false });
  });

  it('answers 404 USER_NOT_FOUND for an unknown user', async () => {
    await admin().patch('/admin/users/6b05aeb3e31649e5290a5c1c').send({ premium: true }).expect(404);
  });
});

describe('a disabled account', () => {
  it('loses every session at once; a right password answers 403 ACCOUNT_DISABLED, a wrong one 401; enabling lets it in again', async () => {
    const user = await registerUser(app);
    const id = await idOf(user.token);

    await admin().patch(`/admin/users/${id}`).send({ disabled: true }).expect(200);

    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(401);
    await request(app).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    const right = await request(app).post('/auth/login').send({ email: user.email, password: user.password });
    expect(right.status).toBe(403);
    expect(right.body.code).toBe('ACCOUNT_DISABLED');
    await request(app).post('/auth/login').send({ email: user.email, password: 'wrong password' }).expect(401);
    await admin().patch(`/admin/users/${id}`).send({ disabled: false }).expect(200);
    await request(app).post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
  });
});

describe('DELETE /admin/users/:id/sessions', () => {
  it('revokes every session of the user, who can log in again', async () => {
    const user = await registerUser(app);
    const second = await logIn(app, user);

    await admin()
      .delete(`/admin/users/${await idOf(user.token)}/sessions`)
      .expect(204);

    await request(app).get('/user/myprofile').set(bearer(user.token)).expect(401);
    await request(app).get('/user/myprofile').set(bearer(second.token)).expect(401);
    await logIn(app, user);
  });

  it('answers 404 USER_NOT_FOUND for an unknown user', async () => {
    await admin().delete('/admin/users/6b05aeb3e31649e5290a5c1c/sessions').expect(404);
  });
});
