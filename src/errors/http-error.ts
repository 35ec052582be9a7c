export const ERROR_CODES = [
  'MALFORMED_JSON',
  'VALIDATION_FAILED',
  'INVALID_CREDENTIALS',
  'UNAUTHORIZED',
  'INVALID_REFRESH_TOKEN',
  'USER_NOT_FOUND',
  'SESSION_NOT_FOUND',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'EMAIL_TAKEN',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_REQUESTS',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  'INVALID_MFA_TOKEN',
  'INVALID_MFA_CODE',
  'MFA_ALREADY_ENABLED',
  'MFA_NOT_ENABLED',
  'ACCOUNT_DISABLED',
  'CSRF_REJECTED',
  'INVALID_TOKEN',
  'EMAIL_NOT_VERIFIED',
  'INVALID_PASSKEY',
  'PASSKEY_NOT_FOUND',
  'PROVIDER_NOT_FOUND',
  'IDENTITY_NOT_FOUND',
  'LAST_LOGIN_METHOD',
  'REAUTHENTICATION_REQUIRED',
  'FORBIDDEN_ROLE',
  'NOT_A_MEMBER',
  'INVITATION_EMAIL_MISMATCH',
  'ORG_NOT_FOUND',
  'MEMBER_NOT_FOUND',
  'INVITATION_NOT_FOUND',
  'SLUG_TAKEN',
  'ALREADY_MEMBER',
  'LAST_OWNER',
  'INVALID_WEBHOOK_URL',
  'WEBHOOK_NOT_FOUND',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldError = { path: string; message: string };

/** An error whose status, code and detail are safe to show to the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}

export const badRequest = (code: ErrorCode, detail: string, errors?: FieldError[]) =>
  new HttpError(400, code, detail, { errors });
export const unauthorized = (code: ErrorCode, detail: string) => new HttpError(401, code, detail);
export const forbidden = (code: ErrorCode, detail: string) => new HttpError(403, code, detail);
export const notFound = (code: ErrorCode, detail: string) => new HttpError(404, code, detail);
export const conflict = (code: ErrorCode, detail: string) => new HttpError(409, code, detail);
export const serviceUnavailable = () =>
  new HttpError(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable; try again shortly');
