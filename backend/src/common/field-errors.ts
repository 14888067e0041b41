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
  // The first rule broken that has a code of its own names the error (a pattern rule says less than a date rule).
  const entries = Object.entries(constraints);
  const [name, message] = entries.find(([rule]) => BY_CONSTRAINT[rule]) ?? entries[0] ?? ['', ''];
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

/**
 * The product's own field errors (thrown by services with an English message) get their code here, from the one
 * table below, so the words stay next to the rule that throws them and the dashboard still has a code to word.
 * `field-errors.spec.ts` fails when a message thrown anywhere in the backend has no row here.
 */
const BY_MESSAGE: [RegExp, FieldErrorCode, ((m: RegExpMatchArray) => FieldErrorParams)?][] = [
  [/^choose a password of at least (\d+) characters$/, 'too_short', (m) => ({ min: Number(m[1]) })],
  [
    /^(is required for|a decision needs its|is needed to log in|choose a password to log in|say why|a step of notes)/,
    'required',
  ],
  [/^must be at most (\d+): the other dots are placed$/, 'too_large', (m) => ({ max: Number(m[1]) })],
  [
    /^(is the note itself|is not (a note|a cluster|a case|asked) at this table|is not a tip or question)/,
    'not_available',
  ],
  [/^(does not take|is not possible for a lab that is not public)/, 'not_available'],
  [/^must be below (\d+)$/, 'too_large', (m) => ({ max: Number(m[1]) - 1 })],
  [/^must be a positive whole number$/, 'not_integer'],
  [/^must be at most (\d+) characters$/, 'too_long', (m) => ({ max: Number(m[1]) })],
  [/^must be at most (\d+) (rows|groups)$/, 'too_many', (m) => ({ max: Number(m[1]) })],
  [/^must be ja or nee/, 'not_boolean'],
  [/^must not be before /, 'before_start'],
  [/^must not be in the future$/, 'in_future'],
  [/^must not be in the past$/, 'in_past'],
  [/consent/, 'needs_consent'],
  [/^(is already in use|already has an account)/, 'in_use'],
  [/^(is not your current password|e-mail address or password is not correct)/, 'wrong_password'],
  [/^comes from your organisation/, 'managed_elsewhere'],
  [/^belongs to an? \w+, not an? \w+$/, 'wrong_kind'],
  [/^(is not readable as CSV|not valid JSON|is empty$|misses the column)/, 'not_readable'],
  [/^(send the CSV file as|nests more than|too large$)/, 'not_readable'],
  [/ once$/, 'duplicate'],
  [/^cannot be combined with /, 'not_combinable'],
  [/^is already \w+$/, 'unchanged'],
  [/^(there are \d+ questions|no iteration )/, 'not_available'],
  [/^(has no e-mail address to log in with|you log in with your e-mail address)/, 'not_for_account'],
  [/^(is not an? [\w ]+ (at|of) this table|is for a coordinator|needs a cycle)/, 'not_available'],
  [
    /^(is not|are not all|not) .*(of this (lab|round)|you can see|a known \w+|where you keep the logbook)/,
    'not_available',
  ],
];

/** The code of one of the product's own field error messages, `invalid` when the table has none. */
export function codeOfMessage(message: string): { code: FieldErrorCode; params?: FieldErrorParams } {
  for (const [pattern, code, params] of BY_MESSAGE) {
    const match = pattern.exec(message);
    if (match) return params ? { code, params: params(match) } : { code };
  }
  return { code: 'invalid' };
}
