/**
 * Results of a round without a single score: per dimension, each stakeholder group's distribution of
 * appreciations side by side, how far the groups' views lie apart, and no average across groups.
 */
export const SCALE = [1, 2, 3, 4, 5] as const;

export interface CountRow {
  dimension: string;
  group: string;
  /** 1–5, or null for "don't know". */
  score: number | null;
  count: number;
}

export interface GroupDistribution {
  group: string;
  /** Counts for scores 1..5, in order. */
  counts: number[];
  dontKnow: number;
  /** People in this group who gave a score (not "don't know"). */
  n: number;
  /** The middle score of this group; a description of one group, never combined across groups. */
  median: number | null;
  /** Lowest and highest score given in this group: its own spread. */
  min: number | null;
  max: number | null;
}

export interface DimensionResult {
  dimension: string;
  groups: GroupDistribution[];
  /**
   * 0 (every group answers alike) to 1 (no overlap at all): the largest difference between two groups'
   * distributions.
   */
  divergence: number;
  /** The two groups that differ most, when at least two groups gave scores. */
  mostApart: [string, string] | null;
}

function median(counts: number[]): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (!n) return null;
  const positions = n % 2 ? [(n + 1) / 2] : [n / 2, n / 2 + 1];
  const values = positions.map((p) => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= p) return i + 1;
    }
    return counts.length;
  });
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Total variation distance between two groups' score distributions (half the sum of absolute differences in
 * shares).
 */
export function distance(a: number[], b: number[]): number {
  const na = a.reduce((x, y) => x + y, 0);
  const nb = b.reduce((x, y) => x + y, 0);
  if (!na || !nb) return 0;
  return Math.round((a.reduce((sum, count, i) => sum + Math.abs(count / na - b[i] / nb), 0) / 2) * 1000) / 1000;
}

/** One group's appreciations of one dimension, counted per score in SQL. */
export interface DistributionRow {
  dimension: string;
  group: string;
  /** Counts for scores 1..5, in order. */
  counts: number[];
  dontKnow: number;
}

/** Counts per dimension, group and score, brought together per dimension and group. */
export function aggregate(rows: CountRow[], dimensions: string[], groupOrder: readonly string[]): DimensionResult[] {
  const distributions = new Map<string, DistributionRow>();
  for (const row of rows) {
    const key = `${row.dimension}\u0000${row.group}`;
    let d = distributions.get(key);
    if (!d)
      distributions.set(
        key,
        (d = { dimension: row.dimension, group: row.group, counts: [0, 0, 0, 0, 0], dontKnow: 0 }),
      );
    if (row.score === null) d.dontKnow += row.count;
    else if (row.score >= 1 && row.score <= 5) d.counts[row.score - 1] += row.count;
  }
  return aggregateDistributions([...distributions.values()], dimensions, groupOrder);
}

/** Per dimension: each group's distribution with its median and spread, and how far the groups lie apart. */
export function aggregateDistributions(
  rows: DistributionRow[],
  dimensions: string[],
  groupOrder: readonly string[],
): DimensionResult[] {
  const byDimension = new Map<string, GroupDistribution[]>();
  for (const row of rows) {
    let n = 0;
    let min: number | null = null;
    let max: number | null = null;
    for (let i = 0; i < 5; i++) {
      if (!row.counts[i]) continue;
      n += row.counts[i];
      if (min === null) min = i + 1;
      max = i + 1;
    }
    const groups = byDimension.get(row.dimension);
    const group = {
      group: row.group,
      counts: row.counts,
      dontKnow: row.dontKnow,
      n,
      median: median(row.counts),
      min,
      max,
    };
    if (groups) groups.push(group);
    else byDimension.set(row.dimension, [group]);
  }
  return dimensions.map((dimension) => {
    const groups = (byDimension.get(dimension) ?? []).sort(
      (a, b) => groupIndex(groupOrder, a.group) - groupIndex(groupOrder, b.group),
    );
    let best = -1;
    let mostApart: [string, string] | null = null;
    const scored = groups.filter((g) => g.n > 0);
    for (let i = 0; i < scored.length; i++) {
      for (let j = i + 1; j < scored.length; j++) {
        const d = distance(scored[i].counts, scored[j].counts);
        if (d > best) [best, mostApart] = [d, [scored[i].group, scored[j].group]];
      }
    }
    return { dimension, groups, divergence: Math.max(best, 0), mostApart };
  });
}

const groupIndex = (order: readonly string[], group: string) =>
  order.indexOf(group) === -1 ? order.length : order.indexOf(group);
