import { createApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import type { OrgEvents } from '../../src/orgs/org-events';
import { bearer, testConfig } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { addMember, createOrg, userIdOf, verifiedUser } from './helpers';

useTestDatabase();
const heard: string[] = [];
const events: OrgEvents = {
  memberAdded: (e) => Promise.resolve(void heard.push(`added ${e.userId} ${e.role}`)),
  memberRemoved: (e) => Promise.resolve(void heard.push(`removed ${e.userId} ${e.role}`)),
  roleChanged: (e) => Promise.resolve(void heard.push(`changed ${e.userId} ${e.from}->${e.to}`)),
};
const app = createApp(testConfig(), createLogger('silent'), events);

describe('the orgEvents seam (the v1.8 webhooks listen here)', () => {
  it('hears a founding, a role change, a removal and a deletion', async () => {
    const [owner, member] = await Promise.all([verifiedUser(app), verifiedUser(app)]);
    const { id } = await createOrg(app, owner);
    await addMember(id, member, 'member');

    await request(app)
      .patch(`/orgs/${id}/members/${userIdOf(member)}`)
      .set(bearer(owner.token))
      .send({ role: 'admin' })
      .expect(200);
    await request(app)
      .delete(`/orgs/${id}/members/${userIdOf(member)}`)
      .set(bearer(owner.token))
      .expect(204);
    await request(app).delete(`/orgs/${id}`).set(bearer(owner.token)).expect(204);

    expect(heard).toEqual([
      `added ${userIdOf(owner)} owner`,
      `changed ${userIdOf(member)} member->admin`,
      `removed ${userIdOf(member)} admin`,
      `removed ${userIdOf(owner)} owner`,
    ]);
  });
});
