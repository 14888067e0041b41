import type { FieldErrorCode, FieldErrorParams } from './field-errors';
import type { ConflictCode, ForbiddenCode, GoneCode, NotFoundCode, ProblemCode } from './problem-codes';

/**
 * A field-level problem, named by its path in the request (e.g. `consent.quote`). `code` says what is wrong in a
 * form the dashboard words in the reader's language; a problem without one is answered as `invalid`.
 */
export interface FieldError {
  field: string;
  message: string;
  code?: FieldErrorCode;
  params?: FieldErrorParams;
}

/**
 * Services throw these; one filter maps them to HTTP status and RFC 9457 problem+json.
 * The code is stable and documented; the detail is for people.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ProblemCode | NotFoundCode,
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly extra: { errors?: FieldError[]; current?: unknown; [key: string]: unknown } = {},
  ) {
    super(detail ?? title);
  }
}

export const Errors = {
  validation: (errors: FieldError[], detail = 'The request has fields that are missing or not valid.') =>
    new DomainError('validation_failed', 400, 'Invalid request', detail, { errors }),
  notFound: (what: string, id?: string | number) =>
    new DomainError(
      `${what}_not_found`,
      404,
      'Not found',
      id === undefined ? `No such ${what}.` : `No ${what} with id ${id}.`,
    ),
  unauthenticated: () => new DomainError('unauthenticated', 401, 'Login required', 'Log in to do this.'),
  forbidden: (detail = 'Your role does not allow this.') => new DomainError('forbidden', 403, 'Not allowed', detail),
  /** Not allowed for a reason other than the role (not yet, not before something else), with a code of its own. */
  forbiddenBecause: (code: Exclude<ForbiddenCode, 'forbidden'>, detail: string) =>
    new DomainError(code, 403, 'Not allowed', detail),
  staleVersion: (current: unknown) =>
    new DomainError(
      'stale_version',
      409,
      'Changed by someone else',
      'This record was changed since you loaded it. Review the current version and save again.',
      { current },
    ),
  conflict: (code: ConflictCode, detail: string) => new DomainError(code, 409, 'Conflict', detail),
  gone: (code: GoneCode, detail: string) => new DomainError(code, 410, 'No longer valid', detail),
  tooManyRequests: (retryAfterSeconds: number) =>
    new DomainError(
      'rate_limited',
      429,
      'Too many requests',
      `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
      { retryAfter: retryAfterSeconds },
    ),
  invalidCredentials: () =>
    new DomainError('invalid_credentials', 401, 'Login failed', 'The e-mail address or password is not correct.', {
      errors: [{ field: 'password', message: 'e-mail address or password is not correct' }],
    }),
  accountDeactivated: () =>
    new DomainError(
      'account_deactivated',
      403,
      'Account deactivated',
      'This account has been deactivated. Ask the administrator of this installation.',
    ),
  linkUsed: () =>
    new DomainError('link_used', 410, 'No longer valid', 'This link has already been used. Ask for a new one.'),
  linkExpired: () =>
    new DomainError('link_expired', 410, 'No longer valid', 'This link has expired. Ask for a new one.'),
  csrf: () =>
    new DomainError(
      'csrf_failed',
      403,
      'Missing or wrong CSRF token',
      'Send the X-CSRF-Token header with the token from the csrf cookie.',
    ),
};
