import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEMS } from '../../../../../backend/src/common/problem-codes';
import { PROBLEM_CODES, RECORD_NOT_FOUND, rowFor } from '../../core/api/problem-codes';

/**
 * The problems page, the API and docs/problems.md name the same codes: every code the backend's source can answer
 * with has a row on the page (so its problem type opens something), with words in Dutch and English, and a line in
 * the docs; and nothing is listed that the backend never sends.
 */
const ROOT = join(__dirname, '..', '..', '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

/** The codes in the backend's source: its DomainErrors, its conflicts and gones, and the problem filter's own. */
function backendCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(join(ROOT, 'backend', 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      new RegExp(
        [
          String.raw`new DomainError\(\s*'([a-z_]+)'`,
          String.raw`Errors\.(?:conflict|gone|forbiddenBecause)\(\s*'([a-z_]+)'`,
          String.raw`problem\(\s*\d{3},\s*'([a-z_]+)'`,
        ].join('|'),
        'g',
      ),
    ))
      codes.add(m[1] ?? m[2] ?? m[3]);
    if (/Errors\.notFound\(/.test(text)) codes.add(RECORD_NOT_FOUND);
  }
  const filter = readFileSync(join(ROOT, 'backend', 'src', 'common', 'problem.filter.ts'), 'utf8');
  const table = /STATUS_CODES[^{]*\{([^}]*)\}/.exec(filter)?.[1] ?? '';
  for (const m of table.matchAll(/\d{3}: '([a-z_]+)'/g)) codes.add(m[1]);
  if (/'internal_error'/.test(filter)) codes.add('internal_error');
  return codes;
}

describe('the problems page', () => {
  const listed = PROBLEM_CODES.map((p) => p.code);

  it('lists every code the backend answers with, and no other', () => {
    const codes = backendCodes();
    expect(codes.size).toBeGreaterThan(15);
    expect([...listed].sort()).toEqual([...codes].sort());
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(Object.keys(PROBLEMS));
  });

  it('says what each code means in Dutch and in English', () => {
    for (const language of ['nl', 'en']) {
      const words = JSON.parse(readFileSync(join(ROOT, 'frontend', 'public', 'i18n', `${language}.json`), 'utf8')) as {
        problem: Record<string, string>;
        problems: Record<string, string>;
      };
      expect(listed.filter((code) => !words.problem[code])).toEqual([]);
      expect(Object.keys(words.problems).sort()).toEqual([
        'caption',
        'code',
        'codesTitle',
        'exampleLabel',
        'lead',
        'meaning',
        'shape',
        'shapeTitle',
        'status',
        'title',
      ]);
    }
  });

  it('has every code in docs/problems.md', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'problems.md'), 'utf8');
    const documented = new Set(
      [...docs.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) =>
        [...m[1].matchAll(/`([^`]+)`/g)].map((c) => c[1].replace('<record>_not_found', RECORD_NOT_FOUND)),
      ),
    );
    expect(listed.filter((code) => !documented.has(code))).toEqual([]);
  });

  it('opens the row of the code a problem type points at', () => {
    expect(rowFor('stale_version')).toBe('stale_version');
    expect(rowFor('lab_not_found')).toBe(RECORD_NOT_FOUND);
    expect(rowFor('not_found')).toBe('not_found');
    expect(rowFor('codes')).toBeNull();
    expect(rowFor(undefined)).toBeNull();
  });
});
