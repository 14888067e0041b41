import { Injectable } from '@nestjs/common';
import { EntityNotFoundError, In } from 'typeorm';
import { HistoryService } from '../common/history.service';
import type { Actor } from '../common/records';
import { Records } from '../common/records';
import { Db, managerQuery, Tx } from '../database/db';
import { QUOTABLE_SQL } from '../participants/consent';
import { Indicator } from './indicator.entity';
import { Observation } from './observation.entity';
import type { Audience } from './vocabulary';

export interface IndicatorRow {
  id: number;
  labId: number;
  name: string;
  unit: string;
  signalOf: string;
  version: number;
  measureCount: number;
}

/** Which of a lab's observations a list shows: the caller's filters and what the rules allow them to see. */
export interface ObservationFilter {
  labId: number;
  /** The audiences whose stories may be read; null: every audience (no condition, so counts read the index alone). */
  audiences: Audience[] | null;
  /** Chosen records only (one observation, a round's): an empty list matches nothing. */
  ids?: number[];
  iterationIds?: number[];
  experimentId?: number;
  kind?: string;
  iterationId?: number;
  indicatorId?: number;
  dimension?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** Where a page starts: after the row at `cursor` (a previous page's nextCursor), then `skip` rows further. */
export interface PageStart {
  cursor: string | null;
  skip: number;
}

/** One observation as a list shows it, before the rules decide what of it the caller sees. */
export interface ObservationRow {
  id: number;
  labId: number;
  kind: string;
  iterationId: number | null;
  iterationNumber: number | null;
  experimentId: number | null;
  observedOn: string;
  indicatorId: number | null;
  indicatorName: string | null;
  unit: string | null;
  value: number | null;
  contextNote: string | null;
  storyText: string | null;
  /** Whether its words may be shown (QUOTABLE_SQL: the teller's quote consent). */
  quotable: boolean;
  perspective: string | null;
  participantId: number | null;
  pseudonym: string | null;
  audience: string;
  selfReliance: string | null;
  dimensions: string[];
  hypothesisIds: number[];
  needsStory: boolean;
  version: number;
  createdAt: string;
}

/** What an observation points at, as found in its lab. */
export interface References {
  indicator: boolean;
  iteration: boolean;
  participant: boolean;
  /** The participant has given quote consent and is not erased. */
  quotable: boolean;
  /** How many of the named hypotheses are the lab's. */
  hypotheses: number;
}

/** A story a participant told, for their personal-data export: the columns as stored and as the export shows them. */
export interface ToldStoryRow {
  id: number;
  observed_on: string;
  story_text: string;
  perspective: string | null;
  audience: string;
  /** As the driver gives it (JSON text on SQLite, an array on PostgreSQL): the export has always shown it so. */
  dimensions: unknown;
}

/** A history entry that named a participant as an observation's teller. */
export interface MentioningEntry {
  id: number;
  entityId: number;
  action: string;
  createdAt: unknown;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** An observation as written: the columns of the observations table that a new record fills. */
export type NewObservation = Pick<
  Observation,
  | 'labId'
  | 'iterationId'
  | 'kind'
  | 'observedOn'
  | 'indicatorId'
  | 'value'
  | 'contextNote'
  | 'storyText'
  | 'perspective'
  | 'participantId'
  | 'audience'
  | 'selfReliance'
  | 'dimensions'
  | 'hypothesisIds'
  | 'createdBy'
>;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const day = (v: unknown): string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : new Date(v as string).toISOString().slice(0, 10);
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A page's position as the API hands it out (`nextCursor`): the row's date and id. */
export const cursorOf = (row: { observedOn: unknown; id: number }): string => `${day(row.observedOn)}~${row.id}`;

const INSERT_COLUMNS = [
  'lab_id',
  'iteration_id',
  'kind',
  'observed_on',
  'indicator_id',
  'value',
  'context_note',
  'story_text',
  'perspective',
  'participant_id',
  'audience',
  'self_reliance',
  'dimensions',
  'hypothesis_ids',
  'created_by',
];
const INSERT = `INSERT INTO observations (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(
  (_, i) => `$${i + 1}`,
).join(', ')}) RETURNING id`;

/** The columns an import fills (no participant: an imported story is the team's own note). */
const IMPORT_COLUMNS = INSERT_COLUMNS.filter((c) => c !== 'participant_id');

/** The INSERT of `rows` imported observations, made once for each number of rows (every full batch has the same). */
const importStatement = (() => {
  const made = new Map<number, string>();
  return (rows: number): string => {
    let sql = made.get(rows);
    if (!sql) {
      const values = Array.from(
        { length: rows },
        (_, r) => `(${IMPORT_COLUMNS.map((_, c) => `$${r * IMPORT_COLUMNS.length + c + 1}`).join(', ')})`,
      );
      sql = `INSERT INTO observations (${IMPORT_COLUMNS.join(', ')}) VALUES ${values.join(', ')}`;
      if (made.size > 4) made.clear();
      made.set(rows, sql);
    }
    return sql;
  };
})();

const ROW_COLUMNS = `o.id AS id, o.lab_id AS lab_id, o.kind AS kind, o.iteration_id AS iteration_id,
  it.number AS iteration_number, it.experiment_id AS experiment_id, o.observed_on AS observed_on,
  o.indicator_id AS indicator_id, ind.name AS indicator_name, ind.unit AS unit, o.value AS value,
  o.context_note AS context_note, o.story_text AS story_text, o.perspective AS perspective,
  o.participant_id AS participant_id, p.pseudonym AS pseudonym, CASE WHEN ${QUOTABLE_SQL} THEN 1 ELSE 0 END AS quotable,
  o.audience AS audience, o.self_reliance AS self_reliance, o.dimensions AS dimensions,
  o.hypothesis_ids AS hypothesis_ids, o.version AS version, o.created_at AS created_at,
  CASE WHEN o.kind = 'measure' AND COALESCE(o.context_note, '') = ''
    AND NOT EXISTS (SELECT 1 FROM observations s WHERE s.kind = 'story' AND s.iteration_id = o.iteration_id)
    THEN 1 ELSE 0 END AS needs_story`;
const ROW_JOINS = `LEFT JOIN iterations it ON it.id = o.iteration_id LEFT JOIN indicators ind ON ind.id = o.indicator_id
  LEFT JOIN participants p ON p.id = o.participant_id`;
const ORDER = 'ORDER BY o.observed_on DESC, o.id DESC';

/** All of the observations feature's SQL and TypeORM calls: indicators, observations, and the pages of the logbook. */
@Injectable()
export class ObservationsRepository {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
    private readonly history: HistoryService,
  ) {}

  // Indicators

  async indicators(labId: number): Promise<IndicatorRow[]> {
    const rows = await this.db.manager
      .createQueryBuilder(Indicator, 'i')
      .leftJoin(Observation, 'o', 'o.indicator_id = i.id')
      .select([
        'i.id AS id',
        'i.lab_id AS lab_id',
        'i.name AS name',
        'i.unit AS unit',
        'i.signal_of AS signal_of',
        'i.version AS version',
        'COUNT(o.id) AS n',
      ])
      .where('i.lab_id = :labId', { labId })
      .groupBy('i.id')
      .addGroupBy('i.lab_id')
      .addGroupBy('i.name')
      .addGroupBy('i.unit')
      .addGroupBy('i.signal_of')
      .addGroupBy('i.version')
      .orderBy('i.name')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      id: Number(r['id']),
      labId: Number(r['lab_id']),
      name: r['name'] as string,
      unit: r['unit'] as string,
      signalOf: r['signal_of'] as string,
      version: Number(r['version']),
      measureCount: Number(r['n']),
    }));
  }

  findIndicator(id: number): Promise<Indicator> {
    return this.db.manager.findOneByOrFail(Indicator, { id });
  }

  createIndicator(tx: Tx, values: Partial<Indicator>, actor: Actor): Promise<Indicator> {
    return this.records.create(tx, Indicator, 'indicator', values, actor);
  }

  updateIndicator(tx: Tx, id: number, version: number, changes: Partial<Indicator>, actor: Actor): Promise<Indicator> {
    return this.records.update(tx, Indicator, 'indicator', id, version, changes, actor);
  }

  // Pages of observations

  /**
   * The filters as SQL, with only the joins they need: counting and paging then read the index, not the rows.
   * Plain SQL with numbered parameters (kept prepared on SQLite): this list is read on every page of the logbook.
   */
  private where(filter: ObservationFilter): { from: string; params: unknown[] } {
    const params: unknown[] = [];
    const $ = (value: unknown) => `$${params.push(value)}`;
    const joins: string[] = [];
    const where = [`o.lab_id = ${$(filter.labId)}`];
    if (filter.experimentId)
      joins.push(
        `INNER JOIN iterations fit ON fit.id = o.iteration_id AND fit.experiment_id = ${$(filter.experimentId)}`,
      );
    if (filter.q?.trim()) joins.push('LEFT JOIN participants p ON p.id = o.participant_id');
    if (filter.audiences) where.push(`(o.kind = 'measure' OR o.audience IN (${filter.audiences.map($).join(', ')}))`);
    if (filter.ids) where.push(filter.ids.length ? `o.id IN (${filter.ids.map($).join(', ')})` : '1 = 0');
    if (filter.iterationIds)
      where.push(filter.iterationIds.length ? `o.iteration_id IN (${filter.iterationIds.map($).join(', ')})` : '1 = 0');
    if (filter.kind) where.push(`o.kind = ${$(filter.kind)}`);
    if (filter.iterationId) where.push(`o.iteration_id = ${$(filter.iterationId)}`);
    if (filter.indicatorId) where.push(`o.indicator_id = ${$(filter.indicatorId)}`);
    if (filter.dimension) where.push(`CAST(o.dimensions AS TEXT) LIKE ${$(`%${JSON.stringify(filter.dimension)}%`)}`);
    if (filter.from) where.push(`o.observed_on >= ${$(filter.from)}`);
    if (filter.to) where.push(`o.observed_on <= ${$(filter.to)}`);
    if (filter.q?.trim()) {
      // Withheld stories are not searchable: their words must not leak through a match.
      const q = $(`%${escapeLike(filter.q.trim().toLowerCase())}%`);
      where.push(
        `(LOWER(COALESCE(o.context_note, '')) LIKE ${q} ESCAPE '\\' OR ` +
          `(${QUOTABLE_SQL} AND LOWER(COALESCE(o.story_text, '')) LIKE ${q} ESCAPE '\\'))`,
      );
    }
    return { from: `FROM observations o ${joins.join(' ')} WHERE ${where.join(' AND ')}`, params };
  }

  async count(filter: ObservationFilter): Promise<number> {
    const { from, params } = this.where(filter);
    return Number((await this.db.query<{ n: string | number }>(`SELECT COUNT(*) AS n ${from}`, params))[0]?.n ?? 0);
  }

  /** The position (a cursor) of the row `offset` rows into the list, newest first; null past the end. */
  async cursorAt(filter: ObservationFilter, offset: number): Promise<string | null> {
    const { from, params } = this.where(filter);
    const [row] = await this.db.query(
      `SELECT o.observed_on AS observed_on, o.id AS id ${from} ${ORDER} LIMIT 1 OFFSET $${params.length + 1}`,
      [...params, offset],
    );
    return row ? cursorOf({ observedOn: row['observed_on'], id: Number(row['id']) }) : null;
  }

  /** The ids of every matching observation, unordered (chosen records that fit on one page). */
  async ids(filter: ObservationFilter): Promise<number[]> {
    const { from, params } = this.where(filter);
    return (await this.db.query<{ id: number }>(`SELECT o.id AS id ${from}`, params)).map((r) => Number(r.id));
  }

  /** The ids of a page of `limit` matching observations, newest first, from `start`. */
  async pageIds(filter: ObservationFilter, start: PageStart, limit: number): Promise<number[]> {
    const { from, params } = this.where(filter);
    const $ = (value: unknown) => `$${params.push(value)}`;
    let seek = '';
    if (start.cursor) {
      const [date, id] = start.cursor.split('~');
      // A row-value comparison: both databases read the index from exactly there.
      seek = ` AND (o.observed_on, o.id) < (${$(date)}, ${$(Number(id))})`;
    }
    const rows = await this.db.query<{ id: number }>(
      `SELECT o.id AS id ${from}${seek} ${ORDER} LIMIT ${$(limit)} OFFSET ${$(start.skip)}`,
      params,
    );
    return rows.map((r) => Number(r.id));
  }

  /** The observations with these ids in full, newest first. */
  async rows(ids: number[]): Promise<ObservationRow[]> {
    if (!ids.length) return [];
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT ${ROW_COLUMNS} FROM observations o ${ROW_JOINS}
       WHERE o.id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')}) ${ORDER}`,
      ids,
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      labId: Number(r['lab_id']),
      kind: r['kind'] as string,
      iterationId: num(r['iteration_id']),
      iterationNumber: num(r['iteration_number']),
      experimentId: num(r['experiment_id']),
      observedOn: r['observed_on'] as string,
      indicatorId: num(r['indicator_id']),
      indicatorName: (r['indicator_name'] as string) ?? null,
      unit: (r['unit'] as string) ?? null,
      value: num(r['value']),
      contextNote: (r['context_note'] as string) ?? null,
      storyText: (r['story_text'] as string) ?? null,
      quotable: Number(r['quotable']) === 1,
      perspective: (r['perspective'] as string) ?? null,
      participantId: num(r['participant_id']),
      pseudonym: (r['pseudonym'] as string) ?? null,
      audience: r['audience'] as string,
      selfReliance: (r['self_reliance'] as string) ?? null,
      dimensions: json<string[]>(r['dimensions']),
      hypothesisIds: json<number[]>(r['hypothesis_ids']),
      needsStory: Number(r['needs_story']) === 1,
      version: Number(r['version']),
      createdAt: new Date(r['created_at'] as string).toISOString(),
    }));
  }

  // Writes

  /** The lab's value dimensions, read in the write (a new observation's dimensions must be among them). */
  async labDimensions(tx: Tx, labId: number): Promise<string[]> {
    const [row] = await managerQuery<{ value_dimensions: unknown }>(
      tx,
      'SELECT value_dimensions FROM labs WHERE id = $1',
      [labId],
    );
    if (!row) throw new EntityNotFoundError('Lab', { id: labId });
    return json<string[]>(row.value_dimensions);
  }

  /** What an observation points at, looked up in its lab in one statement (it runs on every write). */
  async references(
    tx: Tx,
    labId: number,
    to: {
      indicatorId: number | null;
      iterationId: number | null;
      participantId: number | null;
      hypothesisIds: number[];
    },
  ): Promise<References> {
    const hypotheses = to.hypothesisIds.length ? to.hypothesisIds.map((_, i) => `$${i + 5}`).join(', ') : 'NULL';
    const [found] = await managerQuery<Record<string, number | boolean | null>>(
      tx,
      `SELECT (SELECT COUNT(*) FROM indicators WHERE id = $2 AND lab_id = $1) AS indicator,
        (SELECT COUNT(*) FROM iterations WHERE id = $3 AND lab_id = $1) AS iteration,
        (SELECT COUNT(*) FROM participants WHERE id = $4 AND lab_id = $1) AS participant,
        (SELECT COUNT(*) FROM participants p WHERE p.id = $4 AND p.lab_id = $1 AND ${QUOTABLE_SQL}) AS quotable,
        (SELECT COUNT(*) FROM hypotheses WHERE lab_id = $1 AND id IN (${hypotheses})) AS hypotheses`,
      [labId, to.indicatorId, to.iterationId, to.participantId, ...to.hypothesisIds],
    );
    return {
      indicator: !!Number(found['indicator']),
      iteration: !!Number(found['iteration']),
      participant: !!Number(found['participant']),
      quotable: !!Number(found['quotable']),
      hypotheses: Number(found['hypotheses']),
    };
  }

  findIn(tx: Tx, id: number): Promise<Observation> {
    return tx.findOneByOrFail(Observation, { id });
  }

  /** A plain INSERT (the busiest write of the product): the new record's id. */
  async insert(tx: Tx, values: NewObservation): Promise<number> {
    const params = [
      values.labId,
      values.iterationId,
      values.kind,
      values.observedOn,
      values.indicatorId,
      values.value,
      values.contextNote,
      values.storyText,
      values.perspective,
      values.participantId,
      values.audience,
      values.selfReliance,
      JSON.stringify(values.dimensions),
      JSON.stringify(values.hypothesisIds),
      values.createdBy,
    ];
    const [inserted] = await managerQuery<{ id: number }>(
      tx,
      INSERT,
      params.map((v) => v ?? null),
    );
    return Number(inserted.id);
  }

  /**
   * Imported observations in one multi-row INSERT, through a bulk write's `exec` (Db.bulk): a fraction of the memory
   * and time of building 100,000 entities. The parameters are made now, the statement runs when the returned function
   * is called (the caller makes the next batch's while the previous statement runs).
   */
  importBatch(exec: (sql: string, params: unknown[]) => Promise<void>, batch: NewObservation[]): () => Promise<void> {
    const params: unknown[] = [];
    for (const o of batch) {
      params.push(
        o.labId,
        o.iterationId,
        o.kind,
        o.observedOn,
        o.indicatorId,
        o.value,
        o.contextNote,
        o.storyText,
        o.perspective,
        o.audience,
        o.selfReliance,
        JSON.stringify(o.dimensions ?? []),
        JSON.stringify(o.hypothesisIds ?? []),
        o.createdBy,
      );
    }
    const rows = batch.length;
    return () =>
      exec(
        importStatement(rows),
        params.map((v) => v ?? null),
      );
  }

  update(tx: Tx, id: number, version: number, changes: Partial<Observation>, actor: Actor): Promise<Observation> {
    return this.records.update(tx, Observation, 'observation', id, version, changes, actor);
  }

  remove(tx: Tx, id: number, actor: Actor): Promise<void> {
    return this.records.remove(tx, Observation, 'observation', id, actor);
  }

  // A participant's stories (their personal data)

  async storiesTold(participantId: number): Promise<ToldStoryRow[]> {
    const rows = await this.db.query(
      `SELECT id, observed_on, story_text, perspective, audience, dimensions FROM observations
       WHERE participant_id = $1 AND kind = 'story' ORDER BY observed_on`,
      [participantId],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      observed_on: r['observed_on'] as string,
      story_text: r['story_text'] as string,
      perspective: (r['perspective'] as string) ?? null,
      audience: r['audience'] as string,
      dimensions: r['dimensions'],
    }));
  }

  async storyIdsOf(tx: Tx, participantId: number): Promise<number[]> {
    return (await tx.find(Observation, { where: { participantId, kind: 'story' }, select: { id: true } })).map(
      (o) => o.id,
    );
  }

  async removeStories(tx: Tx, ids: number[]): Promise<void> {
    await tx.delete(Observation, { id: In(ids) });
  }

  /**
   * The history entries of observations that ever named this participant (see HistoryService.mentioningParticipant),
   * read inside `tx` when given.
   */
  historyMentioning(labId: number, participantId: number, tx?: Tx): Promise<MentioningEntry[]> {
    const query = (sql: string, params: unknown[]) => (tx ? managerQuery(tx, sql, params) : this.db.query(sql, params));
    return this.history.mentioningParticipant(query, labId, participantId);
  }
}
