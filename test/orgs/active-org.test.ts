import { Session } from '../../src/sessions/session.model';
import { bearer, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { agent, request } from '../helpers/request';
import { activate, cast, claimsOf, userIdOf, verifiedUser } from './helpers';

useTestDatabase();
const app = testApp();
const refresh = (refreshToken: string, body: object = {}) =>
  request(app)
    .post('/auth/refresh')
    .send({ refreshToken, ...body });

describe('POST /auth/refresh with organizationId', () => {
  it("answers tokens that carry org and org_role, and later refreshes keep them (the session's active organization)", async () => {
    const { orgId, admin } = await cast(app);

    await activate(app, admin, orgId);
    const later = await refresh(admin.refreshToken).expect(200);

    expect(claimsOf(admin.token)).toMatchObject({ org: orgId, org_role: 'admin' });
    expect(claimsOf(later.body.token)).toMatchObject({ org: orgId, org_role: 'admin' });
    expect((await Session.findById(claimsOf(admin.token).sid).lean())?.orgId?.toString()).toBe(orgId);
  });

  it('signs the role as it is at the refresh', async () => {
    const { orgId, owner, member } = await cast(app);
    await activate(app, member, orgId);
    await request(app)
      .patch(`/orgs/${orgId}/members/${userIdOf(member)}`)
      .set(bearer(owner.token))
      .send({ role: 'admin' })
      .expect(200);

    const res = await refresh(member.refreshToken).expect(200);

    expect(claimsOf(res.body.token).org_role).toBe('admin');
  });

  it('clears the active organization with null', async () => {
    const { orgId, member } = await cast(app);
    await activate(app, member, orgId);

    await activate(app, member, null);
    const later = await refresh(member.refreshToken).expect(200);

    expect(claimsOf(member.token).org).toBeUndefined();
    expect(claimsOf(later.body.token).org).toBeUndefined();
  });

  it.each(['stranger', 'otherAdmin'] as const)(
    'answers 403 NOT_A_MEMBER to a %s, and leaves its refresh token unspent',
    async (who) => {
      const people = await cast(app);
      const user = people[who];

      const res = await refresh(user.refreshToken, { organizationId: people.orgId }).expect(403);
      await refresh(user.refreshToken).expect(200);

      expect(res.body.code).toBe('NOT_A_MEMBER');
    },
  );

  it('answers 403 NOT_A_MEMBER for an organization that does not exist', async () => {
    const user = await verifiedUser(app);

    const res = await refresh(user.refreshToken, { organizationId: '0123456789abcdef01234567' }).expect(403);

    expect(res.body.code).toBe('NOT_A_MEMBER');
  });

  it.each([['nope'], [42], [{ $ne: null }]])(
    'answers 400 VALIDATION_FAILED for organizationId %j',
    async (organizationId) => {
      const user = await verifiedUser(app);

      await refresh(user.refreshToken, { organizationId }).expect(400);
    },
  );

  it('takes organizationId beside the refresh cookie too', async () => {
    const { orgId, member } = await cast(app);
    const browser = agent(app);
    const login = await browser
      .post('/auth/login')
      .set('X-Session-Transport', 'cookie')
      .set('Origin', 'http://localhost:3000')
      .send({ email: member.email, password: member.password })
      .expect(200);
    expect(login.body.refreshToken).toBeUndefined();

    const res = await browser
      .post('/auth/refresh')
      .set('X-Session-Transport', 'cookie')
      .set('Origin', 'http://localhost:3000')
      .send({ organizationId: orgId })
      .expect(200);

    expect(claimsOf(res.body.token)).toMatchObject({ org: orgId, org_role: 'member' });
  });
});

describe('a membership that is gone', () => {
  it("refuses the removed member's access token on the app's routes (401), and its next refresh drops org", async () => {
    const { orgId, owner, member } = await cast(app);
    await activate(app, member, orgId);
    await request(app).get('/user/myprofile').set(bearer(member.token)).expect(200);
    await request(app)
      .delete(`/orgs/${orgId}/members/${userIdOf(member)}`)
      .set(bearer(owner.token))
      .expect(204);

    await request(app).get('/user/myprofile').set(bearer(member.token)).expect(401);
    await request(app).get('/user/sessions').set(bearer(member.token)).expect(401);
    await request(app).get('/orgs').set(bearer(member.token)).expect(401);
    const res = await refresh(member.refreshToken).expect(200);

    expect(claimsOf(res.body.token).org).toBeUndefined();
    await request(app).get('/user/myprofile').set(bearer(res.body.token)).expect(200);
    expect((await Session.findById(claimsOf(res.body.token).sid).lean())?.orgId).toBeNull();
  });

  it("refuses a deleted organization's tokens, and the next refresh drops org", async () => {
    const { orgId, owner, member } = await cast(app);
    await activate(app, member, orgId);
    await request(app).delete(`/orgs/${orgId}`).set(bearer(owner.token)).expect(204);

    await request(app).get('/user/myprofile').set(bearer(member.token)).expect(401);
    const res = await refresh(member.refreshToken).expect(200);

    expect(claimsOf(res.body.token).org).toBeUndefined();
  });

  it("refuses the token on a privileged route too, and keeps a member's token that still holds", async () => {
    const { orgId, admin, member } = await cast(app);
    await activate(app, member, orgId);
    await activate(app, admin, orgId);
    await request(app)
      .delete(`/orgs/${orgId}/members/${userIdOf(member)}`)
      .set(bearer(member.token))
      .expect(204);

    await request(app)
      .put('/user/password')
      .set(bearer(member.token))
      .send({ currentPassword: 'x', newPassword: 'y' })
      .expect(401);
    await request(app).get(`/orgs/${orgId}`).set(bearer(admin.token)).expect(200);
  });
});
