import { aggregate, distance } from './aggregate';

const GROUPS = ['resident', 'partner', 'municipality'];

describe('round aggregation', () => {
  it('gives each group its own distribution, with "don\'t know" kept apart and no cross-group average', () => {
    const [result] = aggregate(
      [
        { dimension: 'trust', group: 'resident', score: 5, count: 3 },
        { dimension: 'trust', group: 'resident', score: 4, count: 1 },
        { dimension: 'trust', group: 'resident', score: null, count: 1 },
        { dimension: 'trust', group: 'municipality', score: 2, count: 1 },
      ],
      ['trust'],
      GROUPS,
    );
    expect(result.groups.map((g) => [g.group, g.counts, g.dontKnow, g.n, g.median, g.min, g.max])).toEqual([
      ['resident', [0, 0, 0, 1, 3], 1, 4, 5, 4, 5],
      ['municipality', [0, 1, 0, 0, 0], 0, 1, 2, 2, 2],
    ]);
    expect(Object.keys(result)).not.toContain('average');
    expect(JSON.stringify(result)).not.toMatch(/mean|average|overall|total/i);
  });

  it('measures divergence as the largest distance between two groups, and names them', () => {
    const [apart, alike] = aggregate(
      [
        { dimension: 'safety', group: 'resident', score: 1, count: 2 },
        { dimension: 'safety', group: 'partner', score: 3, count: 2 },
        { dimension: 'safety', group: 'municipality', score: 5, count: 1 },
        { dimension: 'learning', group: 'resident', score: 4, count: 2 },
        { dimension: 'learning', group: 'partner', score: 4, count: 1 },
      ],
      ['safety', 'learning'],
      GROUPS,
    );
    expect(apart.divergence).toBe(1);
    expect(apart.mostApart).toEqual(['resident', 'partner']);
    expect(alike.divergence).toBe(0);
  });

  it('has no divergence with fewer than two groups giving scores', () => {
    const [one] = aggregate(
      [
        { dimension: 'trust', group: 'resident', score: 3, count: 2 },
        { dimension: 'trust', group: 'partner', score: null, count: 1 },
      ],
      ['trust'],
      GROUPS,
    );
    expect(one.divergence).toBe(0);
    expect(one.mostApart).toBeNull();
  });

  it('computes the distance between distributions by shares, not counts', () => {
    expect(distance([0, 0, 2, 0, 0], [0, 0, 10, 0, 0])).toBe(0);
    expect(distance([1, 0, 0, 0, 1], [0, 0, 0, 0, 2])).toBe(0.5);
  });

  it('takes the median of an even group as the middle of the two middle scores', () => {
    const [r] = aggregate(
      [
        { dimension: 'd', group: 'resident', score: 2, count: 1 },
        { dimension: 'd', group: 'resident', score: 5, count: 1 },
      ],
      ['d'],
      GROUPS,
    );
    expect(r.groups[0].median).toBe(3.5);
  });
});
