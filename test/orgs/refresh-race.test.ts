import mongoose from 'mongoose';
import * as orgAccess from '../../src/orgs/org-access';
import { Organization } from '../../src/orgs/org.model';
import { testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { cast, claimsOf, userIdOf } from './helpers';

useTestDatabase();
const app = testApp();

// Review finding R3: POST /auth/refresh with organizationId checks the membership, then rotates, then signs the
// role it read before the rotation. A removal that lands in between (reproduced live: 7 of 15 parallel
// refresh+remove pairs) yields a fresh access token (7 days by default) that names the organization and role of
// someone who is no longer a member; the Lambda authorizer passes `orgId`/`orgRole` from it to every service.
describe('review R3: choosing the active organization while being removed from it', () => {
  afterEach(() => jest.restoreAllMocks());

  it('never signs org/org_role for a membership that is gone when the tokens are made', async () => {
    const { orgId, member } = await cast(app);
    const real = orgAccess.roleOf;
    jest.spyOn(orgAccess, 'roleOf').mockImplementationOnce(async (org, user) => {
      const role = await real(org, user);
      // the owner's DELETE /orgs/:id/members/:userId, landing right after the check
      await Organization.collection.updateOne(
        { _id: new mongoose.Types.ObjectId(orgId) },
        { $pull: { members: { userId: new mongoose.Types.ObjectId(userIdOf(member)) } } as never },
      );
      return role;
    });

    const res = await request(app)
      .post('/auth/refresh')
      .send({ refreshToken: member.refreshToken, organizationId: orgId });

    if (res.status === 200) expect(claimsOf(res.body.token as string).org).toBeUndefined();
    else expect(res.status).toBe(403);
  });
});
