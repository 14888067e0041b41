import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { QUOTABLE_SQL } from '../participants/consent';
import type { CountRow, DistributionRow } from './aggregate';

/** How many of a group contributed. */
export interface GroupCountRow {
  group: string;
  count: number;
}

/** One group's answers to one prompt, in the order they were given. */
export interface GroupAnswersRow {
  prompt: number;
  group: string;
  answers: string[];
}

/** A nominated story: how often and by which groups, the reasons in the order given, its words if readable. */
export interface NominationRow {
  observationId: number;
  count: number;
  groups: string[];
  /** [group, reason] in the order given. */
  reasons: [string, string][];
  perspective: string | null;
  storyText: string | null;
}

export interface RoundResultRows {
  distributions: DistributionRow[];
  groups: GroupCountRow[];
  answers: GroupAnswersRow[];
  nominations: NominationRow[];
}

/** An appreciation count of one dimension in one of several rounds. */
export interface RoundCountRow extends CountRow {
  roundId: number;
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * The SQL of a round's results (also timed on the raw driver by the benchmark). Counting, grouping and reading
 * the answers out of their JSON happen in the database; JavaScript only derives medians and distances and puts
 * the rows in order.
 * - scores: per dimension and group, how many gave each score 1–5 and how many did not know (a covering index);
 * - groups: contributions per stakeholder group;
 * - answers: per prompt and group, the answers in the order they were given;
 * - nominations: per nominated story, how often and by which groups, the reasons in the order given, and its
 *   words where the viewer may read them. Takes $1 round, $2 lab, then the viewer's audiences.
 */
export function resultsQueries(dialect: 'sqlite' | 'postgres', audiences: number) {
  const key = `${dialect}:${audiences}`;
  let found = resultsSql.get(key);
  if (!found) resultsSql.set(key, (found = buildResultsQueries(dialect, audiences)));
  return found;
}

const resultsSql = new Map<string, ReturnType<typeof buildResultsQueries>>();

function buildResultsQueries(dialect: 'sqlite' | 'postgres', audiences: number) {
  const inAudiences = Array.from({ length: audiences }, (_, i) => `$${i + 3}`).join(', ');
  const scores = [1, 2, 3, 4, 5].map((score) => `COUNT(*) FILTER (WHERE score = ${score}) AS s${score}`).join(', ');
  const postgres = dialect === 'postgres';
  const hasReason = "c.nomination_reason IS NOT NULL AND c.nomination_reason <> ''";
  const groupsOf = postgres
    ? 'json_agg(DISTINCT c.stakeholder_group)'
    : 'json_group_array(DISTINCT c.stakeholder_group)';
  const reasonsOf = postgres
    ? 'json_agg(json_build_array(c.stakeholder_group, c.nomination_reason) ORDER BY c.id)'
    : 'json_group_array(json_array(c.stakeholder_group, c.nomination_reason) ORDER BY c.id)';
  return {
    scores: `SELECT dimension, stakeholder_group, ${scores}, COUNT(*) FILTER (WHERE score IS NULL) AS dont_know
      FROM appreciations WHERE round_id = $1 GROUP BY dimension, stakeholder_group`,
    groups: 'SELECT stakeholder_group, COUNT(*) AS n FROM contributions WHERE round_id = $1 GROUP BY stakeholder_group',
    answers: postgres
      ? `SELECT (a.value->>'prompt')::int AS prompt, c.stakeholder_group,
          json_agg(a.value->>'text' ORDER BY c.id, a.n) AS answers
        FROM contributions c CROSS JOIN LATERAL json_array_elements(c.answers) WITH ORDINALITY AS a(value, n)
        WHERE c.round_id = $1 GROUP BY 1, 2`
      : `SELECT json_extract(a.value, '$.prompt') AS prompt, c.stakeholder_group,
          json_group_array(json_extract(a.value, '$.text') ORDER BY c.id, a.key) AS answers
        FROM contributions c, json_each(c.answers) a WHERE c.round_id = $1 GROUP BY 1, 2`,
    nominations: `SELECT c.nominated_observation_id AS observation_id, COUNT(*) AS n,
        ${groupsOf} AS groups,
        ${reasonsOf} FILTER (WHERE ${hasReason}) AS reasons,
        MAX(o.perspective) AS perspective, MAX(CASE WHEN ${QUOTABLE_SQL} THEN o.story_text ELSE NULL END) AS story_text
      FROM contributions c LEFT JOIN observations o ON o.id = c.nominated_observation_id AND o.lab_id = $2
        AND o.kind = 'story' AND o.audience IN (${inAudiences})
      LEFT JOIN participants p ON p.id = o.participant_id
      WHERE c.round_id = $1 AND c.nominated_observation_id IS NOT NULL
      GROUP BY c.nominated_observation_id ORDER BY COUNT(*) DESC, c.nominated_observation_id`,
  };
}

/** The reads behind a round's results and the comparison of rounds: aggregations in SQL, rows as arrays. */
@Injectable()
export class RoundResultsRepository {
  constructor(private readonly db: Db) {}

  /** The four result reads at once, for the viewer's audiences (which nominated stories' words they may read). */
  async results(roundId: number, labId: number, audiences: string[]): Promise<RoundResultRows> {
    const sql = resultsQueries(this.db.isPostgres ? 'postgres' : 'sqlite', audiences.length);
    // Rows as arrays of their columns, in the order each statement selects them (see resultsQueries).
    const [counts, groupCounts, answers, nominations] = await Promise.all([
      this.db.rows(sql.scores, [roundId]),
      this.db.rows(sql.groups, [roundId]),
      this.db.rows(sql.answers, [roundId]),
      this.db.rows(sql.nominations, [roundId, labId, ...audiences]),
    ]);
    return {
      distributions: counts.map(([dimension, group, s1, s2, s3, s4, s5, dontKnow]) => ({
        dimension: dimension as string,
        group: group as string,
        counts: [Number(s1), Number(s2), Number(s3), Number(s4), Number(s5)],
        dontKnow: Number(dontKnow),
      })),
      groups: groupCounts.map(([group, n]) => ({ group: group as string, count: Number(n) })),
      answers: answers.map(([prompt, group, list]) => ({
        prompt: Number(prompt),
        group: group as string,
        answers: json<string[]>(list),
      })),
      nominations: nominations.map(([observationId, n, byGroups, reasons, perspective, storyText]) => ({
        observationId: Number(observationId),
        count: Number(n),
        groups: json<string[]>(byGroups),
        reasons: reasons === null ? [] : json<[string, string][]>(reasons),
        perspective: (perspective as string) ?? null,
        storyText: (storyText as string) ?? null,
      })),
    };
  }

  /** Appreciations of one dimension per round, group and score, in these rounds. */
  async dimensionCounts(dimension: string, roundIds: number[]): Promise<RoundCountRow[]> {
    if (!roundIds.length) return [];
    const rows = await this.db.query(
      `SELECT round_id, stakeholder_group, score, COUNT(*) AS n FROM appreciations
       WHERE dimension = $1 AND round_id IN (${roundIds.map(Number).join(',')})
       GROUP BY round_id, stakeholder_group, score`,
      [dimension],
    );
    return rows.map((c) => ({
      roundId: Number(c['round_id']),
      dimension,
      group: c['stakeholder_group'] as string,
      score: c['score'] === null ? null : Number(c['score']),
      count: Number(c['n']),
    }));
  }
}
