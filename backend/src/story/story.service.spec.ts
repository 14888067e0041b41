import { reduceSums } from './story.service';

describe('reduceSums (chart series)', () => {
  const days = (n: number, perDay = 1) =>
    Array.from({ length: n }, (_, i) => ({
      date: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      total: i * perDay,
      count: perDay,
      iterationNumber: null,
    }));

  it('gives one point per day, the average of its measures', () => {
    const points = reduceSums(days(300, 4));
    expect(points).toHaveLength(300);
    expect(points[10]).toEqual({ date: '2020-01-11', value: 10, iterationNumber: null, count: 4 });
  });

  it('averages 10,000 days into at most 500 points that keep every measure counted, weighted by measures', () => {
    const reduced = reduceSums(days(10_000));
    expect(reduced.length).toBeLessThanOrEqual(500);
    expect(reduced.reduce((n, p) => n + p.count, 0)).toBe(10_000);
    expect(reduced[0].value).toBe((0 + 19) / 2);
    const weighted = reduceSums(
      [
        { date: 'a', total: 10, count: 1, iterationNumber: 1 },
        { date: 'b', total: 0, count: 9, iterationNumber: 2 },
      ],
      1,
    );
    expect(weighted).toEqual([{ date: 'b', value: 1, iterationNumber: 2, count: 10 }]);
  });

  it('draws nothing for an indicator without measures', () => {
    expect(reduceSums([])).toEqual([]);
  });
});
