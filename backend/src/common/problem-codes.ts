import { FIELD_ERROR_CODES, type FieldErrorCode } from './field-errors';

/**
 * Every `code` the API answers with in a problem document (RFC 9457): the one list. `DomainError` only takes these
 * codes (the compiler refuses another), and `npm run openapi` writes the table in docs/problems.md and the
 * dashboard's list (frontend/src/app/core/api/problem-codes.ts) from it; tests/api/openapi.test.ts fails when they
 * are stale. The words for people are the dashboard's `problem.<code>` texts, in every language it speaks.
 */
export interface ProblemSpec {
  /** The HTTP statuses it comes with (one, except where the same code answers two situations). */
  statuses: readonly number[];
  /** What it means, for the developer reading docs/problems.md. */
  meaning: string;
}

export const PROBLEMS = {
  validation_failed: { statuses: [400], meaning: 'fields missing or not valid; see `errors`' },
  invalid_json: { statuses: [400], meaning: 'the body is not JSON' },
  bad_request: { statuses: [400], meaning: 'the request could not be read' },
  unauthenticated: { statuses: [401], meaning: 'log in first' },
  invalid_credentials: {
    statuses: [401],
    meaning: 'e-mail address or password not correct (same answer for both)',
  },
  forbidden: { statuses: [403], meaning: 'your role in this lab does not allow this' },
  results_when_closed: {
    statuses: [403],
    meaning: 'the results and contributions of this evaluation round are shown when it closes; wait until then',
  },
  results_after_contributing: {
    statuses: [403],
    meaning: 'this evaluation round shows its results and contributions to those who contributed: contribute first',
  },
  csrf_failed: {
    statuses: [403],
    meaning: 'the `X-CSRF-Token` header is missing or does not match the `csrf` cookie',
  },
  account_deactivated: {
    statuses: [403],
    meaning: 'the account was deactivated by an administrator: it cannot log in, and its links no longer work',
  },
  record_not_found: {
    statuses: [404],
    meaning:
      'no such record, or one you may not see (`lab_not_found`, `round_not_found`, `invitation_not_found`, ' +
      '`link_not_found` for a set-password or sign-in link that does not exist, …)',
  },
  not_found: { statuses: [404], meaning: 'no API route at this address' },
  method_not_allowed: { statuses: [405], meaning: 'this address does not take this HTTP method' },
  stale_version: {
    statuses: [409],
    meaning: 'the record changed since you loaded it; `current` holds the current state',
  },
  conflict: {
    statuses: [409],
    meaning:
      'someone saved the same thing at the same moment, or something this refers to changed; reload and try again',
  },
  already_member: { statuses: [409], meaning: 'this person is already on the team of this lab' },
  partner_exists: { statuses: [409], meaning: 'this organisation is already a partner of this lab' },
  last_coordinator: { statuses: [409], meaning: 'a lab keeps at least one coordinator' },
  last_admin: {
    statuses: [409],
    meaning:
      'the installation keeps at least one active administrator (and an administrator does not deactivate ' +
      'their own account)',
  },
  round_closed: { statuses: [409], meaning: 'the evaluation round is closed: nothing in it changes any more' },
  round_open: { statuses: [409], meaning: 'the evaluation round is open already: there is nothing to reopen' },
  round_deadline_passed: {
    statuses: [409],
    meaning:
      "the evaluation round's deadline has passed: it takes no more contributions (the coordinator may extend it)",
  },
  dialogue_closed: {
    statuses: [409, 410],
    meaning:
      'the dialogue (tafel) is closed: nothing in it changes any more (409), its join code no longer works (410)',
  },
  hypothesis_revised: { statuses: [409], meaning: 'the hypothesis has already been revised' },
  cosigned_reflection_required: {
    statuses: [409],
    meaning: 'this lab closes a cycle only with reflections from at least two groups',
  },
  import_repeated: {
    statuses: [409],
    meaning:
      'this file (or this `Idempotency-Key`) was imported into this lab already, so nothing was imported again; ' +
      '`previous` says when and how many rows. To import the same file again on purpose, send a new `Idempotency-Key`',
  },
  invitation_used: {
    statuses: [409, 410],
    meaning: 'the invitation was used: it cannot be revoked (409), its link can no longer be used (410)',
  },
  invitation_expired: { statuses: [410], meaning: 'the invitation link has expired: it can no longer be used' },
  invitation_revoked: {
    statuses: [410],
    meaning: 'the coordinator withdrew the invitation before it expired: its link can no longer be used',
  },
  link_used: {
    statuses: [410],
    meaning: 'the set-password or sign-in link (`/toegang/…`) has been used; ask for a new one',
  },
  link_expired: { statuses: [410], meaning: 'the set-password or sign-in link has expired; ask for a new one' },
  payload_too_large: { statuses: [413], meaning: 'the body is larger than `BODY_LIMIT`' },
  unsupported_media_type: { statuses: [415], meaning: 'this address does not take this content type' },
  import_rejected: {
    statuses: [422],
    meaning: 'not every row of an import is valid, so nothing was imported; `report` says which rows and why',
  },
  rate_limited: { statuses: [429], meaning: 'too many attempts; see the `Retry-After` header' },
  internal_error: { statuses: [500], meaning: 'a fault on the server; logged, never with details in the answer' },
  database_busy: {
    statuses: [503],
    meaning:
      'the database is locked by another process or a lock stayed held too long; nothing was changed: try again ' +
      'after `Retry-After` seconds',
  },
  database_unavailable: {
    statuses: [503],
    meaning:
      'the database cannot be reached or did not answer in time; nothing was changed: try again after ' +
      '`Retry-After` seconds',
  },
  storage_full: {
    statuses: [507],
    meaning:
      "the server's disk is full; nothing was changed, writes resume when the operator frees space: try again after " +
      '`Retry-After` seconds',
  },
} as const satisfies Record<string, ProblemSpec>;

