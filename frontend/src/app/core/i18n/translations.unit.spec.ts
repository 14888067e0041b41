import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Tree = { [key: string]: string | Tree };

const load = (language: string): Tree =>
  JSON.parse(readFileSync(join(__dirname, '../../../../public/i18n', `${language}.json`), 'utf8'));

/** Every key path of a translation file, e.g. "account.withLink". */
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

describe('translations', () => {
  const nl = load('nl');
  const en = load('en');

  it('have the same keys in Dutch and English', () => {
    const dutch = new Set(keys(nl));
    const english = new Set(keys(en));
    expect([...dutch].filter((k) => !english.has(k))).toEqual([]);
    expect([...english].filter((k) => !dutch.has(k))).toEqual([]);
  });

  it('leave no text empty', () => {
    for (const [language, tree] of [
      ['nl', nl],
      ['en', en],
    ] as const) {
      const flat = (t: Tree, p = ''): [string, string][] =>
        Object.entries(t).flatMap(([k, v]) =>
          typeof v === 'string' ? [[`${p}${k}`, v] as [string, string]] : flat(v, `${p}${k}.`),
        );
      expect({
        language,
        empty: flat(tree)
          .filter(([, v]) => !v.trim())
          .map(([k]) => k),
      }).toEqual({ language, empty: [] });
    }
  });
});
