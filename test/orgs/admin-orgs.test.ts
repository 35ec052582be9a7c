import { AuditEvent } from '../../src/audit/audit.model';
import { testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { ADMIN_KEY, adminAuth } from '../admin/admin-helpers';
import { cast, createOrg, userIdOf, verifiedUser } from './helpers';

useTestDatabase();
const app = testApp({ ADMIN_API_KEYS: ADMIN_KEY });
const get = (path: string) => request(app).get(path).set(adminAuth());

describe('GET /admin/orgs', () => {
  it('finds organizations by the start of the slug, newest first, a page at a time', async () => {
    const prefix = `adm-${Date.now()}`;
    const owner = await verifiedUser(app);
    for (let i = 0; i < 3; i++) await createOrg(app, owner, { name: `Org ${i}`, slug: `${prefix}-${i}` });

    const first = await get(`/admin/orgs?slug=${prefix}&limit=2`).expect(200);
    const second = await get(`/admin/orgs?slug=${prefix}&limit=2&cursor=${first.body.nextCursor}`).expect(200);

    expect(first.body.orgs.map((o: { slug: string }) => o.slug)).toEqual([`${prefix}-2`, `${prefix}-1`]);
    expect(first.body.orgs[0]).toEqual({
      id: expect.any(String),
      name: 'Org 2',
      slug: `${prefix}-2`,
      createdAt: expect.any(String),
      members: 1,
    });
    expect(second.body).toEqual({ orgs: [expect.objectContaining({ slug: `${prefix}-0` })], nextCursor: null });
    expect(await AuditEvent.countDocuments({ type: 'admin.orgs-listed' })).toBeGreaterThanOrEqual(2);
  });

  it.each(['limit=0', 'limit=101', 'cursor=nope', `slug=${'x'.repeat(49)}`])('answers 400 for %s', async (query) => {
    await get(`/admin/orgs?${query}`).expect(400);
  });

  it('answers 401 without an admin key', async () => {
    await request(app).get('/admin/orgs').expect(401);
  });
});

describe('GET /admin/orgs/:id', () => {
  it('answers the organization with its members, and audits the read', async () => {
    const { orgId, owner, admin, member } = await cast(app);

    const res = await get(`/admin/orgs/${orgId}`).expect(200);

    expect(res.body).toMatchObject({ id: orgId, name: 'Acme' });
    expect(res.body.members.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
      [userIdOf(owner), 'owner'],
      [userIdOf(admin), 'admin'],
      [userIdOf(member), 'member'],
    ]);
    expect(await AuditEvent.countDocuments({ type: 'admin.org-read', orgId })).toBe(1);
  });

  it('answers 404 ORG_NOT_FOUND for no such organization and 400 for an id that is not one', async () => {
    const res = await get('/admin/orgs/0123456789abcdef01234567').expect(404);
    await get('/admin/orgs/nope').expect(400);

    expect(res.body.code).toBe('ORG_NOT_FOUND');
  });
});

describe('GET /admin/users/:id', () => {
  it("lists the user's memberships", async () => {
    const { orgId, admin } = await cast(app);

    const res = await get(`/admin/users/${userIdOf(admin)}`).expect(200);

    expect(res.body.memberships).toEqual([
      { orgId, name: 'Acme', slug: expect.any(String), role: 'admin', joinedAt: expect.any(String) },
    ]);
  });
});

describe('the audit of changes', () => {
  it('records every change of an organization with its id', async () => {
    const { orgId, owner, member } = await cast(app);
    await request(app)
      .patch(`/orgs/${orgId}/members/${userIdOf(member)}`)
      .set({ Authorization: `Bearer ${owner.token}` })
      .send({ role: 'admin' })
      .expect(200);

    const res = await get(`/admin/audit?userId=${userIdOf(member)}&type=org.member-role-changed`).expect(200);

    expect(res.body.events).toEqual([expect.objectContaining({ type: 'org.member-role-changed', orgId })]);
  });
});
