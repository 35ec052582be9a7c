import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import type { HttpError } from './http-error';

/** Writes an RFC 9457 problem+json body built only from the error's safe fields. */
export function sendProblem(res: Response, error: HttpError): void {
  const { status, code, detail, extra } = error;
  const body = {
    type: `https://authgate.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  if (extra.headers) res.set(extra.headers);
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}
