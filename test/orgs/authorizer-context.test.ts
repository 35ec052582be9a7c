import { TEST_SECRET, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { tokenEvent } from '../lambda/events';
import { activate, cast } from './helpers';

process.env.JWT_SECRET = TEST_SECRET;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after JWT_SECRET is set, as Lambda does
const { handler } = require('../../src/authorizer') as typeof import('../../src/authorizer');

useTestDatabase();
const app = testApp();

describe('the TOKEN authorizer and the active organization', () => {
  it('adds orgId and orgRole to the context of a token refreshed into an organization', async () => {
    const { orgId, admin } = await cast(app);
    await activate(app, admin, orgId);

    const result = await handler(tokenEvent(`Bearer ${admin.token}`));

    expect(result.context).toMatchObject({ orgId, orgRole: 'admin' });
  });

  it('leaves them out of the context of a token without an organization', async () => {
    const { member } = await cast(app);

    const result = await handler(tokenEvent(`Bearer ${member.token}`));

    expect(result.context).not.toHaveProperty('orgId');
    expect(result.context).not.toHaveProperty('orgRole');
  });

  it('leaves them out once the organization is cleared with null', async () => {
    const { orgId, owner } = await cast(app);
    await activate(app, owner, orgId);
    await activate(app, owner, null);

    const result = await handler(tokenEvent(`Bearer ${owner.token}`));

    expect(result.context).not.toHaveProperty('orgId');
  });
});
