import { Invitation, Organization } from '../../src/orgs/org.model';
import { bearer, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { makeStale } from '../helpers/privileged';
import { request } from '../helpers/request';
import { cast, createOrg, verifiedUser } from './helpers';

useTestDatabase();
const app = testApp();

describe('PATCH /orgs/:id', () => {
  it.each(['owner', 'admin'] as const)('answers 200 with the new name and slug to its %s', async (who) => {
    const people = await cast(app);
    const slug = `renamed-${Date.now()}-${who}`;

    const res = await request(app)
      .patch(`/orgs/${people.orgId}`)
      .set(bearer(people[who].token))
      .send({ name: 'Acme Two', slug })
      .expect(200);

    expect(res.body).toEqual({ id: people.orgId, name: 'Acme Two', slug, role: who, createdAt: expect.any(String) });
  });

  it('answers 403 FORBIDDEN_ROLE to a member, and changes nothing', async () => {
    const { orgId, member } = await cast(app);

    const res = await request(app).patch(`/orgs/${orgId}`).set(bearer(member.token)).send({ name: 'Mine' }).expect(403);

    expect(res.body.code).toBe('FORBIDDEN_ROLE');
    expect((await Organization.findById(orgId).lean())?.name).toBe('Acme');
  });

  it.each(['stranger', 'otherAdmin'] as const)('answers 404 ORG_NOT_FOUND to a %s', async (who) => {
    const people = await cast(app);

    const res = await request(app)
      .patch(`/orgs/${people.orgId}`)
      .set(bearer(people[who].token))
      .send({ name: 'Mine' })
      .expect(404);

    expect(res.body.code).toBe('ORG_NOT_FOUND');
  });

  it("answers 409 SLUG_TAKEN for another organization's slug", async () => {
    const { orgId, owner } = await cast(app);
    const other = await createOrg(app, await verifiedUser(app), { name: 'Taken' });

    const res = await request(app)
      .patch(`/orgs/${orgId}`)
      .set(bearer(owner.token))
      .send({ slug: other.slug })
      .expect(409);

    expect(res.body.code).toBe('SLUG_TAKEN');
  });

  it.each([[{}], [{ name: '' }], [{ slug: 'NO' }], [{ role: 'owner' }], [{ name: null }]])(
    'answers 400 VALIDATION_FAILED for %j',
    async (body) => {
      const { orgId, owner } = await cast(app);

      const res = await request(app).patch(`/orgs/${orgId}`).set(bearer(owner.token)).send(body).expect(400);

      expect(res.body.code).toBe('VALIDATION_FAILED');
    },
  );
});

describe('DELETE /orgs/:id', () => {
  it('answers 204 to its owner in a privileged session: the organization, its memberships and invitations are gone', async () => {
    const { orgId, owner, member } = await cast(app);
    await request(app)
      .post(`/orgs/${orgId}/invitations`)
      .set(bearer(owner.token))
      .send({ email: 'someone@example.com', role: 'member' })
      .expect(201);

    await request(app).delete(`/orgs/${orgId}`).set(bearer(owner.token)).expect(204);

    expect(await Organization.countDocuments({ _id: orgId })).toBe(0);
    expect(await Invitation.countDocuments({ orgId })).toBe(0);
    expect((await request(app).get('/orgs').set(bearer(member.token)).expect(200)).body).toEqual([]);
    await request(app).get(`/orgs/${orgId}`).set(bearer(owner.token)).expect(404);
  });

  it('answers 403 REAUTHENTICATION_REQUIRED to its owner whose session proved who they are too long ago', async () => {
    const { orgId, owner } = await cast(app);
    await makeStale(owner.token);

    const res = await request(app).delete(`/orgs/${orgId}`).set(bearer(owner.token)).expect(403);

    expect(res.body.code).toBe('REAUTHENTICATION_REQUIRED');
    expect(await Organization.countDocuments({ _id: orgId })).toBe(1);
  });

  it.each(['admin', 'member'] as const)('answers 403 FORBIDDEN_ROLE to its %s', async (who) => {
    const people = await cast(app);

    const res = await request(app).delete(`/orgs/${people.orgId}`).set(bearer(people[who].token)).expect(403);

    expect(res.body.code).toBe('FORBIDDEN_ROLE');
    expect(await Organization.countDocuments({ _id: people.orgId })).toBe(1);
  });

  it.each(['stranger', 'otherAdmin'] as const)('answers 404 ORG_NOT_FOUND to a %s', async (who) => {
    const people = await cast(app);

    const res = await request(app).delete(`/orgs/${people.orgId}`).set(bearer(people[who].token)).expect(404);

    expect(res.body.code).toBe('ORG_NOT_FOUND');
  });

  it('answers 400 VALIDATION_FAILED for an id that is not one', async () => {
    const user = await verifiedUser(app);

    await request(app).delete('/orgs/xyz').set(bearer(user.token)).expect(400);
  });
});
