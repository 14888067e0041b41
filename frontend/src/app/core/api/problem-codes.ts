// Written by `npm run openapi` from backend/src/common/problem-codes.ts: do not edit by hand.

/**
 * Every `code` the API answers with in a problem document (RFC 9457), with its HTTP status. The problem's
 * `type` is `/docs/problems#<code>`, which opens the row of that code on the problems page.
 */
export interface ProblemCode {
  code: string;
  /** The HTTP statuses it comes with (one, except where the same code answers two situations). */
  statuses: number[];
}

/** Any record that does not exist, or that the caller may not see: `lab_not_found`, `round_not_found`, … */
export const RECORD_NOT_FOUND = 'record_not_found';

export const PROBLEM_CODES: readonly ProblemCode[] = [
  { code: 'validation_failed', statuses: [400] },
  { code: 'invalid_json', statuses: [400] },
  { code: 'bad_request', statuses: [400] },
  { code: 'unauthenticated', statuses: [401] },
  { code: 'invalid_credentials', statuses: [401] },
  { code: 'forbidden', statuses: [403] },
  { code: 'results_when_closed', statuses: [403] },
  { code: 'results_after_contributing', statuses: [403] },
  { code: 'csrf_failed', statuses: [403] },
  { code: 'account_deactivated', statuses: [403] },
  { code: 'record_not_found', statuses: [404] },
  { code: 'not_found', statuses: [404] },
  { code: 'method_not_allowed', statuses: [405] },
  { code: 'stale_version', statuses: [409] },
  { code: 'conflict', statuses: [409] },
  { code: 'already_member', statuses: [409] },
  { code: 'partner_exists', statuses: [409] },
  { code: 'last_coordinator', statuses: [409] },
  { code: 'last_admin', statuses: [409] },
  { code: 'round_closed', statuses: [409] },
  { code: 'round_open', statuses: [409] },
  { code: 'round_deadline_passed', statuses: [409] },
  { code: 'dialogue_closed', statuses: [409, 410] },
  { code: 'hypothesis_revised', statuses: [409] },
  { code: 'cosigned_reflection_required', statuses: [409] },
  { code: 'import_repeated', statuses: [409] },
  { code: 'invitation_used', statuses: [409, 410] },
  { code: 'invitation_expired', statuses: [410] },
  { code: 'invitation_revoked', statuses: [410] },
  { code: 'link_used', statuses: [410] },
  { code: 'link_expired', statuses: [410] },
  { code: 'payload_too_large', statuses: [413] },
  { code: 'unsupported_media_type', statuses: [415] },
  { code: 'import_rejected', statuses: [422] },
  { code: 'rate_limited', statuses: [429] },
  { code: 'internal_error', statuses: [500] },
  { code: 'database_busy', statuses: [503] },
  { code: 'database_unavailable', statuses: [503] },
  { code: 'storage_full', statuses: [507] },
];

/** What can be wrong with one field (`errors[].code`); the dashboard words each in the reader's language. */
export const FIELD_ERROR_CODES = [
  'required',
  'unknown_field',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'not_integer',
  'not_number',
  'not_text',
  'not_boolean',
  'not_date',
  'not_email',
  'not_one_of',
  'not_list',
  'too_few',
  'too_many',
  'not_available',
  'before_start',
  'needs_consent',
  'in_use',
  'wrong_password',
  'managed_elsewhere',
  'wrong_kind',
  'not_readable',
  'duplicate',
  'not_combinable',
  'unchanged',
  'not_for_account',
  'in_future',
  'in_past',
  'invalid',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** The row a problem type's fragment points at: a record's own "not found" code shares one row. */
export function rowFor(fragment: string | null | undefined): string | null {
  if (!fragment) return null;
  if (PROBLEM_CODES.some((p) => p.code === fragment)) return fragment;
  return /^[a-z_]+_not_found$/.test(fragment) ? RECORD_NOT_FOUND : null;
}
