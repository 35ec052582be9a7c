import { Organization } from '../../src/orgs/org.model';
import { bearer, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { addMember, cast, userIdOf, verifiedUser } from './helpers';

useTestDatabase();
const app = testApp();

const memberIds = async (orgId: string) =>
  ((await Organization.findById(orgId).lean())?.members ?? []).map((m) => m.userId.toString());

describe('DELETE /orgs/:id/members/:userId', () => {
  it.each([
    ['owner', 'admin', 204],
    ['owner', 'member', 204],
    ['admin', 'member', 204],
    ['admin', 'admin', 204],
    ['member', 'member', 204], // leaving
    ['admin', 'owner', 403],
    ['member', 'admin', 403],
    ['stranger', 'member', 404],
    ['otherAdmin', 'member', 404],
  ] as const)('answers the %s removing the %s: %i', async (who, target, status) => {
    const people = await cast(app);
    // the admin removing an admin removes another one; the member removing a member is the member itself
    const other = target === 'admin' && who === 'admin' ? await verifiedUser(app) : people[target];
    if (other !== people[target]) await addMember(people.orgId, other, 'admin');

    const res = await request(app)
      .delete(`/orgs/${people.orgId}/members/${userIdOf(other)}`)
      .set(bearer(people[who].token))
      .expect(status);

    expect((await memberIds(people.orgId)).includes(userIdOf(other))).toBe(status !== 204);
    if (status === 403) expect(res.body.code).toBe('FORBIDDEN_ROLE');
    if (status === 404) expect(res.body.code).toBe('ORG_NOT_FOUND');
  });

  it.each(['admin', 'member'] as const)('lets the %s leave', async (who) => {
    const people = await cast(app);

    await request(app)
      .delete(`/orgs/${people.orgId}/members/${userIdOf(people[who])}`)
      .set(bearer(people[who].token))
      .expect(204);

    expect(await memberIds(people.orgId)).not.toContain(userIdOf(people[who]));
    await request(app).get(`/orgs/${people.orgId}`).set(bearer(people[who].token)).expect(404);
  });

  it('answers 409 LAST_OWNER to the last owner leaving', async () => {
    const { orgId, owner } = await cast(app);

    const res = await request(app)
      .delete(`/orgs/${orgId}/members/${userIdOf(owner)}`)
      .set(bearer(owner.token))
      .expect(409);

    expect(res.body.code).toBe('LAST_OWNER');
    expect(await memberIds(orgId)).toContain(userIdOf(owner));
  });

  it('lets an owner remove another owner while one remains', async () => {
    const { orgId, owner } = await cast(app);
    const second = await verifiedUser(app);
    await addMember(orgId, second, 'owner');

    await request(app)
      .delete(`/orgs/${orgId}/members/${userIdOf(second)}`)
      .set(bearer(owner.token))
      .expect(204);

    expect((await Organization.findById(orgId).lean())?.ownerCount).toBe(1);
  });

  it('answers 404 MEMBER_NOT_FOUND for a user who is not a member', async () => {
    const { orgId, owner, stranger } = await cast(app);

    const res = await request(app)
      .delete(`/orgs/${orgId}/members/${userIdOf(stranger)}`)
      .set(bearer(owner.token))
      .expect(404);

    expect(res.body.code).toBe('MEMBER_NOT_FOUND');
  });

  it('answers 400 VALIDATION_FAILED for ids that are not ones', async () => {
    const { orgId, owner } = await cast(app);

    await request(app).delete(`/orgs/${orgId}/members/x`).set(bearer(owner.token)).expect(400);
    await request(app)
      .delete(`/orgs/x/members/${userIdOf(owner)}`)
      .set(bearer(owner.token))
      .expect(400);
  });
});
