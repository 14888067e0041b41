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
   * 0 (every group answers alike) to 1 (everyone in one group at 1, everyone in the other at 5): the largest
   * distance between two groups' distributions, see distance().
   */
  divergence: number;
  /**
   * The two groups that differ most, when at least two groups gave scores; on a tie the first such pair in group
   * order (the first group earliest, then the second).
   */
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
 * How far apart two groups' answers lie on the ordered scale 1–5: the earth mover's distance between their
 * distributions (as shares of each group, so groups of any size compare), divided by 4, the largest shift there is
 * (everyone at 1 against everyone at 5). 0.25 is on average one step apart, 0.5 two steps. On this scale it is the
 * sum of the differences between the two groups' cumulative shares; rounded to three decimals.
 */
export function distance(a: number[], b: number[]): number {
  const na = a.reduce((x, y) => x + y, 0);
  const nb = b.reduce((x, y) => x + y, 0);
  if (!na || !nb) return 0;
  // In whole numbers (the shares times na × nb) so that equal distances compare equal.
  let belowA = 0;
  let belowB = 0;
  let steps = 0;
  for (let i = 0; i < SCALE.length - 1; i++) {
    belowA += a[i];
    belowB += b[i];
    steps += Math.abs(belowA * nb - belowB * na);
  }
  return Math.round((steps / (na * nb) / (SCALE.length - 1)) * 1000) / 1000;
}

/**
 * A dimension is called out when two groups' answers lie on average two steps or more apart (0.5): as far as
 * "weinig" from "veel", one group below the middle of the scale and the other above it. One step (0.25) is too
 * little to call out with groups this small: a single person moving one step shifts a small group that far.
 */
export const DIVERGENCE_CALLOUT = 0.5;

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
