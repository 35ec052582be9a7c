import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { transportDocs } from '../cookies/cookies.schemas';
import { problemSchema } from '../errors/problem';
import type { Route } from '../http/route';
import { apiRoutes } from '../routes';

const problemRef = { $ref: '#/components/schemas/Problem' };
const headers = {
  405: { Allow: { description: 'The methods this path takes', schema: { type: 'string' } } },
  429: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
} as Record<number, object>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') => {
  const json: Record<string, unknown> = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  delete json.$schema; // the document's own dialect (JSON Schema 2020-12) applies
  return json;
};

function problem(status: number) {
  return {
    description: STATUS_CODES[status],
    ...(headers[status] ? { headers: headers[status] } : {}),
    content: { 'application/problem+json': { schema: problemRef } },
  };
}

/** Every status a route can answer: its own, plus those that its kind of route answers. */
function statusesOf(route: Route): number[] {
  const statuses = new Set(route.errors);
  if (route.body) [400, 413, 415].forEach((status) => statuses.add(status));
  if (route.guard) statuses.add(401);
  if (route.guard === 'adminKey') statuses.add(404); // every /admin route is 404 while ADMIN_API_KEYS is unset
  if (route.guard === 'privileged') statuses.add(403); // REAUTHENTICATION_REQUIRED
  if (route.query || route.path.includes('{id}')) statuses.add(400);
  if (route.limits) statuses.add(429);
  if (route.cookie === 'reads') statuses.add(403);
  if (route.path !== '/health') [500, 503].forEach((status) => statuses.add(status));
  statuses.add(405);
  return [...statuses].sort();
}

// `post /user/sessions/{id}` → `postUserSessionsId`
const operationIdOf = (route: Route) =>
  route.method + route.path.replace(/[/{}]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());

function operation(route: Route) {
  const { answer } = route;
  const content = answer.schema
    ? { content: { 'application/json': { schema: schemaOf(answer.schema, 'output'), example: answer.example } } }
    : {};
  const ok = { description: answer.description, ...setCookieOf(route), ...locationOf(route), ...content };
  return {
    summary: route.summary,
    operationId: operationIdOf(route),
    ...(route.guard ? { security: [{ [route.guard === 'adminKey' ? 'adminKey' : 'bearerAuth']: [] }] } : {}),
    ...(parametersOf(route).length > 0 ? { parameters: parametersOf(route) } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: !route.body.optional,
            content: {
              'application/json': { schema: schemaOf(route.body.schema, 'input'), example: route.body.example },
            },
          },
        }
      : {}),
    responses: {
      [answer.status]: ok,
      ...Object.fromEntries(statusesOf(route).map((status) => [status, problem(status)])),
    },
  };
}

function parametersOf(route: Route): object[] {
  return [
    ...[...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: route.params?.shape[name] ? schemaOf(route.params.shape[name] as z.ZodType, 'input') : { type: 'string' },
    })),
    ...(route.transport ? [transportDocs.header] : []),
    ...(route.cookie === 'reads' ? [transportDocs.cookie] : []),
    ...Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: false,
      schema: schemaOf(schema as z.ZodType, 'input'),
    })),
  ];
}

// a redirect says where to in its Location header
const locationOf = (route: Route) =>
  route.answer.status === 302
    ? { headers: { Location: { description: route.answer.description, schema: { type: 'string' } } } }
    : {};

function setCookieOf(route: Route) {
  if (route.transport) return { headers: { 'Set-Cookie': transportDocs.setCookie } };
  return route.cookie === 'clears' ? { headers: { 'Set-Cookie': transportDocs.clearCookie } } : {};
}

/** The OpenAPI 3.1 document, generated from the zod schemas that validate requests and shape responses. */
export function openApiDocument() {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of apiRoutes) paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'authgate',
      version: '1.8.0',
      description:
        'Register, log in and prove who you are on every request. Errors are application/problem+json (RFC 9457) ' +
        "with a stable `code`. A person's own page, where passkeys are made and used in the browser, is `GET " +
        '/account` (HTML, not part of this API).',
    },
    paths,
    components: {
      schemas: { Problem: schemaOf(problemSchema, 'output') },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        adminKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'one of ADMIN_API_KEYS; the /admin routes exist only when it is set',
        },
      },
    },
  };
}
