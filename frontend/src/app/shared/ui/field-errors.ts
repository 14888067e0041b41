import { FIELD_ERROR_CODES } from '../../core/api/problem-codes';

/** A field error as the API sends it (problem+json `errors`); `code` says what is wrong, `params` by how much. */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
  params?: { min?: number; max?: number; allowed?: string[] };
}

/**
 * How a form names one of the API's fields: the label's translation key, or that with `item`, the key that names one
 * item of a list ({{n}} counts from 1, "Antwoord 1"), and `values`, the prefix of the keys that word the field's
 * values ("role." for coordinator, partner, …), so a "choose one of these" lists them as the form shows them.
 */
export type FieldName = string | { label: string; item?: string; values?: string };
/** The API's field names ("invitedByParticipantId", "answers") and how the form names them. */
export type FieldNames = Readonly<Record<string, FieldName>>;

/** Every code in the one list (core/api/problem-codes.ts) has a sentence under fieldError.<code> in both languages. */
const KNOWN = new Set<string>(FIELD_ERROR_CODES);

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The field as the form names it: "consent.quote" as its own entry if it has one, else its list ("answers.0"). */
export function fieldNameOf(
  names: FieldNames,
  field: string,
  translate: Translate,
): { label: string | null; values?: string } {
  const exact = names[field];
  const [list, index] = field.split('.');
  const name = exact ?? names[list];
  if (!name) return { label: null };
  if (typeof name === 'string') return { label: translate(name) };
  const item = !exact && name.item && /^\d+$/.test(index ?? '') ? name.item : null;
  return { label: item ? translate(item, { n: Number(index) + 1 }) : translate(name.label), values: name.values };
}

/**
 * A field error in people's words, naming the field as the form labels it: nl "Naam moet minstens 2 tekens hebben",
 * en "Name: fill this in". The allowed values of "choose one of these" in the form's words where `values` says which
 * vocabulary they are (a key prefix), else quoted as the API sends them. A code the dashboard does not know yet keeps
 * the API's own (English) message.
 */
export function fieldErrorWords(
  error: FieldError,
  label: string | null,
  translate: Translate,
  values?: string,
): string {
  const field = label ?? error.field;
  if (!error.code || !KNOWN.has(error.code)) return `${field}: ${error.message}`;
  const { min, max, allowed } = error.params ?? {};
  const worded = (allowed ?? []).map((v) => (values ? translate(`${values}${v}`) : `“${v}”`));
  return translate(`fieldError.${error.code}`, { field, min, max, allowed: worded.join(', ') });
}

/** A field's own error in a problem, if it has one: the API field name, or the first item of a list ("themes.0"). */
export function errorFor(errors: readonly FieldError[] | undefined, field: string): FieldError | null {
  return errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`)) ?? null;
}
