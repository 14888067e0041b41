import { reduce } from './story.service';

describe('reduce (chart series)', () => {
  const points = (n: number) => Array.from({ length: n }, (_, i) => ({ date: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`, value: i, iterationNumber: null, count: 1 }));

  it('leaves a short series as it is', () => {
    expect(reduce(points(300))).toHaveLength(300);
  });

  it('averages a series of 10,000 measures into at most 500 points that keep every measure counted', () => {
    const reduced = reduce(points(10_000));
    expect(reduced.length).toBeLessThanOrEqual(500);
    expect(reduced.reduce((n, p) => n + p.count, 0)).toBe(10_000);
    expect(reduced[0].value).toBe((0 + 19) / 2);
  });
});
