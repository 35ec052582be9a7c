import { request } from '../helpers/request';
import { User } from '../../src/users/user.model';
import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp({ CORS_ORIGINS: 'https://app.example.com' });

describe('requests a careless or hostile client sends', () => {
  it.each(['null', '42', '"x"', 'true'])(
    'answers 400 VALIDATION_FAILED for the JSON body %s, and stores nothing',
    async (body) => {
      const before = await User.countDocuments();

      const res = await request(app).post('/auth/register').set('Content-Type', 'application/json').send(body);

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(await User.countDocuments()).toBe(before);
    },
  );

  it('answers 404 NOT_FOUND, never 500, for a path parameter whose percent escapes do not decode', async () => {
    const user = await registerUser(app);

    const anonymous = await request(app).delete('/user/sessions/%ZZ');
    const withToken = await request(app).delete('/user/sessions/%E0%A4%A').set(bearer(user.token));

    for (const res of [anonymous, withToken]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(res.text).not.toMatch(/URIError|decode param/);
    }
    await request(app).get('/user/sessions').set(bearer(user.token)).expect(200);
  });

  it("gives a CORS preflight a request id, the client's own when it sends one", async () => {
    const preflight = () =>
      request(app)
        .options('/user/myprofile')
        .set('Origin', 'https://app.example.com')
        .set('Access-Control-Request-Method', 'GET');

    const made = await preflight();
    const given = await preflight().set('X-Request-Id', 'preflight-7');

    expect(made.status).toBe(204);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(given.headers['x-request-id']).toBe('preflight-7');
  });
});
