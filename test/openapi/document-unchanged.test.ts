import { openApiDocument } from '../../src/openapi/openapi.document';
import before from './document-v1.6-before-route-declarations.json';

// The document as it was before routes were declared once (docs/openapi.json of v1.6, when a second table in
// src/openapi/ described them), against the one built from the declarations now. Each operation that existed
// then must mean the same: the same parameters, request body and answer schemas; error statuses may only grow.
// A deliberate change is listed here with its reason.
const TRANSPORT = 'X-Session-Transport takes json or cookie; any other value is 400 now, not the JSON transport';
const REDIRECT = 'redirect carries the pattern the server holds it to: an empty or absolute one was always 400';
const PASSWORD = 'a password carries its rules: a control-character pattern and a description of the rest';
const USER_ID = 'a user id carries its pattern (24 hex digits): anything else was always 400';
const PENDING_EMAIL = 'v1.7: a profile shows pendingEmail';
const NEW_EVENTS =
  'v1.7: the audit log has reauthentication and email-change-cancelled events; v1.9: organization events, with orgId';
const CHANGED: Record<string, string> = {
  'get /user/myprofile responses.200': PENDING_EMAIL,
  'get /admin/users responses.200': PENDING_EMAIL,
  'get /admin/users/{id} responses.200': `${PENDING_EMAIL}; v1.9: and the user's memberships`,
  'patch /admin/users/{id} responses.200': PENDING_EMAIL,
  'get /user/activity responses.200': NEW_EVENTS,
  'post /auth/passkey responses.200': 'v1.7: a passkey without user verification on a TOTP account owes mfaRequired',
  'get /admin/audit responses.200': NEW_EVENTS,
  'post /auth/refresh requestBody.content': 'v1.9: a refresh may choose the active organization (organizationId)',
  'post /auth/passkey/options requestBody.required': 'no body at all asks for a discoverable passkey, as served',
  'post /auth/mfa/verify requestBody.content': 'exactly one factor (oneOf of strict objects), as the server holds it',
  ...Object.fromEntries(
    ['register', 'login', 'refresh', 'mfa/verify', 'passkey', 'oidc/exchange'].map((path) => [
      `post /auth/${path} parameters`,
      TRANSPORT,
    ]),
  ),
  'get /auth/oidc/{provider}/start parameters': REDIRECT,
  'post /auth/register requestBody.content': PASSWORD,
  'put /user/password requestBody.content': PASSWORD,
  'post /auth/password/reset requestBody.content': PASSWORD,
  'get /admin/users/{id} parameters': USER_ID,
  'patch /admin/users/{id} parameters': USER_ID,
  'delete /admin/users/{id}/sessions parameters': USER_ID,
  'get /admin/audit parameters': USER_ID,
  'patch /admin/users/{id} requestBody.content': 'minProperties: 1, as the server holds it',
  'post /user/identities/{provider}/start parameters': REDIRECT,
};

type Operation = {
  parameters?: unknown[];
  requestBody?: { required: boolean; content: unknown };
  responses: Record<string, { content?: unknown; headers?: unknown }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ name: `${method} ${path}`, path, method, operation })),
  );
// prose may be reworded; what is compared is the shape: schemas, parameters, statuses, headers
const withoutProse = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (key, inner: unknown) => (key === 'description' ? undefined : inner));
const now = withoutProse(openApiDocument()) as Document;
const unless = (name: string, field: string, check: () => void) => (CHANGED[`${name} ${field}`] ? undefined : check());

describe.each(operationsOf(withoutProse(before) as Document))(
  '$name, built from its declaration',
  ({ name, path, method, operation }) => {
    const current = now.paths[path]?.[method];

    it('is still described', () => {
      expect(current).toBeDefined();
    });

    it('takes the same parameters and request body', () => {
      unless(name, 'parameters', () => expect(current.parameters).toEqual(operation.parameters));
      unless(name, 'requestBody.required', () =>
        expect(current.requestBody?.required).toEqual(operation.requestBody?.required),
      );
      unless(name, 'requestBody.content', () =>
        expect(current.requestBody?.content).toEqual(operation.requestBody?.content),
      );
    });

    it('answers what it answered, with the same schemas and headers', () => {
      for (const [status, answer] of Object.entries(operation.responses)) {
        unless(name, `responses.${status}`, () => expect(current.responses[status]).toEqual(answer));
      }
    });
  },
);
