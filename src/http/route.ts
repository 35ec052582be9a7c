import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Services } from '../services';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: a live session's access token (with its user read in the same round trip, or in a
 * privileged session: authenticated within PRIVILEGED_SESSION_MAX_AGE), or an admin key.
 */
export type Guard = 'token' | 'tokenWithUser' | 'privileged' | 'adminKey';

/** The per-address counters a route spends (src/limits/rate-limits.ts), in the order given. */
export type Limit = 'perAddress' | 'registrations';

export type Answer = { status: number; description: string; schema?: z.ZodType; example?: unknown };

type Params = Record<string, string>;
type TypedRequest<Body, Query> = Request<Params, unknown, Body, Query>;

/** One route, declared once: the router and the OpenAPI document are both built from it. */
type Declaration<B extends z.ZodType, Q extends z.ZodObject> = {
  method: Method;
  /** The OpenAPI form of the path: `/user/sessions/{id}`. */
  path: string;
  summary: string;
  guard?: Guard;
  limits?: Limit[];
  body?: { schema: B; example: unknown; optional?: boolean };
  /** The path's parameters, when they have a shape: validated (400 VALIDATION_FAILED) and described. */
  params?: z.ZodObject;
  /** Validated before the handler runs (400 VALIDATION_FAILED); the handler reads the parsed `req.query`. */
  query?: Q;
  /** Takes `X-Session-Transport`: the refresh token in the body or in the httpOnly cookie. */
  transport?: boolean;
  /** Reads the refresh cookie (then 403 CSRF_REJECTED without an allowed Origin), or clears it. */
  cookie?: 'reads' | 'clears';
  answer: Answer;
  /** Statuses besides those its kind of route answers (see src/openapi/openapi.document.ts). */
  errors: number[];
  handle: (services: Services) => (req: TypedRequest<z.output<B>, z.output<Q>>, res: Response) => unknown;
};

export type Route = Declaration<z.ZodType, z.ZodObject>;

/** Declares a route; the body and query types reach the handler from their schemas. */
export function route<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodObject = z.ZodObject<Record<string, never>>>(
  declaration: Declaration<B, Q>,
): Route {
  return declaration as unknown as Route;
}
