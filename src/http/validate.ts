import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { badRequest, HttpError } from '../errors/http-error';

/** Replaces req.body with the parsed, trimmed and typed input, or answers 400 VALIDATION_FAILED. */
export function validate(schema: z.ZodType): RequestHandler {
  return (req, _res, next) => {
    const result = schema.safeParse(req.body);
    if (result.success) {
      req.body = result.data;
      return next();
    }
    const errors = result.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(body)',
      message: issue.message,
    }));
    next(badRequest('VALIDATION_FAILED', 'The request body is not valid', errors));
  };
}

/** A request that carries a body must say it is JSON. */
export const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json')) {
    return next(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be application/json'));
  }
  next();
};

/** The last handler of a known path: any other method is 405 with an Allow header. */
export function allowOnly(...methods: string[]): RequestHandler {
  const allow = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
  return (req, _res, next) => {
    const detail = `${req.method} is not allowed here; use ${methods.join(' or ')}`;
    next(new HttpError(405, 'METHOD_NOT_ALLOWED', detail, { headers: { Allow: allow.join(', ') } }));
  };
}
