/** A field error as the API sends it (problem+json `errors`); `code` says what is wrong, `params` by how much. */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
  params?: { min?: number; max?: number; allowed?: string[] };
}

/** Every code the API words a field error with; each has a sentence under fieldError.<code> in both languages. */
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
  'invalid',
] as const;

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
