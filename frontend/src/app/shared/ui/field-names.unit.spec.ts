import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as evaluations from '../../features/evaluations/field-names';
import * as labs from '../../features/labs/field-names';
import type { FieldNames } from './field-errors';

type Tree = { [key: string]: string | Tree };
const load = (language: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../../public/i18n', `${language}.json`), 'utf8')) as Tree;
const lookup = (tree: Tree, key: string) =>
  key.split('.').reduce<Tree | string | undefined>((t, k) => (typeof t === 'object' ? t[k] : undefined), tree);

describe('the forms’ field names', () => {
  const maps = Object.entries({ ...labs, ...evaluations }) as [string, FieldNames][];

  it('name every field with a text in Dutch and English, and word its values through a vocabulary that exists', () => {
    expect(maps.length).toBeGreaterThan(10);
    for (const language of ['nl', 'en']) {
      const tree = load(language);
      for (const [map, names] of maps)
        for (const [field, name] of Object.entries(names)) {
          const { label, item, values } = typeof name === 'string' ? { label: name } : name;
          for (const key of [label, item].filter((k): k is string => !!k))
            expect([language, map, field, typeof lookup(tree, key)]).toEqual([language, map, field, 'string']);
          if (values)
            expect([language, map, field, typeof lookup(tree, values.slice(0, -1))]).toEqual([
              language,
              map,
              field,
              'object',
            ]);
        }
    }
  });
});
