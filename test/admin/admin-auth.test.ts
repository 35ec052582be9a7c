import { request } from '../helpers/request';
import { testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { ADMIN_KEY, OTHER_KEY, adminAuth } from './admin-helpers';

useTestDatabase();
const app = testApp({ ADMIN_API_KEYS: `${ADMIN_KEY}, ${OTHER_KEY}` });

describe('the /admin routes', () => {
  it.each([
    ['no key', {}],
    ['a wrong key', adminAuth('x'.repeat(40))],
    ['a prefix of a right key', adminAuth(ADMIN_KEY.slice(0, -1))],
    ['a right key with a character more', adminAuth(`${ADMIN_KEY}0`)],
    ["a user's kind of header with the key in another scheme", { Authorization: `Basic ${ADMIN_KEY}` }],
  ])('answer 401 UNAUTHORIZED to %s', async (_case, headers) => {
    const res = await request(app).get('/admin/users').set(headers);

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
  });

  it('take every key of ADMIN_API_KEYS', async () => {
    await request(app).get('/admin/users').set(adminAuth()).expect(200);
    await request(app).get('/admin/users').set(adminAuth(OTHER_KEY)).expect(200);
  });

  it('do not exist at all when ADMIN_API_KEYS is unset: 404 NOT_FOUND, even with a key', async () => {
    const res = await request(testApp()).get('/admin/users').set(adminAuth());

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
