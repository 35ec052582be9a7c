import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import supertest from 'supertest';
import { testApp } from '../helpers/app';
import { contractOperations } from '../helpers/contract';

// operations the contract's sections up to the document's version do not name: the account page's sign-in
// buttons, sign in by email (v1.10), built before v1.8 and v1.9, and organizations (v1.9), built before v1.8
const ORGANIZATIONS = [
  'post /orgs',
  'get /orgs',
  'get /orgs/{id}',
  'patch /orgs/{id}',
  'delete /orgs/{id}',
  'post /orgs/{id}/invitations',
  'get /orgs/{id}/invitations',
  'delete /orgs/{id}/invitations/{invitationId}',
  'post /orgs/invitations/accept',
  'patch /orgs/{id}/members/{userId}',
  'delete /orgs/{id}/members/{userId}',
  'get /admin/orgs',
  'get /admin/orgs/{id}',
];
const BEYOND_CONTRACT = [
  'get /auth/oidc/providers',
  'post /auth/email/start',
  'post /auth/email/verify',
  ...ORGANIZATIONS,
];

const app = testApp();

describe('GET /openapi.json', () => {
  it('answers an OpenAPI 3.1 document with every route of the contract, the bearer scheme and problem+json errors', async () => {
    const res = await supertest(app).get('/openapi.json').expect(200);
    const doc = res.body;

    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method} ${path}`),
    );
    expect(operations.sort()).toEqual([...contractOperations(doc.info.version), ...BEYOND_CONTRACT].sort());
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
