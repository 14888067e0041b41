import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIcu, icuParams, isIcu } from '../../core/i18n/icu';
import { FIELD_ERROR_CODES } from '../../core/api/problem-codes';
import { errorFor, fieldErrorWords, fieldNameOf } from './field-errors';

type Tree = { [key: string]: string | Tree };
const words = (language: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../../public/i18n', `${language}.json`), 'utf8')) as Tree;

/** Transloco as the dashboard sets it up (PluralTranspiler): "{{ }}" first, then formatIcu for plural texts. */
const translator =
  (language: string) =>
  (key: string, params: Record<string, unknown> = {}) => {
    const text = key.split('.').reduce<Tree | string>((t, k) => (t as Tree)[k], words(language)) as string;
    const icu = isIcu(text);
    const values = icu ? icuParams(params) : params;
    const out = text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
    return icu ? formatIcu(out, params, language) : out;
  };

describe('field errors in people’s words', () => {
  const nl = translator('nl');
  const en = translator('en');

  it('name the field as the form labels it, in Dutch and English', () => {
    const required = { field: 'name', message: 'name should not be empty', code: 'required' };
    expect(fieldErrorWords(required, 'Naam', nl)).toBe('Naam: vul dit in');
    expect(fieldErrorWords(required, 'Name', en)).toBe('Name: fill this in');
    const short = {
      field: 'name',
      message: 'must be longer than or equal to 2 characters',
      code: 'too_short',
      params: { min: 2 },
    };
    expect(fieldErrorWords(short, 'Naam', nl)).toBe('Naam moet minstens 2 tekens hebben');
    expect(fieldErrorWords({ ...short, params: { min: 1 } }, 'Name', en)).toBe('Name needs at least 1 character');
    const oneOf = { field: 'stage', message: 'x', code: 'not_one_of', params: { allowed: ['plan', 'act'] } };
    expect(fieldErrorWords(oneOf, 'Fase', nl)).toBe('Fase: kies een van deze: “plan”, “act”');
  });

  it('word the allowed values as the form shows them where it knows their vocabulary', () => {
    const oneOf = { field: 'stage', message: 'x', code: 'not_one_of', params: { allowed: ['plan', 'act'] } };
    expect(fieldErrorWords(oneOf, 'Fase', nl, 'stage.')).toBe('Fase: kies een van deze: Plannen, Doen');
    expect(fieldErrorWords(oneOf, 'Stage', en, 'stage.')).toMatch(/^Stage: .*Plan, Act$/);
  });

  it('name a field, an item of a list and a nested field as the form labels them', () => {
    const names = {
      pseudonym: 'participants.pseudonym',
      answers: { label: 'round.answers', item: 'round.answerN' },
      'consent.quote': 'consent.quote',
      role: { label: 'invite.role', values: 'role.' },
    };
    expect(fieldNameOf(names, 'pseudonym', nl).label).toBe(nl('participants.pseudonym'));
    expect(fieldNameOf(names, 'answers.0.text', nl).label).toBe('Antwoord 1');
    expect(fieldNameOf(names, 'answers.1.text', en).label).toBe('Answer 2');
    expect(fieldNameOf(names, 'answers', nl).label).toBe(nl('round.answers'));
    expect(fieldNameOf(names, 'consent.quote', nl).label).toBe(nl('consent.quote'));
    expect(fieldNameOf(names, 'role', nl)).toEqual({ label: nl('invite.role'), values: 'role.' });
    expect(fieldNameOf(names, 'unknownField', nl).label).toBeNull();
  });

  it('keep the API’s message for a code they do not know, or none', () => {
    expect(fieldErrorWords({ field: 'name', message: 'must be longer than or equal to 2 characters' }, null, nl)).toBe(
      'name: must be longer than or equal to 2 characters',
    );
    expect(fieldErrorWords({ field: 'name', message: 'odd', code: 'brand_new' }, 'Naam', nl)).toBe('Naam: odd');
  });

  it('have a sentence for every code in both languages, and one for each code of the API', () => {
    const api = readFileSync(join(__dirname, '../../core/api/api-types.ts'), 'utf8');
    const codes = /FieldErrorDto: \{[\s\S]*?code: ([^;]+);/
      .exec(api)?.[1]
      .match(/"(\w+)"/g)
      ?.map((c) => c.slice(1, -1));
    expect([...FIELD_ERROR_CODES].sort()).toEqual([...(codes ?? [])].sort());
    for (const t of [nl, en])
      for (const code of FIELD_ERROR_CODES) {
        const text = t(`fieldError.${code}`, { field: 'X', min: 2, max: 3, allowed: 'a, b' });
        expect(text).toMatch(/X/);
        expect(text).not.toMatch(/[{}]/);
      }
  });

  it('find a field’s error, also for an item of a list', () => {
    const errors = [{ field: 'themes.0', message: 'x', code: 'not_one_of' }];
    expect(errorFor(errors, 'themes')?.code).toBe('not_one_of');
    expect(errorFor(errors, 'name')).toBeNull();
  });
});
