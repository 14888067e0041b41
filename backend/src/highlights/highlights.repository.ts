import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { QUOTABLE_SQL } from '../participants/consent';

export interface StoryRow {
  id: number;
  storyText: string;
  observedOn: string;
  perspective: string | null;
  iterationNumber: number | null;
  experimentTitle: string | null;
}

export interface SignificantRow extends StoryRow {
  nominations: number;
  rounds: number;
  groups: string[];
}

const list = (v: unknown): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : ((v as string[]) ?? []));

/**
 * The reads behind a lab's story highlights. It sits above evaluations, so it may read their contributions; only
 * stories whose words the viewer may read are returned (their audience, and the quote consent of who told them).
 */
@Injectable()
export class HighlightsRepository {
  constructor(private readonly db: Db) {}

  private readonly story = `o.id, o.story_text, o.observed_on, o.perspective, i.number AS iteration_number,
    e.title AS experiment_title`;
  private readonly joins = `LEFT JOIN participants p ON p.id = o.participant_id
    LEFT JOIN iterations i ON i.id = o.iteration_id LEFT JOIN experiments e ON e.id = i.experiment_id`;

  private readable(audiences: string[], from: number): string {
    const marks = audiences.map((_, i) => `$${i + from}`).join(', ');
    return `o.kind = 'story' AND o.story_text IS NOT NULL AND o.story_text <> '' AND o.audience IN (${marks})
      AND ${QUOTABLE_SQL}`;
  }

  /** The newest stories the viewer may read. */
  async recent(labId: number, audiences: string[], limit: number): Promise<StoryRow[]> {
    const rows = await this.db.query(
      `SELECT ${this.story} FROM observations o ${this.joins}
       WHERE o.lab_id = $1 AND ${this.readable(audiences, 2)}
       ORDER BY o.observed_on DESC, o.id DESC LIMIT ${Number(limit)}`,
      [labId, ...audiences],
    );
    return rows.map(toStory);
  }

  /**
   * The stories contributors chose as the most significant change in the lab's closed rounds, most often chosen
   * first: how often, in how many rounds, by which groups.
   */
  async significant(labId: number, audiences: string[], limit: number): Promise<SignificantRow[]> {
    const groups = this.db.isPostgres
      ? 'json_agg(DISTINCT c.stakeholder_group)'
      : 'json_group_array(DISTINCT c.stakeholder_group)';
    const rows = await this.db.query(
      `SELECT ${this.story}, COUNT(*) AS nominations, COUNT(DISTINCT c.round_id) AS rounds, ${groups} AS groups
       FROM contributions c
       JOIN evaluation_rounds r ON r.id = c.round_id AND r.lab_id = $1 AND r.status = 'closed'
       JOIN observations o ON o.id = c.nominated_observation_id AND o.lab_id = $1
       ${this.joins}
       WHERE ${this.readable(audiences, 2)}
       GROUP BY o.id, o.story_text, o.observed_on, o.perspective, i.number, e.title
       ORDER BY COUNT(*) DESC, o.observed_on DESC, o.id DESC LIMIT ${Number(limit)}`,
      [labId, ...audiences],
    );
    return rows.map((r) => ({
      ...toStory(r),
      nominations: Number(r['nominations']),
      rounds: Number(r['rounds']),
      groups: list(r['groups']).sort(),
    }));
  }
}

function toStory(r: Record<string, unknown>): StoryRow {
  const day = r['observed_on'];
  return {
    id: Number(r['id']),
    storyText: r['story_text'] as string,
    observedOn: day instanceof Date ? day.toISOString().slice(0, 10) : String(day).slice(0, 10),
    perspective: (r['perspective'] as string) ?? null,
    iterationNumber: r['iteration_number'] === null ? null : Number(r['iteration_number']),
    experimentTitle: (r['experiment_title'] as string) ?? null,
  };
}
