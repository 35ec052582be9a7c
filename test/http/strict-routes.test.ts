import supertest from 'supertest';
import { openApiDocument } from '../../src/openapi/openapi.document';
import { testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';

useTestDatabase();
const oidcProvider = { id: '0'.repeat(24), issuer: 'http://127.0.0.1:9', clientId: 'routing', clientSecret: 'routing' }; // port 9: nothing listens
const app = testApp({
  ADMIN_API_KEYS: 'admin-key-for-the-routing-tests-0123456789',
  OIDC_PROVIDERS: JSON.stringify([oidcProvider]),
}); // the /admin routes, the console and the OIDC routes exist only when configured

// Every documented route, and the docs pages that the document does not list, in their exact spelling.
const documented = Object.entries(openApiDocument().paths).flatMap(([template, operations]) =>
  Object.keys(operations as object).map((method) => ({ method, path: template.replace(/\{[^}]+\}/g, '0'.repeat(24)) })),
);
const routes = [
  ...documented,
  ...[
    '/openapi.json',
    '/docs',
    '/docs/init.js',
    '/docs/assets/swagger-ui.css',
    '/account',
    '/account/assets/account.js',
    '/console',
    '/console/assets/console.js',
  ].map((path) => ({ method: 'get', path })),
];
type Method = 'get' | 'post' | 'put' | 'delete';

/** The last segment that starts with a letter, capitalised: /user/Myprofile, /user/Sessions/0000… */
const capitalised = (path: string) =>
  path.replace(
    /\/([a-z])([^/]*)((?:\/[^a-z/][^/]*)*)$/,
    (_all, first: string, rest: string, tail: string) => `/${first.toUpperCase()}${rest}${tail}`,
  );
// a variant that is itself a documented path (/user/passkeys/Options is /user/passkeys/{id}) is not a wrong spelling
const templates = Object.keys(openApiDocument().paths).map(
  (template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
);
const variants = routes
  .flatMap(({ method, path }) => [
    { method, path: path.toUpperCase() },
    { method, path: capitalised(path) },
    { method, path: `${path}/` },
  ])
  .filter(({ path }) => !templates.some((template) => template.test(path)));

describe('routing', () => {
  it('knows the routes it is tested with', () => {
    expect(routes.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining(['get /user/myprofile', 'delete /user/sessions', 'post /auth/login', 'get /health']),
    );
  });

  it('still reaches every route by its exact path (a token route without a token: 401, never 404)', async () => {
    for (const { method, path } of routes) {
      const res = await supertest(app)[method as Method](path); // the docs pages are not in the document
      expect([`${method} ${path}`, res.status]).not.toEqual([`${method} ${path}`, 404]);
    }
  });

  it.each(variants)(
    'answers $method $path (another case, or a trailing slash) 404 NOT_FOUND',
    async ({ method, path }) => {
      const res = await request(app)[method as Method](path).expect(404);

      expect(res.body.code).toBe('NOT_FOUND');
    },
  );
});
