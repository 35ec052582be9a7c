import { disconnectDatabase } from '../../src/db';
import { User } from '../../src/users/user.model';
import { TEST_MFA_KEY } from '../helpers/app';
import { testDatabaseUri } from '../helpers/database';
import { UNDELIVERABLE_MAIL_ENV } from '../helpers/mailbox';
import { restInvoker, tokenEvent } from '../lambda/events';
import { claimsOf } from './helpers';

Object.assign(process.env, {
  NODE_ENV: 'production',
  MONGODB_URI: testDatabaseUri(),
  JWT_SECRET: 'lambda-secret-that-is-at-least-32-chars',
  MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
  LOG_LEVEL: 'silent',
  RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
  ...UNDELIVERABLE_MAIL_ENV,
});
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the environment is set, as Lambda does */
const { handler } = require('../../src/lambda') as typeof import('../../src/lambda');
const authorizer = (require('../../src/authorizer') as typeof import('../../src/authorizer')).handler;
/* eslint-enable @typescript-eslint/no-require-imports */

afterAll(() => disconnectDatabase());

const invoke = restInvoker(handler);

describe('organizations through the Lambda door (REST proxy events, the TOKEN authorizer)', () => {
  it('founds an organization, refreshes into it, and the authorizer and the app both see it', async () => {
    const email = `lambda-org-${Date.now()}@example.com`;
    const registered = await invoke({
      method: 'POST',
      path: '/auth/register',
      body: { email, password: 'correct horse' },
    });
    await User.updateOne({ email }, { $set: { emailVerified: true } });

    const created = await invoke({
      method: 'POST',
      path: '/orgs',
      token: registered.json.token,
      body: { name: 'Lambda Co' },
    });
    const refreshed = await invoke({
      method: 'POST',
      path: '/auth/refresh',
      body: { refreshToken: registered.json.refreshToken, organizationId: created.json.id },
    });
    const context = (await authorizer(tokenEvent(`Bearer ${refreshed.json.token}`))).context;
    const read = await invoke({
      method: 'GET',
      path: `/orgs/${created.json.id}`,
      resource: '/orgs/{id}',
      token: refreshed.json.token,
    });

    expect(created.statusCode).toBe(201);
    expect(claimsOf(refreshed.json.token)).toMatchObject({ org: created.json.id, org_role: 'owner' });
    expect(context).toMatchObject({ orgId: created.json.id, orgRole: 'owner' });
    expect(read.statusCode).toBe(200);
    expect(read.json.members).toEqual([expect.objectContaining({ email, role: 'owner' })]);
  });
});
