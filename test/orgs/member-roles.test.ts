import { Organization } from '../../src/orgs/org.model';
import { bearer, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { addMember, cast, userIdOf, verifiedUser } from './helpers';

useTestDatabase();
const app = testApp();

const roleOf = async (orgId: string, userId: string) =>
  (await Organization.findById(orgId).lean())?.members.find((m) => m.userId.toString() === userId)?.role;

describe('PATCH /orgs/:id/members/:userId', () => {
  it.each([
    ['owner', 'member', 'admin', 200],
    ['owner', 'admin', 'owner', 200],
    ['owner', 'member', 'owner', 200],
    ['admin', 'member', 'admin', 200],
    ['admin', 'admin', 'member', 200],
    ['admin', 'member', 'owner', 403],
    ['admin', 'owner', 'member', 403],
    ['member', 'member', 'admin', 403],
    ['stranger', 'member', 'admin', 404],
    ['otherAdmin', 'member', 'admin', 404],
  ] as const)('answers the %s making its %s %s: %i', async (who, target, role, status) => {
    const people = await cast(app);
    const targetId = userIdOf(people[target]);

    const res = await request(app)
      .patch(`/orgs/${people.orgId}/members/${targetId}`)
      .set(bearer(people[who].token))
      .send({ role })
      .expect(status);

    if (status === 200) {
      expect(res.body).toEqual({
        userId: targetId,
        name: 'Ada Lovelace',
        email: people[target].email,
        role,
        joinedAt: expect.any(String),
      });
      expect(await roleOf(people.orgId, targetId)).toBe(role);
    } else {
      expect(res.body.code).toBe(status === 403 ? 'FORBIDDEN_ROLE' : 'ORG_NOT_FOUND');
      expect(await roleOf(people.orgId, targetId)).toBe(target);
    }
  });

  it('answers 409 LAST_OWNER to the last owner demoting itself, and to another owner once it is the last', async () => {
    const { orgId, owner } = await cast(app);

    const res = await request(app)
      .patch(`/orgs/${orgId}/members/${userIdOf(owner)}`)
      .set(bearer(owner.token))
      .send({ role: 'admin' })
      .expect(409);

    expect(res.body.code).toBe('LAST_OWNER');
    expect(await roleOf(orgId, userIdOf(owner))).toBe('owner');
  });

  it('lets one of two owners step down to admin, and keeps the owner count right', async () => {
    const { orgId, owner } = await cast(app);
    const second = await verifiedUser(app);
    await addMember(orgId, second, 'owner');

    await request(app)
      .patch(`/orgs/${orgId}/members/${userIdOf(owner)}`)
      .set(bearer(owner.token))
      .send({ role: 'admin' })
      .expect(200);

    expect((await Organization.findById(orgId).lean())?.ownerCount).toBe(1);
  });

  it('answers 404 MEMBER_NOT_FOUND for a user who is not a member', async () => {
    const { orgId, owner, stranger } = await cast(app);

    const res = await request(app)
      .patch(`/orgs/${orgId}/members/${userIdOf(stranger)}`)
      .set(bearer(owner.token))
      .send({ role: 'admin' })
      .expect(404);

    expect(res.body.code).toBe('MEMBER_NOT_FOUND');
  });

  it.each([[{}], [{ role: 'boss' }], [{ role: null }]])('answers 400 VALIDATION_FAILED for %j', async (body) => {
    const { orgId, owner, member } = await cast(app);

    await request(app)
      .patch(`/orgs/${orgId}/members/${userIdOf(member)}`)
      .set(bearer(owner.token))
      .send(body)
      .expect(400);
  });

  it('answers 400 VALIDATION_FAILED for a user id that is not one', async () => {
    const { orgId, owner } = await cast(app);

    await request(app)
      .patch(`/orgs/${orgId}/members/nobody`)
      .set(bearer(owner.token))
      .send({ role: 'admin' })
      .expect(400);
  });
});
