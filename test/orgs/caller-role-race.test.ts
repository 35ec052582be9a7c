import mongoose from 'mongoose';
import * as orgAccess from '../../src/orgs/org-access';
import { Organization } from '../../src/orgs/org.model';
import { bearer, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { cast, userIdOf } from './helpers';

useTestDatabase();
const app = testApp();

// Review finding R6 (fixed): changeRole / removeMember decide on the caller's role from one read (membershipOf) and then
// update with a filter that only pins the *target's* role. An admin demoted (or removed) by an owner at the same
// moment still removes or re-roles members: the update does not require that the caller still holds the role.
describe("review R6: the caller's role is part of the update's condition", () => {
  afterEach(() => jest.restoreAllMocks());

  it('an admin demoted between the check and the update removes nobody', async () => {
    const { orgId, admin, member } = await cast(app);
    const real = orgAccess.membershipOf;
    jest.spyOn(orgAccess, 'membershipOf').mockImplementationOnce(async (...args) => {
      const found = await real(...args);
      // the owner's PATCH /orgs/:id/members/:admin { role: 'member' }, landing right after the check
      await Organization.collection.updateOne(
        { _id: new mongoose.Types.ObjectId(orgId) },
        { $set: { 'members.$[m].role': 'member' } },
        { arrayFilters: [{ 'm.userId': new mongoose.Types.ObjectId(userIdOf(admin)) }] },
      );
      return found;
    });

    const res = await request(app)
      .delete(`/orgs/${orgId}/members/${userIdOf(member)}`)
      .set(bearer(admin.token));

    expect(res.status).not.toBe(204);
    const org = await Organization.collection.findOne({ _id: new mongoose.Types.ObjectId(orgId) });
    expect(org?.members.some((m: { userId: unknown }) => String(m.userId) === userIdOf(member))).toBe(true);
  });
});
