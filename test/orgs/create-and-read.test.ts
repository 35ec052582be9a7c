import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { cast, createOrg, userIdOf, verifiedUser } from './helpers';

useTestDatabase();
const app = testApp();

describe('POST /orgs', () => {
  it('answers 201 with the organization and the role owner, its slug made from the name', async () => {
    const user = await verifiedUser(app);

    const res = await request(app).post('/orgs').set(bearer(user.token)).send({ name: 'Acme Café, Inc.' }).expect(201);

    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'Acme Café, Inc.',
      slug: expect.stringMatching(/^acme-cafe-inc(-[0-9a-f]{4})?$/),
      role: 'owner',
      createdAt: expect.any(String),
    });
  });

  it('keeps a slug given, and answers 409 SLUG_TAKEN when another organization has it', async () => {
    const [first, second] = await Promise.all([verifiedUser(app), verifiedUser(app)]);
    const slug = `team-${Date.now()}`;
    await createOrg(app, first, { name: 'One', slug });

    const res = await request(app).post('/orgs').set(bearer(second.token)).send({ name: 'Two', slug }).expect(409);

    expect(res.body.code).toBe('SLUG_TAKEN');
  });

  it('creates one organization of 5 parallel ones asking for the same slug; the others answer 409 SLUG_TAKEN', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => verifiedUser(app)));
    const slug = `race-${Date.now()}`;

    const answers = await Promise.all(
      users.map((user) => request(app).post('/orgs').set(bearer(user.token)).send({ name: 'Race', slug })),
    );

    expect(answers.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it('gives a slug made from a name that is taken a suffix instead of refusing it', async () => {
    const [first, second] = await Promise.all([verifiedUser(app), verifiedUser(app)]);
    const a = await createOrg(app, first, { name: 'Same Name Co' });
    const b = await createOrg(app, second, { name: 'Same Name Co' });

    expect(b.slug).not.toBe(a.slug);
    expect(b.slug).toMatch(/^same-name-co(-[0-9a-f]{4})?$/);
  });

  it('answers 403 EMAIL_NOT_VERIFIED to a user whose address is not confirmed', async () => {
    const user = await registerUser(app);

    const res = await request(app).post('/orgs').set(bearer(user.token)).send({ name: 'Acme' }).expect(403);

    expect(res.body.code).toBe('EMAIL_NOT_VERIFIED');
  });

  it('answers 401 without a token', async () => {
    await request(app).post('/orgs').send({ name: 'Acme' }).expect(401);
  });

  it.each([
    [{}],
    [{ name: '' }],
    [{ name: 'x'.repeat(101) }],
    [{ name: 'Bad\nname' }],
    [{ name: 'Acme', slug: 'A' }],
    [{ name: 'Acme', slug: 'Upper' }],
    [{ name: 'Acme', slug: 'has space' }],
    [{ name: 'Acme', slug: 'x'.repeat(49) }],
    [{ name: 42 }],
  ])('answers 400 VALIDATION_FAILED for %j', async (body) => {
    const user = await verifiedUser(app);

    const res = await request(app).post('/orgs').set(bearer(user.token)).send(body).expect(400);

    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /orgs', () => {
  it("lists the caller's organizations with the caller's role in each, and no other", async () => {
    const { orgId, admin, stranger } = await cast(app);

    const mine = await request(app).get('/orgs').set(bearer(admin.token)).expect(200);
    const none = await request(app).get('/orgs').set(bearer(stranger.token)).expect(200);

    expect(mine.body).toEqual([{ id: orgId, name: 'Acme', slug: expect.any(String), role: 'admin' }]);
    expect(none.body).toEqual([]);
  });
});

describe('GET /orgs/:id', () => {
  it.each(['owner', 'admin', 'member'] as const)(
    'answers 200 the organization and its members to its %s',
    async (who) => {
      const people = await cast(app);

      const res = await request(app).get(`/orgs/${people.orgId}`).set(bearer(people[who].token)).expect(200);

      expect(res.body).toMatchObject({ id: people.orgId, name: 'Acme', role: who });
      expect(res.body.members.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
        [userIdOf(people.owner), 'owner'],
        [userIdOf(people.admin), 'admin'],
        [userIdOf(people.member), 'member'],
      ]);
      expect(res.body.members[0]).toEqual({
        userId: userIdOf(people.owner),
        name: 'Ada Lovelace',
        email: people.owner.email,
        role: 'owner',
        joinedAt: expect.any(String),
      });
    },
  );

  it.each(['stranger', 'otherAdmin'] as const)(
    'answers 404 ORG_NOT_FOUND to a %s, as for no organization at all',
    async (who) => {
      const people = await cast(app);

      const res = await request(app).get(`/orgs/${people.orgId}`).set(bearer(people[who].token)).expect(404);
      const none = await request(app).get('/orgs/0123456789abcdef01234567').set(bearer(people[who].token)).expect(404);

      expect(res.body.code).toBe('ORG_NOT_FOUND');
      expect(none.body.code).toBe('ORG_NOT_FOUND');
    },
  );

  it('answers 400 VALIDATION_FAILED for an id that is not one', async () => {
    const user = await verifiedUser(app);

    const res = await request(app).get('/orgs/not-an-id').set(bearer(user.token)).expect(400);

    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
