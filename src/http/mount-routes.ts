import type { Express, RequestHandler } from 'express';
import type { z } from 'zod';
import type { Services } from '../services';
import { requireKnownTransport } from '../cookies/session-transport';
import { badRequest } from '../errors/http-error';
import type { Limit, Route } from './route';
import { allowOnly, requireJson, validate } from './validate';

/** `/user/sessions/{id}` → `/user/sessions/:id` */
export const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** Holds the path's parameters or the query to their schema, or answers 400 VALIDATION_FAILED. */
function validateQuery(schema: z.ZodType, part: 'params' | 'query' = 'query'): RequestHandler {
  return (req, _res, next) => {
    const result = schema.safeParse(req[part]);
    if (!result.success) {
      const errors = result.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(query)',
        message: issue.message,
      }));
      throw badRequest('VALIDATION_FAILED', `The ${part === 'query' ? 'query' : 'path'} is not valid`, errors);
    }
    if (part === 'params') return next();
    // Express 5's req.query is a getter: an own property of the request takes its place
    Object.defineProperty(req, 'query', { value: result.data, enumerable: true });
    next();
  };
}

/** What runs before the handler, in this order: who calls, the body's type, the limits, the cookie, the input. */
function stepsOf(route: Route, services: Services): RequestHandler[] {
  const { requireAuth, requireAuthWithUser, requirePrivileged } = services.guards;
  const guards = { token: requireAuth, tokenWithUser: requireAuthWithUser, privileged: requirePrivileged };
  const limits: Record<Limit, RequestHandler> = {
    perAddress: services.limits.attemptsPerAddress,
    registrations: services.limits.registrationsPerAddress,
  };
  const steps: RequestHandler[] = [];
  if (route.guard) steps.push(route.guard === 'adminKey' ? services.adminKey : guards[route.guard]);
  if (route.body) steps.push(requireJson);
  steps.push(...(route.limits ?? []).map((limit) => limits[limit]));
  if (route.cookie === 'reads') steps.push(services.transport.tokenFromCookie);
  if (route.transport) steps.push(requireKnownTransport);
  if (route.params) steps.push(validateQuery(route.params, 'params'));
  if (route.query) steps.push(validateQuery(route.query));
  if (route.body) steps.push(validate(route.body.schema));
  return steps;
}

/**
 * Mounts the declared routes on the app, path by path in the order given: each path answers its own methods,
 * and any other method with 405 and an `Allow` header.
 */
export function mountRoutes(app: Express, routes: Route[], services: Services): void {
  const paths = new Map<string, Route[]>();
  for (const route of routes) paths.set(route.path, [...(paths.get(route.path) ?? []), route]);
  for (const [path, declared] of paths) {
    const chain = app.route(expressPath(path));
    for (const route of declared)
      chain[route.method](...stepsOf(route, services), route.handle(services) as RequestHandler);
    chain.all(allowOnly(...declared.map((route) => route.method.toUpperCase())));
  }
}
