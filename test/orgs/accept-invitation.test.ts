import type { Express } from 'express';
import { Invitation, Organization } from '../../src/orgs/org.model';
import { User } from '../../src/users/user.model';
import { bearer, registerUser, testApp, type TestUser } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox } from '../helpers/mailbox';
import { request } from '../helpers/request';
import { addMember, APP_URL, cast, invitationTokenIn, userIdOf, verifiedUser } from './helpers';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp({ ...mailbox.env(), APP_URL });
});
afterAll(() => mailbox.stop());

/** An invitation of a fresh organization's owner to `email`, and its mailed token (the `count`-th mail there). */
async function invited(email: string, role: 'member' | 'admin' = 'member', count = 1) {
  const people = await cast(app);
  await request(app)
    .post(`/orgs/${people.orgId}/invitations`)
    .set(bearer(people.owner.token))
    .send({ email, role })
    .expect(201);
  return { ...people, token: invitationTokenIn(await mailbox.waitFor(email, 'invited', count)) };
}
const accept = (user: TestUser, token: unknown) =>
  request(app).post('/orgs/invitations/accept').set(bearer(user.token)).send({ token });
const membersOf = async (orgId: string) => (await Organization.findById(orgId).lean())?.members ?? [];

describe('POST /orgs/invitations/accept', () => {
  it('answers 200 the membership to the account whose verified address it names; the organization lists it', async () => {
    const invitee = await verifiedUser(app);
    const { orgId, token } = await invited(invitee.email, 'admin');

    const res = await accept(invitee, token).expect(200);

    expect(res.body).toEqual({
      id: orgId,
      name: 'Acme',
      slug: expect.any(String),
      role: 'admin',
      joinedAt: expect.any(String),
    });
    const list = await request(app).get('/orgs').set(bearer(invitee.token)).expect(200);
    expect(list.body).toEqual([{ id: orgId, name: 'Acme', slug: res.body.slug, role: 'admin' }]);
    expect(await Invitation.countDocuments({ orgId })).toBe(0);
  });

  it('answers 400 INVALID_TOKEN to a second use of the same link', async () => {
    const invitee = await verifiedUser(app);
    const { token } = await invited(invitee.email);
    await accept(invitee, token).expect(200);

    const res = await accept(invitee, token).expect(400);

    expect(res.body.code).toBe('INVALID_TOKEN');
  });

  it('answers 400 INVALID_TOKEN to an expired invitation', async () => {
    const invitee = await verifiedUser(app);
    const { orgId, token } = await invited(invitee.email);
    await Invitation.updateOne({ orgId }, { $set: { expiresAt: new Date(Date.now() - 1000) } });

    const res = await accept(invitee, token).expect(400);

    expect(res.body.code).toBe('INVALID_TOKEN');
    expect(await membersOf(orgId)).toHaveLength(3);
  });

  it('answers 403 INVITATION_EMAIL_MISMATCH to another account, and the invitation still works for its own', async () => {
    const invitee = await verifiedUser(app);
    const other = await verifiedUser(app);
    const { orgId, token } = await invited(invitee.email);

    const refused = await accept(other, token).expect(403);
    await accept(invitee, token).expect(200);

    expect(refused.body.code).toBe('INVITATION_EMAIL_MISMATCH');
    expect((await membersOf(orgId)).map((m) => m.userId.toString())).toContain(userIdOf(invitee));
    expect((await membersOf(orgId)).map((m) => m.userId.toString())).not.toContain(userIdOf(other));
  });

  it('answers 403 EMAIL_NOT_VERIFIED to the named account before its address is confirmed, and it works after', async () => {
    const invitee = await registerUser(app);
    const { token } = await invited(invitee.email);

    const refused = await accept(invitee, token).expect(403);
    await User.updateOne({ email: invitee.email }, { $set: { emailVerified: true } });
    await accept(invitee, token).expect(200);

    expect(refused.body.code).toBe('EMAIL_NOT_VERIFIED');
  });

  it('answers 400 INVALID_TOKEN to the older link once the address is invited again; the newer one works', async () => {
    const invitee = await verifiedUser(app);
    const { orgId, owner, token: older } = await invited(invitee.email, 'member');
    await request(app)
      .post(`/orgs/${orgId}/invitations`)
      .set(bearer(owner.token))
      .send({ email: invitee.email, role: 'admin' })
      .expect(201);
    const newer = invitationTokenIn(await mailbox.waitFor(invitee.email, 'invited', 2));

    await accept(invitee, older).expect(400);
    const res = await accept(invitee, newer).expect(200);

    expect(res.body.role).toBe('admin');
  });

  it('makes exactly one membership of 20 parallel accepts of one token; the others answer 400 INVALID_TOKEN', async () => {
    const invitee = await verifiedUser(app);
    const { orgId, token } = await invited(invitee.email);

    const answers = await Promise.all(Array.from({ length: 20 }, () => accept(invitee, token)));

    expect(answers.map((res) => res.status).sort()).toEqual([200, ...Array(19).fill(400)]);
    const members = await membersOf(orgId);
    expect(members.filter((m) => m.userId.toString() === userIdOf(invitee))).toHaveLength(1);
  });

  it('answers 409 ALREADY_MEMBER when the invited account joined meanwhile', async () => {
    const invitee = await verifiedUser(app);
    const { orgId, token } = await invited(invitee.email);
    await addMember(orgId, invitee, 'member');

    const res = await accept(invitee, token).expect(409);

    expect(res.body.code).toBe('ALREADY_MEMBER');
  });

  it('answers 400 INVALID_TOKEN when the organization was deleted', async () => {
    const invitee = await verifiedUser(app);
    const { orgId, owner, token } = await invited(invitee.email);
    await request(app).delete(`/orgs/${orgId}`).set(bearer(owner.token)).expect(204);

    await accept(invitee, token).expect(400);
  });

  it.each([[{}], [{ token: '' }], [{ token: 42 }], [{ token: 'x'.repeat(129) }]])(
    'answers 400 VALIDATION_FAILED for %j',
    async (body) => {
      const user = await verifiedUser(app);

      const res = await request(app).post('/orgs/invitations/accept').set(bearer(user.token)).send(body).expect(400);

      expect(res.body.code).toBe('VALIDATION_FAILED');
    },
  );

  it('answers 400 INVALID_TOKEN for a token of the right shape that was never given out', async () => {
    const user = await verifiedUser(app);

    const res = await accept(user, 'A'.repeat(43)).expect(400);

    expect(res.body.code).toBe('INVALID_TOKEN');
  });

  it('answers 401 without an access token', async () => {
    await request(app)
      .post('/orgs/invitations/accept')
      .send({ token: 'A'.repeat(43) })
      .expect(401);
  });
});
