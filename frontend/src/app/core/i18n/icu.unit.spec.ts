import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIcu, icuLiteral, icuParams, isIcu } from './icu';

type Tree = { [key: string]: string | Tree };
const load = (language: string): Tree =>
  JSON.parse(readFileSync(join(__dirname, '../../../../public/i18n', `${language}.json`), 'utf8'));
const flat = (t: Tree, p = ''): [string, string][] =>
  Object.entries(t).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${p}${k}`, v] as [string, string]] : flat(v, `${p}${k}.`),
  );

/** What PluralTranspiler does to a text: ICU texts through MessageFormat, the rest stays for "{{ }}". */
function render(language: string, text: string, params: Record<string, unknown>): string {
  const interpolated = text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(icuParams(params)[name] ?? ''));
  return formatIcu(interpolated, params, language);
}

describe('plural forms (ICU message format)', () => {
  it('say "1 bijdrage" and "2 bijdragen", "1 contribution" and "2 contributions"', () => {
    const nl = Object.fromEntries(flat(load('nl')));
    const en = Object.fromEntries(flat(load('en')));
    expect(render('nl', nl['rounds.contributions'], { count: 1 })).toBe('1 bijdrage');
    expect(render('nl', nl['rounds.contributions'], { count: 2 })).toBe('2 bijdragen');
    expect(render('en', en['rounds.contributions'], { count: 1 })).toBe('1 contribution');
    expect(render('en', en['rounds.contributions'], { count: 0 })).toBe('0 contributions');
    expect(render('nl', nl['reflections.summary'], { count: 3, groups: 1 })).toBe('Reflecties: 3 uit 1 groep');
  });

  it('are well-formed in both languages, and no other text is read as ICU', () => {
    for (const language of ['nl', 'en']) {
      const texts = flat(load(language));
      const icu = texts.filter(([, text]) => isIcu(text));
      expect(icu.length).toBeGreaterThan(15);
      const numbers = { count: 0, min: 0, max: 0, total: 0, valid: 0, rejected: 0, imported: 0, groups: 0 };
      for (const [key, text] of icu)
        for (const n of [0, 1, 2, 1000]) {
          const params = { ...Object.fromEntries(Object.keys(numbers).map((k) => [k, n])), iterations: n, labs: n };
          const shown = formatIcu(text.replace(/\{\{\s*\w+\s*\}\}/g, 'x'), params, language);
          expect({ key, shown }).toEqual({ key, shown: expect.not.stringMatching(/[{}#]/) });
        }
      // A text that is not ICU keeps "{{ }}" and may hold any braces: it never goes through formatIcu.
      for (const [, text] of texts.filter(([, t]) => !isIcu(t))) expect(text).not.toMatch(/\{\s*\w+\s*,\s*plural/);
    }
  });

  it('format plural, select, "=n" and "#" without compiling code (the CSP allows no eval)', () => {
    expect(formatIcu('{n, plural, =0 {geen} one {# ding} other {# dingen}}', { n: 0 }, 'nl')).toBe('geen');
    expect(formatIcu('{n, plural, one {# ding} other {# dingen}}', { n: 1234 }, 'nl')).toBe('1.234 dingen');
    expect(formatIcu('{n, plural, one {# row} other {# rows}}', { n: 1234 }, 'en')).toBe('1,234 rows');
    expect(formatIcu('{k, select, a {A} other {B}}: {x}', { k: 'a', x: 7 }, 'nl')).toBe('A: 7');
    expect(formatIcu("Het '{'kind'}' van Noor''s lab", {}, 'nl')).toBe("Het {kind} van Noor's lab");
    expect(() => formatIcu('{n, plural, one {x}', { n: 1 }, 'nl')).toThrow(/ICU message/);
  });

  it('keep people’s own words literal inside an ICU text', () => {
    expect(icuLiteral("Buurt {x}'s lab")).toBe("Buurt '{x}''s lab'");
    expect(render('nl', '{n, plural, other {#}} {{ name }}', { n: 2, name: "Buurt {x}'s lab" })).toBe(
      "2 Buurt {x}'s lab",
    );
    const nl = Object.fromEntries(flat(load('nl')));
    expect(render('nl', nl['library.maturityExplained'], { iterations: 1, labs: 2, suggested: 'bevestigd {#}' })).toBe(
      'Gebaseerd op 1 cyclus in 2 labs; het bewijs wijst op: bevestigd {#}.',
    );
  });
});