export type ProblemCode = keyof typeof PROBLEMS;

/** A record's own "not found" (`lab_not_found`, …): one row, `record_not_found`, in the list. */
export type NotFoundCode = `${string}_not_found`;

/** The codes of `Errors.conflict` and `Errors.gone`, checked against the list by the compiler. */
export type ConflictCode = {
  [K in ProblemCode]: 409 extends (typeof PROBLEMS)[K]['statuses'][number] ? K : never;
}[ProblemCode];
export type ForbiddenCode = {
  [K in ProblemCode]: 403 extends (typeof PROBLEMS)[K]['statuses'][number] ? K : never;
}[ProblemCode];
export type GoneCode = {
  [K in ProblemCode]: 410 extends (typeof PROBLEMS)[K]['statuses'][number] ? K : never;
}[ProblemCode];

/** What each field error code means, for docs/problems.md. */
export const FIELD_ERROR_MEANINGS: Record<FieldErrorCode, string> = {
  required: 'the field is missing or empty',
  unknown_field: 'the field is not part of this request',
  too_short: 'the text is shorter than `params.min` characters',
  too_long: 'the text is longer than `params.max` characters',
  too_small: 'the number is below `params.min`',
  too_large: 'the number is above `params.max`',
  not_integer: 'not a whole number',
  not_number: 'not a number',
  not_text: 'not text',
  not_boolean: 'not true or false',
  not_date: 'not a date (`YYYY-MM-DD`) or time (ISO 8601)',
  not_email: 'not an e-mail address',
  not_one_of: 'not one of `params.allowed`',
  not_list: 'not a list',
  too_few: 'the list has fewer than `params.min` items',
  too_many: 'the list has more than `params.max` items',
  not_available: 'refers to something that is not in this lab or round, or that you may not see',
  before_start: 'an end that lies before its start',
  needs_consent: 'needs a consent the participant has not given',
  in_use: 'already used by another account',
  wrong_password: 'the password is not correct',
  managed_elsewhere: "kept by the organisation's sign-in (identity provider), not changeable here",
  wrong_kind: 'belongs to the other kind of observation (a story, not a measure, or the other way round)',
  not_readable: 'the file or body cannot be read (not CSV or JSON, empty, columns missing, too deep or too large)',
  duplicate: 'names the same thing more than once',
  not_combinable: 'cannot be sent together with another field (`message` names it)',
  unchanged: 'already has this value',
  not_for_account: 'not possible for this account (`message` says why)',
  in_future: 'a date that has not come yet, where only a past or today makes sense',
  in_past: 'a day that has passed, where only today or a later day makes sense',
  invalid: 'any other rule; `message` says which',
};

export { FIELD_ERROR_CODES };
