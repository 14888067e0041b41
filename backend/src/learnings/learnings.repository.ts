import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Actor, Records } from '../common/records';
import type { LabRole, Visibility } from '../common/vocabulary';
import { Db, managerQuery, Tx } from '../database/db';
import { QUOTABLE_SQL } from '../participants/consent';
import { EvidenceKind, Learning, LearningContradiction, LearningEvidence, Maturity } from './learning.entity';
import { fts5Query, postgresQuery } from './search';

export type { Tx };

/** A lab as a learning names it. */
export interface LabRefRow {
  id: number;
  name: string;
  municipality: string;
  neighbourhood: string | null;
}

/** Where a piece of evidence sits. */
interface InLab {
  id: number;
  lab: LabRefRow;
  labPublic: boolean;
}

export interface IterationEvidenceRow extends InLab {
  number: number;
  startsOn: string;
  reflect: string | null;
  experimentTitle: string;
}

export interface ObservationEvidenceRow extends InLab {
  kind: string;
  iterationId: number | null;
  iterationNumber: number | null;
  observedOn: string;
  value: number | null;
  contextNote: string | null;
  storyText: string | null;
  perspective: string | null;
  audience: string;
  indicator: string | null;
  unit: string | null;
  /** Its teller consented to quoting, or it has no teller (the participants feature's rule). */
  quotable: boolean;
}

export interface HypothesisEvidenceRow extends InLab {
  ifWe: string;
  then: string;
  because: string;
  status: string;
}

export interface RoundEvidenceRow extends InLab {
  title: string;
  status: string;
  periodEnd: string;
  contributions: number;
}

export interface EvidenceRows {
  iterations: IterationEvidenceRow[];
  observations: ObservationEvidenceRow[];
  hypotheses: HypothesisEvidenceRow[];
  rounds: RoundEvidenceRow[];
}

export interface LabAccessRow {
  labId: number;
  visibility: Visibility;
  role: LabRole | null;
}

export interface NewLearning {
  labId: number;
  title: string;
  body: string;
  type: Learning['type'];
  themes: string[];
  maturity: Maturity;
  transferConditions: string | null;
  status: Learning['status'];
  publishedAt: Date | null;
  createdBy: number;
}

export interface LibraryFilter {
  terms: string[];
  theme?: string;
  type?: string;
  maturity?: string;
  municipality?: string;
  lab?: number;
  /** By relevance (with terms), else newest first. */
  byRelevance: boolean;
  limit: number;
  offset: number;
}

const TABLE: Record<EvidenceKind, string> = {
  iteration: 'iterations',
  observation: 'observations',
  hypothesis: 'hypotheses',
  round: 'evaluation_rounds',
};
const LAB_COLUMNS =
  'l.id AS lab_id, l.name AS lab_name, l.municipality AS lab_municipality, ' +
  'l.neighbourhood AS lab_neighbourhood, l.visibility AS lab_visibility';
/** Ids as an SQL list; the ids are numbers, so nothing can be spliced in. */
const inList = (list: number[]) => (list.length ? list.map((n) => Number(n)).join(',') : '0');
const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const labRef = (r: Record<string, unknown>): LabRefRow => ({
  id: Number(r['lab_id']),
  name: r['lab_name'] as string,
  municipality: r['lab_municipality'] as string,
  neighbourhood: (r['lab_neighbourhood'] as string) ?? null,
});
const inLab = (r: Record<string, unknown>): InLab => ({
  id: Number(r['id']),
  lab: labRef(r),
  labPublic: r['lab_visibility'] === 'public',
});

/**
 * All of the learnings feature's SQL and TypeORM calls. Learnings rest on evidence in the features below
 * (iterations, observations, hypotheses, evaluation rounds, labs): this repository reads those tables, never writes
 * them.
 */
