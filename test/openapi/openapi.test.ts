import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import supertest from 'supertest';
import { testApp } from '../helpers/app';

const app = testApp();
const contract = [
  'post /auth/register',
  'post /auth/login',
  'post /auth/refresh',
  'post /auth/logout',
  'get /user/myprofile',
  'delete /user/myprofile',
  'put /user/password',
  'get /user/sessions',
  'delete /user/sessions',
  'delete /user/sessions/{id}',
  'get /health',
  'get /ready',
  'get /user/mfa',
  'post /user/mfa/totp',
  'post /user/mfa/totp/confirm',
  'delete /user/mfa/totp',
  'post /user/mfa/recovery-codes',
  'post /auth/mfa/verify',
  'get /user/activity',
  'get /admin/users',
  'get /admin/users/{id}',
  'patch /admin/users/{id}',
  'delete /admin/users/{id}/sessions',
  'get /admin/audit',
  'get /.well-known/jwks.json',
  // v1.2: accounts a person can recover
  'post /auth/verify-email',
  'post /auth/verify-email/resend',
  'post /auth/password/forgot',
  'post /auth/password/reset',
  'put /user/email',
  'post /user/passkeys/options',
  'post /user/passkeys',
  'get /user/passkeys',
  'delete /user/passkeys/{id}',
  'post /auth/passkey/options',
  'post /auth/passkey',
  // v1.5: sign in with OpenID Connect
  'get /auth/oidc/providers',
  'get /auth/oidc/{provider}/start',
  'get /auth/oidc/{provider}/callback',
  'post /auth/oidc/exchange',
  'get /user/identities',
  'post /user/identities/{provider}/start',
  'delete /user/identities/{provider}',
  // v1.7: accounts no one can hijack
  'post /auth/reauthenticate',
  'delete /user/email',
];

describe('GET /openapi.json', () => {
  it('answers an OpenAPI 3.1 document with every route of the contract, the bearer scheme and problem+json errors', async () => {
    const res = await supertest(app).get('/openapi.json').expect(200);
    const doc = res.body;

    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method} ${path}`),
    );
    expect(operations.sort()).toEqual([...contract].sort());
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.paths['/user/myprofile'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/auth/login'].post.responses['401'].content['application/problem+json']).toBeDefined();
    expect(doc.paths['/auth/register'].post.requestBody.content['application/json'].schema.required).toEqual([
      'email',
      'password',
    ]);
  });

  it('is the committed docs/openapi.json (npm run openapi writes it)', async () => {
    const res = await supertest(app).get('/openapi.json');

    expect(res.body).toEqual(JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8')));
  });
});

describe('GET /docs', () => {
  it('answers the docs page, whose viewer assets the app serves itself', async () => {
    const page = await supertest(app).get('/docs').expect(200);
    const bundle = await supertest(app).get('/docs/assets/swagger-ui-bundle.js').expect(200);
    const init = await supertest(app).get('/docs/init.js').expect(200);

    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('docs/assets/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(init.text).toContain("url: 'openapi.json'");
  });
});
