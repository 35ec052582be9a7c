import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnavailable } from '../db';
import { HttpError, notFound, serviceUnavailable } from './http-error';
import { sendProblem } from './problem';

type BodyParserError = Error & { type?: string; status?: number };

const bodyParserErrors: Record<string, HttpError> = {
  'entity.parse.failed': new HttpError(400, 'MALFORMED_JSON', 'The request body is not valid JSON'),
  'entity.too.large': new HttpError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large'),
  'charset.unsupported': new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be UTF-8 JSON'),
  'encoding.unsupported': new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body encoding is not supported'),
};

/** Turns any error into problem+json; only HttpError details reach the client, the rest is logged. */
export const errorHandler: ErrorRequestHandler = (error: BodyParserError, req, res, _next) => {
  const known = toHttpError(error);
  if (known.status >= 500) req.log.error({ req: { id: req.id }, err: error }, 'request failed');
  sendProblem(res, known);
};

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(notFound('NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

function toHttpError(error: BodyParserError): HttpError {
  if (error instanceof HttpError) return error;
  // the router could not decode a path parameter (`/user/sessions/%ZZ`): no resource has such a name
  if (error instanceof URIError) return notFound('NOT_FOUND', 'The path is not valid percent-encoding');
  if (error.type && bodyParserErrors[error.type]) return bodyParserErrors[error.type];
  if (error.type && error.status && error.status < 500)
    return new HttpError(400, 'MALFORMED_JSON', 'The request body could not be read');
  if (isDatabaseUnavailable(error)) return serviceUnavailable();
  return new HttpError(500, 'INTERNAL', 'An unexpected error occurred');
}
