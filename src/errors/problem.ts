import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { z } from 'zod';
import { ERROR_CODES, type HttpError } from './http-error';

export const PROBLEM_JSON = 'application/problem+json';

/** An RFC 9457 problem body built only from the error's safe fields. */
export function problemBody({ status, code, detail, extra }: HttpError) {
  return {
    type: `https://authgate.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}

export function sendProblem(res: Response, error: HttpError): void {
  if (error.extra.headers) res.set(error.extra.headers);
  res
    .status(error.status)
    .type(PROBLEM_JSON)
    .send(JSON.stringify(problemBody(error)));
}

/** The shape of every error answer, for the OpenAPI document. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.enum(ERROR_CODES),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
