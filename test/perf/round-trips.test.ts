import ConnectionString from 'mongodb-connection-string-url';
import mongoose from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { createApp } from '../../src/app';
import { connectDatabase, disconnectDatabase } from '../../src/db';
import { loadConfig } from '../../src/config';
import { Organization } from '../../src/orgs/org.model';
import { User } from '../../src/users/user.model';
import { bearer, TEST_SECRET, testApp, uniqueEmail } from '../helpers/app';
import { testDatabaseUri } from '../helpers/database';
import { ADMIN_KEY, adminAuth } from '../admin/admin-helpers';
import { request } from '../helpers/request';
import expected from './round-trips.json';

// The MongoDB commands each route sends, counted by the driver's own command monitoring, against the table in
// round-trips.json (one place to update when a route's steps change on purpose). The app runs its default
// configuration, rate limits included: what production sends. docs/benchmarks.md prints the same table.

type Route = Exclude<keyof typeof expected, '//'>;
type Row = { session?: boolean; commands: string[] };
const sent: string[] = [];
const app = createApp(
  loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_SECRET,
    BCRYPT_COST: '10',
    LOG_LEVEL: 'silent',
    ADMIN_API_KEYS: ADMIN_KEY, // the admin routes exist, as they do where operators use the console
  }),
);
const seeder = testApp(); // users are made without the registration limit, which would stop this file after 20
const uri = new ConnectionString(testDatabaseUri());
uri.searchParams.set('monitorCommands', 'true');

beforeAll(async () => {
  await connectDatabase(uri.toString());
  const database = mongoose.connection.name;
  mongoose.connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    if (event.databaseName === database) sent.push(`${event.commandName} ${String(event.command[event.commandName])}`);
  });
});
afterAll(async () => {
  await mongoose.connection.db?.dropDatabase().catch(() => undefined);
  await disconnectDatabase();
});

/** The commands started while one request ran, in the order the driver started them. */
async function commandsOf(send: () => PromiseLike<{ status: number }>, status: number): Promise<string[]> {
  sent.length = 0;
  const res = await send();
  await new Promise((resolve) => setImmediate(resolve)); // a command started as the response went out is counted too
  expect(res.status).toBe(status);
  return [...sent];
}

const sorted = (list: readonly string[]) => [...list].sort();
const password = 'correct horse';

async function registered() {
  const email = uniqueEmail();
  const res = await request(seeder).post('/auth/register').send({ email, password }).expect(201);
  return { email, token: res.body.token as string, refreshToken: res.body.refreshToken as string, orgId: '' };
}

// each route once before counting: a limiter or a cursor built on first use is not a per-request cost
type Registered = Awaited<ReturnType<typeof registered>>;
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
const sessionOf = (token: string) => claimsOf(token).sid as string;
const loggedOut = async (u: Registered) => (
  await request(app).post('/auth/logout').set(bearer(u.token)).expect(204),
  u
);
const deleted = async (u: Registered) => (await User.deleteOne({ email: u.email }), u);
/** A verified user with an organization of their own (not chosen in the session yet). */
const founder = async (u: Registered): Promise<Registered> => {
  await User.updateOne({ email: u.email }, { $set: { emailVerified: true } });
  const org = await request(seeder).post('/orgs').set(bearer(u.token)).send({ name: 'Acme' }).expect(201);
  return { ...u, orgId: org.body.id as string };
};
/** The same, refreshed into the organization: the token carries org. */
const inOrg = async (u: Registered): Promise<Registered> => {
  const { orgId, ...rest } = await founder(u);
  const res = await request(seeder)
    .post('/auth/refresh')
    .send({ refreshToken: rest.refreshToken, organizationId: orgId });
  return { ...rest, orgId, token: res.body.token as string, refreshToken: res.body.refreshToken as string };
};
const membershipGone = async (u: Registered) => {
  const member = await inOrg(u);
  await Organization.deleteOne({ _id: member.orgId });
  return member;
};
const routes: Record<
  Route,
  {
    status: number;
    send: (user: Registered) => PromiseLike<{ status: number }>;
    arrange?: (user: Registered) => Promise<Registered>;
  }
