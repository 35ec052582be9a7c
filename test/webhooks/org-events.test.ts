import type { Express } from 'express';
import { bearer, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox } from '../helpers/mailbox';
import { request } from '../helpers/request';
import { APP_URL, createOrg, joinByInvitation, userIdOf, verifiedUser } from '../orgs/helpers';
import { deliveryPass, subscribe, webhookEnv } from './helpers';
import { Receiver, type Received } from './receiver';

// The v1.9 membership events through the v1.8 webhooks: recorded by the update that makes each change, relayed,
// signed, and verified by the receiver with the standardwebhooks package.
useTestDatabase();
const ORG_EVENTS = [
  'organization.member_added',
  'organization.member_removed',
  'organization.member_role_changed',
] as const;
let mailbox: Mailbox;
let receiver: Receiver;
let app: Express;
const pass = deliveryPass();

beforeAll(async () => {
  [mailbox, receiver] = await Promise.all([Mailbox.start(), Receiver.start()]);
  app = testApp(webhookEnv({ ...mailbox.env(), APP_URL }));
  await subscribe(app, receiver, ORG_EVENTS);
});
afterAll(() => Promise.all([mailbox.stop(), receiver.stop()]));

/** What the receiver got about this organization, after a delivery pass: "type userId role [previousRole]". */
async function heardOf(orgId: string): Promise<string[]> {
  await pass();
  const about = (message: Received) => (message.event.data.organization as { id: string }).id === orgId;
  return receiver.received.filter(about).map(({ event: { type, data } }) => {
    const { userId, role, previousRole } = data as { userId: string; role: string; previousRole?: string };
    return `${type.replace('organization.', '')} ${userId} ${role}${previousRole ? ` ${previousRole}` : ''}`;
  });
}

describe('the organization events, sent by webhooks', () => {
  it('tells a founding, an accepted invitation, a role change, a removal and a deletion, each once', async () => {
    // (a receiver gets messages in no set order: they are compared sorted)
    const [owner, member] = await Promise.all([verifiedUser(app), verifiedUser(app, { email: uniqueEmail() })]);
    const org = await createOrg(app, owner, { name: 'Webhook Co' });
    await joinByInvitation(app, mailbox, org.id, owner, member, 'member');
    const memberPath = `/orgs/${org.id}/members/${userIdOf(member)}`;
    await request(app).patch(memberPath).set(bearer(owner.token)).send({ role: 'admin' }).expect(200);
    await request(app).delete(memberPath).set(bearer(owner.token)).expect(204);
    await request(app).delete(`/orgs/${org.id}`).set(bearer(owner.token)).expect(204);

    expect((await heardOf(org.id)).sort()).toEqual(
      [
        `member_added ${userIdOf(owner)} owner`,
        `member_added ${userIdOf(member)} member`,
        `member_role_changed ${userIdOf(member)} admin member`,
        `member_removed ${userIdOf(member)} admin`,
        `member_removed ${userIdOf(owner)} owner`,
      ].sort(),
    );
    const [first] = receiver.received.filter((message) => message.event.data.userId === userIdOf(owner));
    expect(first.verifiedBy).toHaveLength(1);
    expect(first.event.data.organization).toEqual({ id: org.id, name: 'Webhook Co', slug: org.slug });
    expect(first.body).not.toMatch(/pendingEvents|token|secret|password/i);
  });

  it("tells a deleted owner's leaving and the passing of ownership to the oldest admin", async () => {
    const [owner, admin] = await Promise.all([verifiedUser(app), verifiedUser(app)]);
    const org = await createOrg(app, owner, { name: 'Heirs' });
    await joinByInvitation(app, mailbox, org.id, owner, admin, 'admin');

    await request(app)
      .delete('/user/myprofile')
      .set(bearer(owner.token))
      .send({ password: owner.password })
      .expect(204);

    expect((await heardOf(org.id)).sort()).toEqual(
      [
        `member_added ${userIdOf(owner)} owner`,
        `member_added ${userIdOf(admin)} admin`,
        `member_removed ${userIdOf(owner)} owner`,
        `member_role_changed ${userIdOf(admin)} owner admin`,
      ].sort(),
    );
  });

  it("tells a sole owner's leaving when their deletion takes the organization with it", async () => {
    const owner = await verifiedUser(app);
    const org = await createOrg(app, owner, { name: 'Alone' });

    await request(app)
      .delete('/user/myprofile')
      .set(bearer(owner.token))
      .send({ password: owner.password })
      .expect(204);

    expect((await heardOf(org.id)).sort()).toEqual(
      [`member_added ${userIdOf(owner)} owner`, `member_removed ${userIdOf(owner)} owner`].sort(),
    );
  });
});
