/**
 * What is wrong with a field, as a code the dashboard turns into words in the reader's language, naming the field
 * as its form labels it. `message` stays beside it in English for other clients. `params` carries the numbers
 * or the allowed values the words need.
 */
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

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldErrorParams {
  min?: number;
  max?: number;
  allowed?: string[];
}

/** class-validator's rule names, as field error codes (the first rule broken names the error). */
const BY_CONSTRAINT: Record<string, FieldErrorCode> = {
  isDefined: 'required',
  isNotEmpty: 'required',
  whitelistValidation: 'unknown_field',
  minLength: 'too_short',
  maxLength: 'too_long',
  min: 'too_small',
  max: 'too_large',
  isInt: 'not_integer',
  isNumber: 'not_number',
  isPositive: 'too_small',
  isString: 'not_text',
  isBoolean: 'not_boolean',
  isDateString: 'not_date',
  isIso8601: 'not_date',
  isISO8601: 'not_date',
  isDate: 'not_date',
  isEmail: 'not_email',
  isIn: 'not_one_of',
  isEnum: 'not_one_of',
  isArray: 'not_list',
  arrayMinSize: 'too_few',
  arrayNotEmpty: 'too_few',
  arrayMaxSize: 'too_many',
};

/** The code and parameters of the first broken rule; numbers and allowed values are read off its message. */
export function fieldErrorOf(constraints: Record<string, string>): { code: FieldErrorCode; params?: FieldErrorParams } {
  const [name, message] = Object.entries(constraints)[0] ?? ['', ''];
  const code = BY_CONSTRAINT[name] ?? 'invalid';
  const number = Number(/(-?\d+(?:\.\d+)?)/.exec(message)?.[1]);
  switch (code) {
    case 'too_short':
    case 'too_small':
    case 'too_few':
      if (name === 'isPositive') return { code, params: { min: 1 } };
      if (name === 'arrayNotEmpty') return { code, params: { min: 1 } };
      return Number.isFinite(number) ? { code, params: { min: number } } : { code };
    case 'too_long':
    case 'too_large':
    case 'too_many':
      return Number.isFinite(number) ? { code, params: { max: number } } : { code };
    case 'not_one_of': {
      const list = /following values: (.*)$/.exec(message)?.[1];
      return list ? { code, params: { allowed: list.split(',').map((v) => v.trim()) } } : { code };
    }
    default:
      return { code };
  }
}
