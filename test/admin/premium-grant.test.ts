import { request } from '../helpers/request';
import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { claimsOf } from '../mfa/mfa-helpers';
import { ADMIN_KEY, adminAuth } from './admin-helpers';

useTestDatabase();
const app = testApp({ ADMIN_API_KEYS: ADMIN_KEY });

// The payments service grants premium through the admin API; the user's next refresh carries it.
describe('premium granted by the admin API', () => {
  it('shows in the profile at once, and in the claims after a refresh', async () => {
    const user = await registerUser(app);
    const { id } = (await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200)).body;
    expect(claimsOf(user.token).premium).toBe(false);

    await request(app).patch(`/admin/users/${id}`).set(adminAuth()).send({ premium: true }).expect(200);

    await request(app)
      .get('/user/myprofile')
      .set(bearer(user.token))
      .expect(200)
      .expect((res) => expect(res.body.premium).toBe(true));
    const refreshed = await request(app).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    expect(claimsOf(refreshed.body.token).premium).toBe(true);
  });

  it('ends with premiumEnds: a date in the past is premium false in the profile and in the claims', async () => {
    const user = await registerUser(app);
    const { id } = (await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200)).body;

    await request(app)
      .patch(`/admin/users/${id}`)
      .set(adminAuth())
      .send({ premium: true, premiumEnds: new Date(Date.now() - 60_000).toISOString() })
      .expect(200);

    await request(app)
      .get('/user/myprofile')
      .set(bearer(user.token))
      .expect(200)
      .expect((res) => expect(res.body.premium).toBe(false));
    const refreshed = await request(app).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    expect(claimsOf(refreshed.body.token).premium).toBe(false);
  });
});
