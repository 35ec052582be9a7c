import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import supertest, { type Response } from 'supertest';
import { openApiDocument } from '../../src/openapi/openapi.document';

// supertest, with every response checked against the OpenAPI document: a route that answers a status,
// a content type or a body that the document does not describe fails its test.

type Media = { schema: object };
type Operation = { responses: Record<string, { content?: Record<string, Media> }> };

const document = openApiDocument();
const problem = document.components.schemas.Problem;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const inline = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema).replaceAll('{"$ref":"#/components/schemas/Problem"}', JSON.stringify(problem)));
const templates = Object.keys(document.paths).map((path) => ({
  path,
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

function describedFor(method: string, url: string, status: number): Operation['responses'][string] | undefined {
  const path = url.split('?')[0];
  const template = templates.find(({ pattern }) => pattern.test(path))?.path;
  const operation = template ? (document.paths[template] as Record<string, Operation>)[method] : undefined;
  if (operation) return operation.responses[status];
  // unknown paths are 404 and known paths with another method 405, both as problem+json
  const expected = template ? 405 : 404;
  return status === expected ? { content: { 'application/problem+json': { schema: problem } } } : undefined;
}

export function checkAgainstSpec(method: string, url: string, res: Response): void {
  if (method === 'head' || method === 'options') return;
  const described = describedFor(method, url, res.status);
  if (!described)
    throw new Error(
      `${method.toUpperCase()} ${url} answered ${res.status}, which the OpenAPI document does not describe`,
    );
  if (!described.content) {
    if (res.text)
      throw new Error(
        `${method.toUpperCase()} ${url} answered ${res.status} with a body the document does not describe`,
      );
    return;
  }
  const type = String(res.headers['content-type'] ?? '').split(';')[0];
  const media = described.content[type];
  if (!media)
    throw new Error(
      `${method.toUpperCase()} ${url} answered ${res.status} as ${type}, not ${Object.keys(described.content).join(' or ')}`,
    );
  const validate = ajv.compile(inline(media.schema) as object);
  if (!validate(res.body))
    throw new Error(
      `${method.toUpperCase()} ${url} ${res.status}: body does not match the document: ${ajv.errorsText(validate.errors)}`,
    );
}

const methods = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options'] as const;
type Agent = Pick<ReturnType<typeof supertest>, (typeof methods)[number]>;

export function request(app: Express): Agent {
  return checked(supertest(app));
}

/** The same, with a cookie jar: supertest's agent keeps what Set-Cookie sets and sends it back where its Path matches. */
export function agent(app: Express): Agent {
  return checked(supertest.agent(app));
}

function checked(agent: Agent): Agent {
  return Object.fromEntries(
    methods.map((method) => [
      method,
      (url: string) => agent[method](url).expect((res: Response) => checkAgainstSpec(method, url, res)),
    ]),
  ) as unknown as Agent;
}