@Injectable()
export class LearningsRepository {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
  ) {}

  find(id: number): Promise<Learning | null> {
    return this.db.manager.findOneBy(Learning, { id });
  }

  /** The learnings with these ids: by id if asked, else in no particular order. */
  async findMany(ids: number[], byId = false): Promise<Learning[]> {
    if (!ids.length) return [];
    return this.db.manager.find(Learning, {
      where: { id: In(ids) },
      ...(byId ? { order: { id: 'ASC' as const } } : {}),
    });
  }

  /** A lab's learnings, newest first. */
  ofLab(labId: number, publishedOnly: boolean): Promise<Learning[]> {
    return this.db.manager.find(Learning, {
      where: { labId, ...(publishedOnly ? { status: 'published' as const } : {}) },
      order: { id: 'DESC' },
    });
  }

  /** The lab's learnings that rest on this round, newest first; only the published ones when `publishedOnly`. */
  async ofRound(
    labId: number,
    roundId: number,
    publishedOnly: boolean,
  ): Promise<{ id: number; title: string; type: string; status: string }[]> {
    const rows = await this.db.query(
      `SELECT l.id, l.title, l.type, l.status FROM learnings l
       WHERE l.lab_id = $1 ${publishedOnly ? "AND l.status = 'published'" : ''}
         AND EXISTS (SELECT 1 FROM learning_evidence e
                     WHERE e.learning_id = l.id AND e.kind = 'round' AND e.ref_id = $2)
       ORDER BY l.id DESC`,
      [labId, roundId],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      title: r['title'] as string,
      type: r['type'] as string,
      status: r['status'] as string,
    }));
  }

  evidenceLinks(learningId: number): Promise<LearningEvidence[]> {
    return this.db.manager.find(LearningEvidence, { where: { learningId } });
  }

  /** The learnings this one contradicts, or that contradict it. */
  async contradictionsOf(id: number): Promise<number[]> {
    const rows = await this.db.query(
      'SELECT learning_id, other_id FROM learning_contradictions WHERE learning_id = $1 OR other_id = $1',
      [id],
    );
    return rows.map((r) => (Number(r['learning_id']) === id ? Number(r['other_id']) : Number(r['learning_id'])));
  }

  /** The records behind evidence links, each with its lab: four statements, whatever the number of links. */
  async evidence(ids: Record<EvidenceKind, number[]>): Promise<EvidenceRows> {
    const [iterations, observations, hypotheses, rounds] = await Promise.all([
      this.db.query(
        `SELECT i.id, i.number, i.starts_on, i.reflect, i.decision, e.title, ${LAB_COLUMNS}
         FROM iterations i JOIN experiments e ON e.id = i.experiment_id JOIN labs l ON l.id = i.lab_id
         WHERE i.id IN (${inList(ids.iteration)})`,
      ),
      this.db.query(
        `SELECT o.id, o.kind, o.iteration_id, o.observed_on, o.value, o.context_note, o.story_text, o.perspective,
                o.audience, ind.name AS indicator, ind.unit, it.number,
                CASE WHEN ${QUOTABLE_SQL} THEN 1 ELSE 0 END AS quotable, ${LAB_COLUMNS}
         FROM observations o JOIN labs l ON l.id = o.lab_id LEFT JOIN indicators ind ON ind.id = o.indicator_id
              LEFT JOIN participants p ON p.id = o.participant_id LEFT JOIN iterations it ON it.id = o.iteration_id
         WHERE o.id IN (${inList(ids.observation)})`,
      ),
      this.db.query(
        `SELECT h.id, h.if_we, h."then" AS then_part, h.because, h.status, ${LAB_COLUMNS}
         FROM hypotheses h JOIN labs l ON l.id = h.lab_id WHERE h.id IN (${inList(ids.hypothesis)})`,
      ),
      this.db.query(
        `SELECT r.id, r.title, r.status, r.period_end,
                (SELECT COUNT(*) FROM contributions c WHERE c.round_id = r.id) AS n, ${LAB_COLUMNS}
         FROM evaluation_rounds r JOIN labs l ON l.id = r.lab_id WHERE r.id IN (${inList(ids.round)})`,
      ),
    ]);
    return {
      iterations: iterations.map((r) => ({
        ...inLab(r),
        number: Number(r['number']),
        startsOn: r['starts_on'] as string,
        reflect: (r['reflect'] as string) ?? null,
        experimentTitle: r['title'] as string,
      })),
      observations: observations.map((r) => ({
        ...inLab(r),
        kind: r['kind'] as string,
        iterationId: numberOrNull(r['iteration_id']),
        iterationNumber: numberOrNull(r['number']),
        observedOn: r['observed_on'] as string,
        value: numberOrNull(r['value']),
        contextNote: (r['context_note'] as string) ?? null,
        storyText: (r['story_text'] as string) ?? null,
        perspective: (r['perspective'] as string) ?? null,
        audience: r['audience'] as string,
        indicator: (r['indicator'] as string) ?? null,
        unit: (r['unit'] as string) ?? null,
        quotable: Number(r['quotable']) === 1,
      })),
      hypotheses: hypotheses.map((r) => ({
        ...inLab(r),
        ifWe: r['if_we'] as string,
        then: r['then_part'] as string,
        because: r['because'] as string,
        status: r['status'] as string,
      })),
      rounds: rounds.map((r) => ({
        ...inLab(r),
        title: r['title'] as string,
        status: r['status'] as string,
        periodEnd: r['period_end'] as string,
        contributions: Number(r['n']),
      })),
    };
  }

  /** These labs' visibility and the user's role in each (null: not a member). */
  async labAccess(userId: number, labIds: number[]): Promise<LabAccessRow[]> {
    const rows = await this.db.query(
      `SELECT l.id, l.visibility, m.role FROM labs l LEFT JOIN lab_members m ON m.lab_id = l.id AND m.user_id = $1
       WHERE l.id IN (${inList(labIds)})`,
      [userId],
    );
    return rows.map((r) => ({
      labId: Number(r['id']),
      visibility: r['visibility'] as Visibility,
      role: (r['role'] as LabRole | null) ?? null,
    }));
  }

  /** The labs of each learning (its own and those of its evidence), by name; only public ones if asked. */
  async labsOfLearnings(learningIds: number[], publicOnly: boolean): Promise<{ learningId: number; lab: LabRefRow }[]> {
    const list = inList(learningIds);
    const rows = await this.db.query(
      `SELECT DISTINCT x.learning_id, l.id AS lab_id, l.name AS lab_name, l.municipality AS lab_municipality,
              l.neighbourhood AS lab_neighbourhood
       FROM (SELECT id AS learning_id, lab_id FROM learnings WHERE id IN (${list})
             UNION SELECT learning_id, lab_id FROM learning_evidence WHERE learning_id IN (${list})) x
       JOIN labs l ON l.id = x.lab_id ${publicOnly ? "WHERE l.visibility = 'public'" : ''} ORDER BY l.name, l.id`,
    );
    return rows.map((r) => ({ learningId: Number(r['learning_id']), lab: labRef(r) }));
  }

  async isCoordinator(labId: number, userId: number): Promise<boolean> {
    const [row] = await this.db.query(
      "SELECT 1 AS ok FROM lab_members WHERE lab_id = $1 AND user_id = $2 AND role = 'coordinator'",
      [labId, userId],
    );
    return !!row;
  }

  /** A coordinator or partner of the lab. */
  async isInTeam(labId: number, userId: number): Promise<boolean> {
    const [row] = await this.db.query(
      "SELECT 1 AS ok FROM lab_members WHERE lab_id = $1 AND user_id = $2 AND role IN ('coordinator', 'partner')",
      [labId, userId],
    );
    return !!row;
  }

  /** The labs where the user is a coordinator or partner. */
  async teamLabIds(userId: number): Promise<number[]> {
    const rows = await this.db.query(
      "SELECT lab_id FROM lab_members WHERE user_id = $1 AND role IN ('coordinator', 'partner')",
      [userId],
    );
    return rows.map((r) => Number(r['lab_id']));
  }

  /** The lab of the record a piece of evidence points at; null when there is no such record. */
  async labOfEvidence(kind: EvidenceKind, id: number): Promise<number | null> {
    const [row] = await this.db.query(`SELECT lab_id FROM ${TABLE[kind]} WHERE id = $1`, [id]);
    return row ? Number(row['lab_id']) : null;
  }

  create(tx: Tx, values: NewLearning, actor: Actor): Promise<Learning> {
    return this.records.create(tx, Learning, 'learning', values, actor);
  }

  update(tx: Tx, id: number, version: number, changes: Partial<Learning>, actor: Actor): Promise<Learning> {
    return this.records.update(tx, Learning, 'learning', id, version, changes, actor);
  }

  async replaceEvidence(
    tx: Tx,
    learningId: number,
    evidence: { kind: EvidenceKind; refId: number; labId: number }[],
  ): Promise<void> {
    await tx.delete(LearningEvidence, { learningId });
    if (evidence.length)
      await tx.insert(
        LearningEvidence,
        evidence.map((e) => ({ learningId, ...e })),
      );
  }

  /** The learnings this one contradicts, each pair stored once (lower id first). */
  async replaceContradictions(tx: Tx, learningId: number, others: number[]): Promise<void> {
    await tx
      .createQueryBuilder()
      .delete()
      .from(LearningContradiction)
      .where('learning_id = :id OR other_id = :id', { id: learningId })
      .execute();
    if (others.length) {
      await tx.insert(
        LearningContradiction,
        others.map((o) => ({ learningId: Math.min(o, learningId), otherId: Math.max(o, learningId) })),
      );
    }
  }

  /** The learnings whose lab or evidence is in this lab (what the library finds by the lab's place). */
  /** The titles of the lab's learnings of one type. */
  async titlesOfType(labId: number, type: string): Promise<string[]> {
    const rows = await this.db.query('SELECT title FROM learnings WHERE lab_id = $1 AND type = $2', [labId, type]);
    return rows.map((r) => r['title'] as string);
  }

  async idsOfLab(tx: Tx, labId: number): Promise<number[]> {
    const rows = await managerQuery(
      tx,
      'SELECT id FROM learnings WHERE lab_id = $1' +
        ' UNION SELECT learning_id AS id FROM learning_evidence WHERE lab_id = $1',
      [labId],
    );
    return rows.map((r) => Number(r['id']));
  }

  /** What the library's kept answers depend on: bumped whenever a learning or a public lab changes. */
  async libraryVersion(): Promise<string> {
    const [row] = await this.db.query<{ version: number }>(
      "SELECT CAST(version AS TEXT) AS version FROM data_versions WHERE name = 'library'",
    );
    return String(row?.version ?? 0);
  }

  /**
   * A page of published learnings: full text through FTS5 on SQLite (ranked by bm25) and the expression index on
   * PostgreSQL, with filters on theme, type, maturity and the places of public labs. The ids in order, and the total.
   */
  async search(filter: LibraryFilter): Promise<{ total: number; ids: number[] }> {
    const where: string[] = ["l.status = 'published'"];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    let rank = '0';
    let from = 'learnings l';
    if (filter.terms.length) {
      if (this.db.isPostgres) {
        const tsq = `websearch_to_tsquery('dutch', ${p(postgresQuery(filter.terms))})`;
        where.push(`to_tsvector('dutch', coalesce(l.title, '') || ' ' || coalesce(l.body, '')) @@ ${tsq}`);
        rank = `ts_rank(to_tsvector('dutch', coalesce(l.title, '') || ' ' || coalesce(l.body, '')), ${tsq})`;
      } else {
        const match = p(fts5Query(filter.terms));
        from = `learnings l JOIN learnings_fts f ON f.rowid = l.id AND learnings_fts MATCH ${match}`;
        rank = '-bm25(learnings_fts, 10.0, 1.0, 2.0)';
      }
    }
    if (filter.theme) where.push(`CAST(l.themes AS TEXT) LIKE ${p(`%${JSON.stringify(filter.theme)}%`)}`);
    if (filter.type) where.push(`l.type = ${p(filter.type)}`);
    if (filter.maturity) where.push(`l.maturity = ${p(filter.maturity)}`);
    const placeFilter = (cond: string) =>
      `EXISTS (SELECT 1 FROM labs pl WHERE pl.visibility = 'public' AND ${cond} AND (pl.id = l.lab_id OR ` +
      'pl.id IN (SELECT lab_id FROM learning_evidence WHERE learning_id = l.id)))';
    if (filter.municipality)
      where.push(placeFilter(`LOWER(pl.municipality) = ${p(filter.municipality.toLowerCase())}`));
    if (filter.lab) where.push(placeFilter(`pl.id = ${p(filter.lab)}`));
    const order = filter.byRelevance ? `${rank} DESC, l.id DESC` : 'l.published_at DESC, l.id DESC';
    const whereSql = where.join(' AND ');
    const [total] = await this.db.query(`SELECT COUNT(*) AS n FROM ${from} WHERE ${whereSql}`, params);
    const ids = (
      await this.db.query(
        `SELECT l.id FROM ${from} WHERE ${whereSql} ORDER BY ${order} ` +
          `LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
        params,
      )
    ).map((r) => Number(r['id']));
    return { total: Number(total['n']), ids };
  }
}
