import { request } from '../helpers/request';
import { testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const provider = (id: string) => ({
  id,
  issuer: 'http://127.0.0.1:9',
  clientId: `client-${id}`,
  clientSecret: `secret-of-${id}`,
}); // port 9: nothing listens

describe('GET /auth/oidc/providers', () => {
  it("lists the ids of OIDC_PROVIDERS for a sign-in page's buttons, and nothing of their client settings", async () => {
    const app = testApp({ OIDC_PROVIDERS: JSON.stringify([provider('google'), provider('entra')]) });

    const res = await request(app).get('/auth/oidc/providers').expect(200);

    expect(res.body).toEqual({ providers: [{ id: 'google' }, { id: 'entra' }] });
    expect(res.text).not.toMatch(/secret|client-|127\.0\.0\.1/);
  });

  it('answers an empty list when no provider is configured', async () => {
    await request(testApp()).get('/auth/oidc/providers').expect(200, { providers: [] });
  });
});
