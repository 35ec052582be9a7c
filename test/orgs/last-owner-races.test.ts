import { Organization } from '../../src/orgs/org.model';
import { bearer, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { addMember, cast, userIdOf, verifiedUser } from './helpers';

useTestDatabase();
const app = testApp();

async function twoOwners() {
  const people = await cast(app);
  const second = await verifiedUser(app);
  await addMember(people.orgId, second, 'owner');
  return { ...people, second };
}
const owners = async (orgId: string) => {
  const org = await Organization.findById(orgId).lean();
  return { listed: org?.members.filter((m) => m.role === 'owner').length, count: org?.ownerCount };
};

// The request that loses answers 409 LAST_OWNER, or, when the winner already changed the loser's own role
// (demoted: 403 FORBIDDEN_ROLE; removed: 404 ORG_NOT_FOUND), the answer to what its caller is by then.
const LOSING = [403, 404, 409];
const oneWon = (statuses: number[]) => {
  const winners = statuses.filter((status) => status < 300);
  expect(winners).toHaveLength(1);
  expect(statuses.filter((status) => status >= 300).every((status) => LOSING.includes(status))).toBe(true);
};

describe('the last owner, under races', () => {
  it.each(Array.from({ length: 5 }, (_, round) => round))(
    'keeps one owner when two owners leave at the same time (round %i): one 204, one 409 LAST_OWNER',
    async () => {
      const { orgId, owner, second } = await twoOwners();

      const answers = await Promise.all(
        [owner, second].map((who) =>
          request(app)
            .delete(`/orgs/${orgId}/members/${userIdOf(who)}`)
            .set(bearer(who.token)),
        ),
      );

      expect(answers.map((res) => res.status).sort()).toEqual([204, 409]);
      expect(await owners(orgId)).toEqual({ listed: 1, count: 1 });
    },
  );

  it.each(Array.from({ length: 5 }, (_, round) => round))(
    'keeps one owner when each of two owners demotes the other at the same time (round %i)',
    async () => {
      const { orgId, owner, second } = await twoOwners();

      const answers = await Promise.all([
        request(app)
          .patch(`/orgs/${orgId}/members/${userIdOf(second)}`)
          .set(bearer(owner.token))
          .send({ role: 'member' }),
        request(app)
          .patch(`/orgs/${orgId}/members/${userIdOf(owner)}`)
          .set(bearer(second.token))
          .send({ role: 'member' }),
      ]);

      oneWon(answers.map((res) => res.status));
      expect(await owners(orgId)).toEqual({ listed: 1, count: 1 });
    },
  );

  it('keeps one owner when one owner leaves while the other is removed', async () => {
    const { orgId, owner, second } = await twoOwners();

    const answers = await Promise.all([
      request(app)
        .delete(`/orgs/${orgId}/members/${userIdOf(owner)}`)
        .set(bearer(owner.token)),
      request(app)
        .delete(`/orgs/${orgId}/members/${userIdOf(second)}`)
        .set(bearer(owner.token)),
    ]);

    oneWon(answers.map((res) => res.status));
    expect(await owners(orgId)).toEqual({ listed: 1, count: 1 });
  });
});
