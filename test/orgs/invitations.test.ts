import type { Express } from 'express';
import { Invitation } from '../../src/orgs/org.model';
import { bearer, registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox } from '../helpers/mailbox';
import { request } from '../helpers/request';
import { APP_URL, cast, invitationTokenIn } from './helpers';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp({ ...mailbox.env(), APP_URL });
});
afterAll(() => mailbox.stop());

const invite = (orgId: string, token: string, body: object) =>
  request(app).post(`/orgs/${orgId}/invitations`).set(bearer(token)).send(body);

describe('POST /orgs/:id/invitations', () => {
  it('answers 201 { id, email, role, expiresAt } in 7 days and mails a link APP_URL/accept-invitation?token=', async () => {
    const { orgId, owner } = await cast(app);
    const email = uniqueEmail();

    const res = await invite(orgId, owner.token, { email, role: 'member' }).expect(201);
    const mail = await mailbox.waitFor(email, 'invited');

    expect(res.body).toEqual({ id: expect.any(String), email, role: 'member', expiresAt: expect.any(String) });
    const days = (Date.parse(res.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect(mail.text).toMatch(new RegExp(`${APP_URL}/accept-invitation\\?token=[A-Za-z0-9_-]{43}\\b`));
    expect(mail.text).toContain('Acme');
    const stored = await Invitation.findById(res.body.id).lean();
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.tokenHash).not.toBe(invitationTokenIn(mail)); // only its hash is kept
  });

  it.each([
    ['owner', 'member', 201],
    ['owner', 'admin', 201],
    ['admin', 'member', 201],
    ['admin', 'admin', 403],
    ['member', 'member', 403],
    ['stranger', 'member', 404],
    ['otherAdmin', 'member', 404],
  ] as const)('answers the %s inviting a %s: %i', async (who, role, status) => {
    const people = await cast(app);

    const res = await invite(people.orgId, people[who].token, { email: uniqueEmail(), role }).expect(status);

    if (status === 403) expect(res.body.code).toBe('FORBIDDEN_ROLE');
    if (status === 404) expect(res.body.code).toBe('ORG_NOT_FOUND');
  });

  it("answers 409 ALREADY_MEMBER for a member's address", async () => {
    const { orgId, owner, member } = await cast(app);

    const res = await invite(orgId, owner.token, { email: member.email, role: 'member' }).expect(409);

    expect(res.body.code).toBe('ALREADY_MEMBER');
  });

  it('keeps one pending invitation of 5 parallel invitations of one address, each answered 201', async () => {
    const { orgId, owner } = await cast(app);
    const email = uniqueEmail();

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => invite(orgId, owner.token, { email, role: 'member' })),
    );

    expect(answers.map((res) => res.status)).toEqual(Array(5).fill(201));
    expect(await Invitation.countDocuments({ orgId, email })).toBe(1);
  });

  it('answers 429 to the 51st invitation of an organization in a day', async () => {
    const { orgId, owner } = await cast(app);
    for (let sent = 0; sent < 50; sent++)
      await invite(orgId, owner.token, { email: uniqueEmail(), role: 'member' }).expect(201);

    const res = await invite(orgId, owner.token, { email: uniqueEmail(), role: 'member' }).expect(429);

    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it.each([
    [{}],
    [{ email: 'not-an-email', role: 'member' }],
    [{ email: 'a@example.com', role: 'owner' }],
    [{ email: 'a@example.com' }],
  ])('answers 400 VALIDATION_FAILED for %j', async (body) => {
    const { orgId, owner } = await cast(app);

    const res = await invite(orgId, owner.token, body).expect(400);

    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /orgs/:id/invitations', () => {
  it.each([
    ['owner', 200],
    ['admin', 200],
    ['member', 403],
    ['stranger', 404],
    ['otherAdmin', 404],
  ] as const)('answers the %s %i', async (who, status) => {
    const people = await cast(app);
    const email = uniqueEmail();
    await invite(people.orgId, people.owner.token, { email, role: 'admin' }).expect(201);

    const res = await request(app)
      .get(`/orgs/${people.orgId}/invitations`)
      .set(bearer(people[who].token))
      .expect(status);

    if (status === 200)
      expect(res.body).toEqual([{ id: expect.any(String), email, role: 'admin', expiresAt: expect.any(String) }]);
  });

  it('lists one invitation per address: a new invitation replaces the old', async () => {
    const { orgId, owner } = await cast(app);
    const email = uniqueEmail();
    await invite(orgId, owner.token, { email, role: 'member' }).expect(201);
    await invite(orgId, owner.token, { email, role: 'admin' }).expect(201);

    const res = await request(app).get(`/orgs/${orgId}/invitations`).set(bearer(owner.token)).expect(200);

    expect(res.body.map((i: { email: string; role: string }) => [i.email, i.role])).toEqual([[email, 'admin']]);
  });
});

describe('DELETE /orgs/:id/invitations/:invitationId', () => {
  it.each([
    ['owner', 204],
    ['admin', 204],
    ['member', 403],
    ['stranger', 404],
    ['otherAdmin', 404],
  ] as const)('answers the %s %i', async (who, status) => {
    const people = await cast(app);
    const { body } = await invite(people.orgId, people.owner.token, { email: uniqueEmail(), role: 'member' }).expect(
      201,
    );

    await request(app)
      .delete(`/orgs/${people.orgId}/invitations/${body.id}`)
      .set(bearer(people[who].token))
      .expect(status);

    expect(await Invitation.countDocuments({ _id: body.id })).toBe(status === 204 ? 0 : 1);
  });

  it('answers 404 INVITATION_NOT_FOUND for an invitation of another organization, and the withdrawn link no longer works', async () => {
    const { orgId, owner } = await cast(app);
    const other = await cast(app);
    const email = uniqueEmail();
    const { body } = await invite(other.orgId, other.owner.token, { email, role: 'member' }).expect(201);
    const token = invitationTokenIn(await mailbox.waitFor(email, 'invited'));

    const res = await request(app).delete(`/orgs/${orgId}/invitations/${body.id}`).set(bearer(owner.token)).expect(404);
    await request(app).delete(`/orgs/${other.orgId}/invitations/${body.id}`).set(bearer(other.owner.token)).expect(204);

    expect(res.body.code).toBe('INVITATION_NOT_FOUND');
    const invitee = await registerUser(app, { email });
    await request(app).post('/orgs/invitations/accept').set(bearer(invitee.token)).send({ token }).expect(400);
  });

  it('answers 400 VALIDATION_FAILED for an invitation id that is not one', async () => {
    const { orgId, owner } = await cast(app);

    await request(app).delete(`/orgs/${orgId}/invitations/nope`).set(bearer(owner.token)).expect(400);
  });
});
