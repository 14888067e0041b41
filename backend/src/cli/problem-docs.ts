import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_ERROR_CODES, FIELD_ERROR_MEANINGS, PROBLEMS, type ProblemSpec } from '../common/problem-codes';

/**
 * What the one list of problem codes (common/problem-codes.ts) is written into: the tables of docs/problems.md
 * (between its `<!-- problems -->` markers) and the dashboard's list. Run by `npm run openapi`; the OpenAPI test
 * fails when either is stale.
 */
const START = '<!-- problems: written by npm run openapi from backend/src/common/problem-codes.ts -->';
const END = '<!-- /problems -->';

const entries = Object.entries(PROBLEMS) as [string, ProblemSpec][];

function codeCell(code: string): string {
  return code === 'record_not_found' ? '`<record>_not_found`' : `\`${code}\``;
}

/** The two tables of docs/problems.md: problem codes, then field error codes. */
export function problemTables(): string {
  const problems = entries.map(([code, p]) => `| ${codeCell(code)} | ${p.statuses.join(', ')} | ${p.meaning} |`);
  const fields = FIELD_ERROR_CODES.map((code) => `| \`${code}\` | ${FIELD_ERROR_MEANINGS[code]} |`);
  return [
    START,
    '| code | status | meaning |',
    '| --- | --- | --- |',
    ...problems,
    '',
    'Each entry of `errors` has a `field`, a `code` from this table, an English `message`, and `params` where',
    'the words need a number or the allowed values:',
    '',
    '| field error code | meaning |',
    '| --- | --- |',
    ...fields,
    END,
  ].join('\n');
}

/** docs/problems.md with its tables written from the list. */
export function problemsMarkdown(current: string): string {
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  if (from < 0 || to < 0) throw new Error('docs/problems.md has lost its <!-- problems --> markers');
  return current.slice(0, from) + problemTables() + current.slice(to + END.length);
}

/** The dashboard's list of codes (frontend/src/app/core/api/problem-codes.ts), as Prettier formats it. */
export function frontendProblemCodes(): string {
  return [
    '// Written by `npm run openapi` from backend/src/common/problem-codes.ts: do not edit by hand.',
    '',
    '/**',
    " * Every `code` the API answers with in a problem document (RFC 9457), with its HTTP status. The problem's",
    ' * `type` is `/docs/problems#<code>`, which opens the row of that code on the problems page.',
    ' */',
    'export interface ProblemCode {',
    '  code: string;',
    '  /** The HTTP statuses it comes with (one, except where the same code answers two situations). */',
    '  statuses: number[];',
    '}',
    '',
    '/** Any record that does not exist, or that the caller may not see: `lab_not_found`, `round_not_found`, … */',
    "export const RECORD_NOT_FOUND = 'record_not_found';",
    '',
    'export const PROBLEM_CODES: readonly ProblemCode[] = [',
    ...entries.map(([code, p]) => `  { code: '${code}', statuses: [${p.statuses.join(', ')}] },`),
    '];',
    '',
    "/** What can be wrong with one field (`errors[].code`); the dashboard words each in the reader's language. */",
    'export const FIELD_ERROR_CODES = [',
    ...FIELD_ERROR_CODES.map((code) => `  '${code}',`),
    '] as const;',
    '',
    'export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];',
    '',
    '/** The row a problem type\'s fragment points at: a record\'s own "not found" code shares one row. */',
    'export function rowFor(fragment: string | null | undefined): string | null {',
    '  if (!fragment) return null;',
    '  if (PROBLEM_CODES.some((p) => p.code === fragment)) return fragment;',
    '  return /^[a-z_]+_not_found$/.test(fragment) ? RECORD_NOT_FOUND : null;',
    '}',
    '',
  ].join('\n');
}

export const PROBLEMS_DOC = ['docs', 'problems.md'];
export const FRONTEND_LIST = ['frontend', 'src', 'app', 'core', 'api', 'problem-codes.ts'];

if (require.main === module) {
  const root = process.argv[2] ?? process.cwd();
  const doc = join(root, ...PROBLEMS_DOC);
  writeFileSync(doc, problemsMarkdown(readFileSync(doc, 'utf8')));
  writeFileSync(join(root, ...FRONTEND_LIST), frontendProblemCodes());
}
