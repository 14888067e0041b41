import { aggregate, distance, DIVERGENCE_CALLOUT, SCALE } from './aggregate';

const GROUPS = ['resident', 'volunteer', 'partner', 'municipality'];

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

  it('names the pair that really lies furthest apart on the scale, not the first pair that does not overlap', () => {
    // The example: residents at 1–2, a volunteer at 3, the municipality at 5.
    const [result] = aggregate(
      [
        { dimension: 'trust', group: 'resident', score: 1, count: 2 },
        { dimension: 'trust', group: 'resident', score: 2, count: 2 },
        { dimension: 'trust', group: 'volunteer', score: 3, count: 1 },
        { dimension: 'trust', group: 'municipality', score: 5, count: 1 },
      ],
      ['trust'],
      GROUPS,
    );
    // Residents and the municipality: on average 3.5 steps of 4.
    expect(result.divergence).toBe(0.875);
    expect(result.mostApart).toEqual(['resident', 'municipality']);
    expect(result.divergence).toBeGreaterThanOrEqual(DIVERGENCE_CALLOUT);
  });

  it('does not call out residents at 1–2 against a volunteer at 3: one and a half steps apart', () => {
    const [result] = aggregate(
      [
        { dimension: 'trust', group: 'resident', score: 1, count: 2 },
        { dimension: 'trust', group: 'resident', score: 2, count: 2 },
        { dimension: 'trust', group: 'volunteer', score: 3, count: 1 },
      ],
      ['trust'],
      GROUPS,
    );
    expect(result.divergence).toBe(0.375);
    expect(result.mostApart).toEqual(['resident', 'volunteer']);
    expect(result.divergence).toBeLessThan(DIVERGENCE_CALLOUT);
  });

  it('calls out groups two steps apart on average, and not groups one step apart', () => {
    const [two, one, alike] = aggregate(
      [
        { dimension: 'two', group: 'resident', score: 2, count: 3 },
        { dimension: 'two', group: 'partner', score: 4, count: 1 },
        { dimension: 'one', group: 'resident', score: 3, count: 3 },
        { dimension: 'one', group: 'partner', score: 4, count: 2 },
        { dimension: 'alike', group: 'resident', score: 4, count: 2 },
        { dimension: 'alike', group: 'partner', score: 4, count: 1 },
      ],
      ['two', 'one', 'alike'],
      GROUPS,
    );
    expect([two.divergence, one.divergence, alike.divergence]).toEqual([0.5, 0.25, 0]);
    expect(two.divergence >= DIVERGENCE_CALLOUT).toBe(true);
    expect(one.divergence >= DIVERGENCE_CALLOUT).toBe(false);
  });

  it('breaks a tie by group order: the first group earliest, then the second', () => {
    // Rows in any order: the pair is named in group order.
    const [result] = aggregate(
      [
        { dimension: 'd', group: 'municipality', score: 1, count: 1 },
        { dimension: 'd', group: 'resident', score: 5, count: 1 },
      ],
      ['d'],
      GROUPS,
    );
    expect(result.divergence).toBe(1);
    expect(result.mostApart).toEqual(['resident', 'municipality']);
    const [even] = aggregate(
      [
        { dimension: 'd', group: 'municipality', score: 3, count: 1 },
        { dimension: 'd', group: 'partner', score: 1, count: 1 },
        { dimension: 'd', group: 'resident', score: 3, count: 1 },
      ],
      ['d'],
      GROUPS,
    );
    // resident–partner and partner–municipality are both two steps apart: the resident's pair comes first.
    expect(even.divergence).toBe(0.5);
    expect(even.mostApart).toEqual(['resident', 'partner']);
  });

  it('leaves "don\'t know" out of the distance: it is shown, not counted as a position', () => {
    const [withDontKnow] = aggregate(
      [
        { dimension: 'd', group: 'resident', score: 4, count: 1 },
        { dimension: 'd', group: 'resident', score: null, count: 5 },
        { dimension: 'd', group: 'partner', score: 4, count: 2 },
      ],
      ['d'],
      GROUPS,
    );
    expect(withDontKnow.groups[0].dontKnow).toBe(5);
    expect(withDontKnow.divergence).toBe(0);
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

  it('computes the distance between distributions by shares, not counts, along the order of the scale', () => {
    expect(SCALE).toEqual([1, 2, 3, 4, 5]);
    expect(distance([0, 0, 2, 0, 0], [0, 0, 10, 0, 0])).toBe(0);
    // Half of one group four steps away: two steps on average.
    expect(distance([1, 0, 0, 0, 1], [0, 0, 0, 0, 2])).toBe(0.5);
    // Without overlap, the distance still grows with the steps between them (total variation gave 1 for both).
    expect(distance([1, 0, 0, 0, 0], [0, 1, 0, 0, 0])).toBe(0.25);
    expect(distance([1, 0, 0, 0, 0], [0, 0, 0, 0, 1])).toBe(1);
    expect(distance([0, 1, 0, 0, 0], [1, 0, 0, 0, 0])).toBe(distance([1, 0, 0, 0, 0], [0, 1, 0, 0, 0]));
    expect(distance([0, 0, 0, 0, 0], [1, 0, 0, 0, 0])).toBe(0);
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
