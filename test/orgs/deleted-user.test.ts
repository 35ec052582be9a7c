import { AuditEvent } from '../../src/audit/audit.model';
import { Invitation, Organization } from '../../src/orgs/org.model';
import { bearer, testApp, type TestUser } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { addMember, createOrg, userIdOf, verifiedUser } from './helpers';

useTestDatabase();
const app = testApp();

const deleteAccount = (user: TestUser) =>
  request(app).delete('/user/myprofile').set(bearer(user.token)).send({ password: user.password }).expect(204);
const rolesOf = async (orgId: string) =>
  Object.fromEntries(
    ((await Organization.findById(orgId).lean())?.members ?? []).map((m) => [m.userId.toString(), m.role]),
  );
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('a deleted user leaves their organizations', () => {
  it('passes the ownership of an organization whose last owner it was to its oldest admin', async () => {
    const [owner, youngAdmin, oldAdmin, oldMember] = await Promise.all(
      Array.from({ length: 4 }, () => verifiedUser(app)),
    );
    const { id } = await createOrg(app, owner);
    await addMember(id, oldMember, 'member', ago(30));
    await addMember(id, youngAdmin, 'admin', ago(10));
    await addMember(id, oldAdmin, 'admin', ago(20));

    await deleteAccount(owner);

    expect(await rolesOf(id)).toEqual({
      [userIdOf(oldAdmin)]: 'owner',
      [userIdOf(youngAdmin)]: 'admin',
      [userIdOf(oldMember)]: 'member',
    });
    expect((await Organization.findById(id).lean())?.ownerCount).toBe(1);
    expect(await AuditEvent.countDocuments({ type: 'org.ownership-passed', userId: userIdOf(oldAdmin) })).toBe(1);
  });

  it('passes it to its oldest member when it has no admin', async () => {
    const [owner, young, old] = await Promise.all(Array.from({ length: 3 }, () => verifiedUser(app)));
    const { id } = await createOrg(app, owner);
    await addMember(id, young, 'member', ago(5));
    await addMember(id, old, 'member', ago(50));

    await deleteAccount(owner);

    expect(await rolesOf(id)).toEqual({ [userIdOf(old)]: 'owner', [userIdOf(young)]: 'member' });
    await request(app).get(`/orgs/${id}`).set(bearer(old.token)).expect(200);
  });

  it('deletes an organization left with nobody, with its invitations', async () => {
    const owner = await verifiedUser(app);
    const { id } = await createOrg(app, owner);
    await request(app)
      .post(`/orgs/${id}/invitations`)
      .set(bearer(owner.token))
      .send({ email: 'later@example.com', role: 'member' })
      .expect(201);

    await deleteAccount(owner);

    expect(await Organization.countDocuments({ _id: id })).toBe(0);
    expect(await Invitation.countDocuments({ orgId: id })).toBe(0);
  });

  it('leaves the other owners as they are, and a member simply leaves', async () => {
    const [owner, second, member] = await Promise.all(Array.from({ length: 3 }, () => verifiedUser(app)));
    const { id } = await createOrg(app, owner);
    await addMember(id, second, 'owner');
    await addMember(id, member, 'member');

    await deleteAccount(owner);
    await deleteAccount(member);

    expect(await rolesOf(id)).toEqual({ [userIdOf(second)]: 'owner' });
    expect((await Organization.findById(id).lean())?.ownerCount).toBe(1);
  });
});