> = {
  'GET /user/myprofile': { status: 200, send: (u) => request(app).get('/user/myprofile').set(bearer(u.token)) },
  'GET /user/myprofile, session revoked': {
    status: 401,
    arrange: loggedOut,
    send: (u) => request(app).get('/user/myprofile').set(bearer(u.token)),
  },
  'GET /user/myprofile, user deleted': {
    status: 401,
    arrange: deleted,
    send: (u) => request(app).get('/user/myprofile').set(bearer(u.token)),
  },
  'POST /auth/register': {
    status: 201,
    send: () => request(app).post('/auth/register').send({ email: uniqueEmail(), password }),
  },
  'POST /auth/login': { status: 200, send: (u) => request(app).post('/auth/login').send({ email: u.email, password }) },
  'POST /auth/refresh': {
    status: 200,
    send: (u) => request(app).post('/auth/refresh').send({ refreshToken: u.refreshToken }),
  },
  'POST /auth/logout': { status: 204, send: (u) => request(app).post('/auth/logout').set(bearer(u.token)) },
  'GET /user/sessions': { status: 200, send: (u) => request(app).get('/user/sessions').set(bearer(u.token)) },
  'GET /user/sessions, session revoked': {
    status: 401,
    arrange: loggedOut,
    send: (u) => request(app).get('/user/sessions').set(bearer(u.token)),
  },
  'DELETE /user/sessions/:id': {
    status: 204,
    send: (u) =>
      request(app)
        .delete(`/user/sessions/${sessionOf(u.token)}`)
        .set(bearer(u.token)),
  },
  'DELETE /user/sessions': { status: 204, send: (u) => request(app).delete('/user/sessions').set(bearer(u.token)) },
  'PUT /user/password': {
    status: 204,
    send: (u) =>
      request(app)
        .put('/user/password')
        .set(bearer(u.token))
        .send({ currentPassword: password, newPassword: 'another horse battery' }),
  },
  'GET /user/myprofile, token with an organization': {
    status: 200,
    arrange: inOrg,
    send: (u) => request(app).get('/user/myprofile').set(bearer(u.token)),
  },
  'GET /user/myprofile, membership gone': {
    status: 401,
    arrange: membershipGone,
    send: (u) => request(app).get('/user/myprofile').set(bearer(u.token)),
  },
  'POST /auth/refresh, active organization': {
    status: 200,
    arrange: inOrg,
    send: (u) => request(app).post('/auth/refresh').send({ refreshToken: u.refreshToken }),
  },
  'POST /auth/refresh, choosing an organization': {
    status: 200,
    arrange: founder,
    send: (u) => request(app).post('/auth/refresh').send({ refreshToken: u.refreshToken, organizationId: u.orgId }),
  },
  'POST /orgs': {
    status: 201,
    arrange: founder,
    send: (u) =>
      request(app)
        .post('/orgs')
        .set(bearer(u.token))
        .send({ name: `Team ${u.email.slice(5, 17)}` }), // a free slug
  },
  'GET /orgs': { status: 200, arrange: founder, send: (u) => request(app).get('/orgs').set(bearer(u.token)) },
  'GET /orgs/:id': {
    status: 200,
    arrange: founder,
    send: (u) => request(app).get(`/orgs/${u.orgId}`).set(bearer(u.token)),
  },
  'GET /admin/users/:id': {
    status: 200,
    arrange: founder,
    send: (u) =>
      request(app)
        .get(`/admin/users/${claimsOf(u.token).sub}`)
        .set(adminAuth()),
  },
  'DELETE /user/myprofile': {
    status: 204,
    send: (u) => request(app).delete('/user/myprofile').set(bearer(u.token)).send({ password }),
  },
};

describe('MongoDB round trips per request', () => {
  it.each(Object.keys(routes) as Route[])(
    '%s sends exactly the MongoDB commands of its row in round-trips.json',
    async (route) => {
      const { status, send, arrange = (u: Registered) => Promise.resolve(u) } = routes[route];
      await send(await arrange(await registered())); // warm
      const user = await arrange(await registered());

      const commands = await commandsOf(() => send(user), status);
      const row: Row = expected[route];

      expect(sorted(commands)).toEqual(sorted(row.commands));
      if (row.session) expect(commands[0]).toBe(row.commands[0]); // the session check first, before the route's own work
    },
  );
});
