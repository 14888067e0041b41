import { FIELD_ERROR_CODES } from '../../core/api/problem-codes';

/** A field error as the API sends it (problem+json `errors`); `code` says what is wrong, `params` by how much. */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
  params?: { min?: number; max?: number; allowed?: string[] };
}

/** Every code in the one list (core/api/problem-codes.ts) has a sentence under fieldError.<code> in both languages. */
const KNOWN = new Set<string>(FIELD_ERROR_CODES);

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * A field error in people's words, naming the field as the form labels it: nl "Naam moet minstens 2 tekens hebben",
 * en "Name: fill this in". A code the dashboard does not know yet keeps the API's own (English) message.
 */
export function fieldErrorWords(error: FieldError, label: string | null, translate: Translate): string {
  const field = label ?? error.field;
  if (!error.code || !KNOWN.has(error.code)) return `${field}: ${error.message}`;
  const { min, max, allowed } = error.params ?? {};
  return translate(`fieldError.${error.code}`, { field, min, max, allowed: (allowed ?? []).join(', ') });
}

/** A field's own error in a problem, if it has one: the API field name, or the first item of a list ("themes.0"). */
export function errorFor(errors: readonly FieldError[] | undefined, field: string): FieldError | null {
  return errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`)) ?? null;
}
