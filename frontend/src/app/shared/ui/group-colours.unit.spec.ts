import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { colourOfGroup, GROUP_COLOURS } from './group-colours';

/** Relative luminance and contrast as WCAG 2.x defines them. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('one colour per stakeholder group', () => {
  const vocabulary = readFileSync(join(__dirname, '../../../../../backend/src/common/vocabulary.ts'), 'utf8');
  const groups = [...(/STAKEHOLDER_GROUPS = \[([^\]]*)\]/.exec(vocabulary)?.[1] ?? '').matchAll(/'(\w+)'/g)].map(
    (m) => m[1],
  );

  it('has a colour of its own for every group the API knows', () => {
    expect(groups.length).toBeGreaterThan(3);
    expect(Object.keys(GROUP_COLOURS).sort()).toEqual([...groups].sort());
    expect(new Set(Object.values(GROUP_COLOURS)).size).toBe(groups.length);
  });

  it('keeps every colour readable on white (AA: 4.5:1 or more)', () => {
    for (const colour of Object.values(GROUP_COLOURS)) expect(contrastWithWhite(colour)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives an unknown group the neutral colour, never another group’s', () => {
    expect(colourOfGroup('someone-new')).toBe(GROUP_COLOURS['other']);
  });
});
