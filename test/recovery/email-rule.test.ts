import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { emailSchema } from '../../src/auth/auth.schemas';
import { openApiDocument } from '../../src/openapi/openapi.document';
import { registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';

useTestDatabase();
const app = testApp();

const samples = [
  'ada@example.com',
  `${'a'.repeat(64)}@example.com`,
  `${'a'.repeat(65)}@example.com`,
  `${'a'.repeat(100)}@example.com`,
  'first.last+tag@mail.example.co.uk',
  '.ada@example.com',
  'ada..lovelace@example.com',
  'ada@-example.com',
  'ada@example-.com',
  `ada@${'d'.repeat(64)}.com`,
  'ada@example',
  'ada example@example.com',
  'no-at-sign.example.com',
];

// every request body field that the document says is an email, route by route
const emailFields = Object.entries(openApiDocument().paths).flatMap(([path, operations]) =>
  Object.entries(
    operations as Record<
      string,
      {
        requestBody?: {
          content: { 'application/json': { schema: { properties: Record<string, { format?: string }> } } };
        };
      }
    >,
  ).flatMap(([method, operation]) =>
    Object.entries(operation.requestBody?.content['application/json'].schema.properties ?? {})
      .filter(([, schema]) => schema.format === 'email')
      .map(([field, schema]) => ({ route: `${method.toUpperCase()} ${path}`, field, schema })),
  ),
);

describe('the email rule and the OpenAPI document', () => {
  const ajv = addFormats(new Ajv2020({ strict: false }));

  it('covers every route that takes an email', () => {
    expect(emailFields.map(({ route, field }) => `${route} ${field}`).sort()).toEqual([
      'POST /auth/email/start email',
      'POST /auth/password/forgot email',
      'POST /auth/register email',
      'POST /orgs/{id}/invitations email',
      'PUT /user/email newEmail',
    ]);
  });

  it.each(samples)('agree on %s', (sample) => {
    const accepted = emailSchema.safeParse(sample).success;

    for (const { schema } of emailFields) expect(ajv.validate(schema, sample)).toBe(accepted);
  });

  it('registers a 64-character local part and refuses 65 with 400 VALIDATION_FAILED', async () => {
    await registerUser(app, { email: `${'a'.repeat(64)}@example.com` });

    const res = await request(app)
      .post('/auth/register')
      .send({ email: `${'b'.repeat(65)}@example.com`, password: 'correct horse' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'email', message: expect.stringContaining('64') }]);
  });
});
