import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { ADMIN_KEY, adminAuth } from '../admin/admin-helpers';

useTestDatabase();
const app = testApp({ ADMIN_API_KEYS: ADMIN_KEY });

type Event = { type: string; actor: string; ip: string | null; userAgent: string | null };

describe('GET /user/activity', () => {
  it("shows an operator's action as actor admin, without the operator's address, user agent or key fingerprint", async () => {
    const user = await registerUser(app);
    const { id } = (await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200)).body;
    await request(app)
      .patch(`/admin/users/${id}`)
      .set(adminAuth())
      .set('User-Agent', 'operator-console/1.0 (ops laptop)')
      .send({ premium: true })
      .expect(200);

    const events: Event[] = (await request(app).get('/user/activity').set(bearer(user.token)).expect(200)).body;

    const byAdmin = events.filter((event) => event.type.startsWith('admin.'));
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.map(({ actor, ip, userAgent }) => ({ actor, ip, userAgent }))).toEqual(
      byAdmin.map(() => ({ actor: 'admin', ip: null, userAgent: null })),
    );
    expect(JSON.stringify(events)).not.toContain('operator-console');
    const own = events.find((event) => event.type === 'register');
    expect(own).toMatchObject({ actor: 'user', ip: expect.any(String) }); // the user's own events keep their details
  });

  it('still shows the operators the whole event in GET /admin/audit', async () => {
    const user = await registerUser(app);
    const { id } = (await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200)).body;
    await request(app).patch(`/admin/users/${id}`).set(adminAuth()).send({ premium: true }).expect(200);

    const { events } = (await request(app).get(`/admin/audit?userId=${id}`).set(adminAuth()).expect(200)).body;

    expect(events.find((event: Event) => event.type === 'admin.user-updated').actor).toMatch(/^admin:/);
  });
});
