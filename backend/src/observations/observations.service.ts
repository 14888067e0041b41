import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Errors, FieldError } from '../common/domain-error';
import { defined, Records } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { HistoryService } from '../common/history.service';
import { QUOTABLE_SQL } from '../participants/consent';
import { LabCache } from '../common/lab-cache';
import { Db, managerQuery } from '../database/db';
import { Lab } from '../labs/lab.entity';
import {
  CreateIndicatorDto,
  CreateObservationDto,
  IndicatorDto,
  IndicatorListDto,
  ObservationDto,
  ObservationListDto,
  ObservationQueryDto,
  UpdateIndicatorDto,
  UpdateObservationDto,
} from './dto/observation.dto';
import { Indicator } from './indicator.entity';
import { AUDIENCES, Observation } from './observation.entity';
import { audiencesFor, seesPersonalData, viewerOf } from './visibility';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const day = (v: unknown): string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : new Date(v as string).toISOString().slice(0, 10);
/** A page's position as the API hands it out (`nextCursor`): the row's date and id. */
const cursorOf = (row: Record<string, unknown>): string => `${day(row['observed_on'])}~${Number(row['id'])}`;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Offset pages keep where every 1,000th row starts (see list). */
const ANCHOR_EVERY = 1000;

@Injectable()
export class ObservationsService {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
    private readonly cache: LabCache,
    private readonly history: HistoryService,
  ) {}

  // Indicators

  async indicators(labId: number): Promise<IndicatorListDto> {
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
    return {
      items: rows.map((r) => ({
        id: Number(r['id']),
        labId: Number(r['lab_id']),
        name: r['name'] as string,
        unit: r['unit'] as string,
        signalOf: r['signal_of'] as string,
        version: Number(r['version']),
        measureCount: Number(r['n']),
      })),
    };
  }

  private async indicator(id: number): Promise<IndicatorDto> {
    const i = await this.db.manager.findOneByOrFail(Indicator, { id });
    return (await this.indicators(i.labId)).items.find((x) => x.id === id)!;
  }

  async createIndicator(access: LabAccess, user: AuthUser, dto: CreateIndicatorDto): Promise<IndicatorDto> {
    const saved = await this.db.write((m) =>
      this.records.create(
        m,
        Indicator,
        'indicator',
        { labId: access.labId, name: dto.name.trim(), unit: dto.unit.trim(), signalOf: dto.signalOf.trim() },
        { userId: user.id, labId: access.labId },
      ),
    );
    return this.indicator(saved.id);
  }

  async updateIndicator(access: LabAccess, user: AuthUser, id: number, dto: UpdateIndicatorDto): Promise<IndicatorDto> {
    const { version, ...changes } = dto;
    await this.db.write((m) =>
      this.records.update(m, Indicator, 'indicator', id, version, defined(changes), {
        userId: user.id,
        labId: access.labId,
      }),
    );
    return this.indicator(id);
  }

  // Observations

  async list(
    access: LabAccess,
    query: ObservationQueryDto,
    only: { ids?: number[]; iterationIds?: number[] } = {},
  ): Promise<ObservationListDto> {
    const viewer = viewerOf(access);
    if (query.cursor && query.offset)
      throw Errors.validation([{ field: 'cursor', message: 'cannot be combined with offset' }]);
    // The filters, with only the joins they need: counting and paging then read the index, not the rows.
    // Plain SQL with numbered parameters (kept prepared on SQLite): this list is read on every page of the logbook.
    const params: unknown[] = [];
    const $ = (value: unknown) => `$${params.push(value)}`;
    const joins: string[] = [];
    const where = [`o.lab_id = ${$(access.labId)}`];
    if (query.experimentId)
      joins.push(
        `INNER JOIN iterations fit ON fit.id = o.iteration_id AND fit.experiment_id = ${$(query.experimentId)}`,
      );
    if (query.q?.trim()) joins.push('LEFT JOIN participants p ON p.id = o.participant_id');
    // Coordinators, partners and residents may read every audience: no condition, so counts stay within the index.
    const audiences = audiencesFor(viewer);
    if (audiences.length < AUDIENCES.length)
      where.push(`(o.kind = 'measure' OR o.audience IN (${audiences.map($).join(', ')}))`);
    if (only.ids) where.push(only.ids.length ? `o.id IN (${only.ids.map($).join(', ')})` : '1 = 0');
    if (only.iterationIds)
      where.push(only.iterationIds.length ? `o.iteration_id IN (${only.iterationIds.map($).join(', ')})` : '1 = 0');
    if (query.kind) where.push(`o.kind = ${$(query.kind)}`);
    if (query.iterationId) where.push(`o.iteration_id = ${$(query.iterationId)}`);
    if (query.indicatorId) where.push(`o.indicator_id = ${$(query.indicatorId)}`);
    if (query.dimension) where.push(`CAST(o.dimensions AS TEXT) LIKE ${$(`%${JSON.stringify(query.dimension)}%`)}`);
    if (query.from) where.push(`o.observed_on >= ${$(query.from)}`);
    if (query.to) where.push(`o.observed_on <= ${$(query.to)}`);
    if (query.q?.trim()) {
      // Withheld stories are not searchable: their words must not leak through a match.
      const q = $(`%${escapeLike(query.q.trim().toLowerCase())}%`);
      where.push(
        `(LOWER(COALESCE(o.context_note, '')) LIKE ${q} ESCAPE '\\' OR (${QUOTABLE_SQL} AND LOWER(COALESCE(o.story_text, '')) LIKE ${q} ESCAPE '\\'))`,
      );
    }
    const from = `FROM observations o ${joins.join(' ')} WHERE ${where.join(' AND ')}`;
    const filters = JSON.stringify({ ...query, limit: undefined, offset: undefined, cursor: undefined });
    // A page of chosen records needs no count; a lab's count is kept until its data changes.
    const filterParams = [...params];
    const total =
      only.ids || only.iterationIds
        ? null
        : await this.cache.get(access, `observations-count:${viewer}:${filters}`, async () =>
            Number(
              (await this.db.query<{ n: string | number }>(`SELECT COUNT(*) AS n ${from}`, filterParams))[0]?.n ?? 0,
            ),
          );
    // A late page by offset starts from the nearest kept anchor instead of skipping every row before it.
    const start =
      query.cursor || only.ids || only.iterationIds
        ? { cursor: query.cursor ?? null, skip: query.offset ?? 0 }
        : await this.anchored(access, `${viewer}:${filters}`, from, filterParams, query.offset ?? 0);
    let seek = '';
    if (start.cursor) {
      const [date, id] = start.cursor.split('~');
      // A row-value comparison: both databases read the index from exactly there.
      seek = ` AND (o.observed_on, o.id) < (${$(date)}, ${$(Number(id))})`;
    }
    const limit = query.limit ?? 50;
    // First the page's ids (one row more tells whether there is a next page), then only those rows in full.
    // Chosen records (one observation, an iteration's) are filtered by the same conditions and not paged further.
    const page =
      only.ids && only.ids.length <= limit && !query.cursor && !query.offset
        ? await this.db.query<{ id: number }>(`SELECT o.id AS id ${from}`, params)
        : await this.db.query<{ id: number }>(
            `SELECT o.id AS id ${from}${seek} ORDER BY o.observed_on DESC, o.id DESC LIMIT ${$(limit + 1)} OFFSET ${$(start.skip)}`,
            params,
          );
    const more = page.length > limit;
    const ids = page.slice(0, limit).map((r) => Number(r.id));
    const rows = ids.length
      ? await this.db.query<Record<string, unknown>>(
          `SELECT o.id AS id, o.lab_id AS lab_id, o.kind AS kind, o.iteration_id AS iteration_id, it.number AS iteration_number, it.experiment_id AS experiment_id, o.observed_on AS observed_on,
            o.indicator_id AS indicator_id, ind.name AS indicator_name, ind.unit AS unit, o.value AS value, o.context_note AS context_note, o.story_text AS story_text,
            o.perspective AS perspective, o.participant_id AS participant_id, p.pseudonym AS pseudonym, CASE WHEN ${QUOTABLE_SQL} THEN 1 ELSE 0 END AS quotable,
            o.audience AS audience, o.self_reliance AS self_reliance, o.dimensions AS dimensions, o.hypothesis_ids AS hypothesis_ids, o.version AS version, o.created_at AS created_at,
            CASE WHEN o.kind = 'measure' AND COALESCE(o.context_note, '') = '' AND NOT EXISTS (SELECT 1 FROM observations s WHERE s.kind = 'story' AND s.iteration_id = o.iteration_id) THEN 1 ELSE 0 END AS needs_story
           FROM observations o LEFT JOIN iterations it ON it.id = o.iteration_id LEFT JOIN indicators ind ON ind.id = o.indicator_id LEFT JOIN participants p ON p.id = o.participant_id
           WHERE o.id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY o.observed_on DESC, o.id DESC`,
          ids,
        )
      : [];
    const personal = seesPersonalData(viewer);
    const last = rows[rows.length - 1];
    return {
      total: total ?? rows.length,
      nextCursor: more && last ? cursorOf(last) : null,
      items: rows.map((r) => {
        const quotable = Number(r['quotable']) === 1;
        const num = (k: string) => (r[k] === null || r[k] === undefined ? null : Number(r[k]));
        return {
          id: Number(r['id']),
          labId: Number(r['lab_id']),
          kind: r['kind'] as string,
          iterationId: num('iteration_id'),
          iterationNumber: num('iteration_number'),
          experimentId: num('experiment_id'),
          observedOn: r['observed_on'] as string,
          indicatorId: num('indicator_id'),
          indicatorName: (r['indicator_name'] as string) ?? null,
          unit: (r['unit'] as string) ?? null,
          value: num('value'),
          contextNote: (r['context_note'] as string) ?? null,
          storyText: r['kind'] === 'story' && quotable ? (r['story_text'] as string) : null,
          withheld: r['kind'] === 'story' && !quotable,
          perspective: (r['perspective'] as string) ?? null,
          participantId: personal ? num('participant_id') : null,
          participantPseudonym: personal ? ((r['pseudonym'] as string) ?? null) : null,
          audience: r['audience'] as string,
          selfReliance: (r['self_reliance'] as string) ?? null,
          dimensions: json<string[]>(r['dimensions']),
          hypothesisIds: json<number[]>(r['hypothesis_ids']),
          needsStory: Number(r['needs_story']) === 1,
          version: Number(r['version']),
          createdAt: new Date(r['created_at'] as string).toISOString(),
        };
      }),
    };
  }

  /**
   * Where a page `offset` rows in starts: after the row just before the nearest lower multiple of 1,000, kept per
   * data version of the lab and per viewer and filters (`key`), so a late page skips at most 999 rows.
   */
  private async anchored(
    access: LabAccess,
    key: string,
    from: string,
    params: unknown[],
    offset: number,
  ): Promise<{ cursor: string | null; skip: number }> {
    const at = Math.floor(offset / ANCHOR_EVERY) * ANCHOR_EVERY;
    if (!at || !this.cache.enabled) return { cursor: null, skip: offset };
    const anchor = await this.cache.get(access, `observations-anchor:${key}:${at}`, async () => {
      const [row] = await this.db.query(
        `SELECT o.observed_on AS observed_on, o.id AS id ${from} ORDER BY o.observed_on DESC, o.id DESC LIMIT 1 OFFSET $${params.length + 1}`,
        [...params, at - 1],
      );
      return row ? cursorOf(row) : null;
    });
    return anchor ? { cursor: anchor, skip: offset - at } : { cursor: null, skip: offset };
  }

  async get(access: LabAccess, id: number): Promise<ObservationDto> {
    const [found] = (await this.list(access, {}, { ids: [id] })).items;
    // A story outside the caller's audience is, for them, not there.
    if (!found) throw Errors.notFound('observation', id);
    return found;
  }

  /** Checks everything an observation points at belongs to the lab, and the rules of its kind. */
  async validate(m: EntityManager, lab: Lab, o: Partial<Observation>): Promise<void> {
    const errors: FieldError[] = [];
    if (o.kind === 'measure') {
      if (!o.indicatorId) errors.push({ field: 'indicatorId', message: 'is required for a measure' });
      if (o.value === null || o.value === undefined)
        errors.push({ field: 'value', message: 'is required for a measure' });
      if (o.storyText) errors.push({ field: 'storyText', message: 'belongs to a story, not a measure' });
    } else {
      if (!o.storyText?.trim()) errors.push({ field: 'storyText', message: 'is required for a story' });
      if (!o.perspective) errors.push({ field: 'perspective', message: 'is required for a story' });
      if (o.indicatorId || (o.value !== null && o.value !== undefined))
        errors.push({ field: 'value', message: 'belongs to a measure, not a story' });
    }
    // What the observation points at, checked in one statement (this runs on every write and every imported row).
    const hypothesisIds = [...new Set(o.hypothesisIds ?? [])];
    const [found] = await managerQuery<Record<string, number | boolean | null>>(
      m,
      `SELECT (SELECT COUNT(*) FROM indicators WHERE id = $2 AND lab_id = $1) AS indicator, (SELECT COUNT(*) FROM iterations WHERE id = $3 AND lab_id = $1) AS iteration,
        (SELECT COUNT(*) FROM participants WHERE id = $4 AND lab_id = $1) AS participant,
        (SELECT COUNT(*) FROM participants WHERE id = $4 AND lab_id = $1 AND consent_quote = TRUE AND erased_at IS NULL) AS quotable,
        (SELECT COUNT(*) FROM hypotheses WHERE lab_id = $1 AND id IN (${hypothesisIds.length ? hypothesisIds.map((_, i) => `$${i + 5}`).join(', ') : 'NULL'})) AS hypotheses`,
      [lab.id, o.indicatorId ?? null, o.iterationId ?? null, o.participantId ?? null, ...hypothesisIds],
    );
    if (o.indicatorId && !Number(found['indicator']))
      errors.push({ field: 'indicatorId', message: 'is not an indicator of this lab' });
    if (o.iterationId && !Number(found['iteration']))
      errors.push({ field: 'iterationId', message: 'is not an iteration of this lab' });
    if (o.participantId) {
      if (!Number(found['participant']))
        errors.push({ field: 'participantId', message: 'is not a participant of this lab' });
      else if (!Number(found['quotable']))
        errors.push({ field: 'participantId', message: 'has not given consent to be quoted' });
    }
    const unknownDimensions = (o.dimensions ?? []).filter((d) => !lab.valueDimensions.includes(d));
    if (unknownDimensions.length)
      errors.push({
        field: 'dimensions',
        message: `not value dimensions of this lab: ${unknownDimensions.join(', ')}`,
      });
    if (hypothesisIds.length && Number(found['hypotheses']) !== hypothesisIds.length)
      errors.push({ field: 'hypothesisIds', message: 'are not all hypotheses of this lab' });
    if (errors.length) throw Errors.validation(errors);
  }

  normalise(dto: CreateObservationDto, labId: number, userId: number): Partial<Observation> {
    return {
      labId,
      kind: dto.kind,
      iterationId: dto.iterationId ?? null,
      observedOn: dto.observedOn,
      indicatorId: dto.indicatorId ?? null,
      value: dto.value ?? null,
      contextNote: dto.contextNote?.trim() || null,
      storyText: dto.storyText?.trim() || null,
      perspective: dto.perspective ?? null,
      participantId: dto.participantId ?? null,
      audience: (dto.audience ?? 'lab') as Observation['audience'],
      selfReliance: (dto.selfReliance ?? null) as Observation['selfReliance'],
      dimensions: dto.dimensions ?? [],
      hypothesisIds: [...new Set(dto.hypothesisIds ?? [])],
      createdBy: userId,
    };
  }

  async create(access: LabAccess, user: AuthUser, dto: CreateObservationDto): Promise<ObservationDto> {
    // The busiest write of the product (phones in the field, imports aside): plain SQL, one statement per step.
    const id = await this.db.write(async (m) => {
      const [row] = await managerQuery<{ value_dimensions: unknown }>(
        m,
        'SELECT value_dimensions FROM labs WHERE id = $1',
        [access.labId],
      );
      const valueDimensions =
        typeof row.value_dimensions === 'string'
          ? (JSON.parse(row.value_dimensions) as string[])
          : (row.value_dimensions as string[]);
      const values = this.normalise(dto, access.labId, user.id);
      await this.validate(m, { id: access.labId, valueDimensions } as Lab, values);
      const columns = [
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
        m,
        `INSERT INTO observations (${columns.join(', ')}) VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        params.map((v) => v ?? null),
      );
      const id = Number(inserted.id);
      await this.history.record(m, {
        entityType: 'observation',
        entityId: id,
        labId: access.labId,
        userId: user.id,
        before: null,
        after: { ...values, id },
      });
      return id;
    });
    return this.get(access, id);
  }

  async update(access: LabAccess, user: AuthUser, id: number, dto: UpdateObservationDto): Promise<ObservationDto> {
    const { version, ...changes } = dto;
    await this.db.write(async (m) => {
      const lab = await m.findOneByOrFail(Lab, { id: access.labId });
      const current = await m.findOneByOrFail(Observation, { id });
      await this.validate(m, lab, { ...current, ...defined(changes) } as Partial<Observation>);
      await this.records.update(m, Observation, 'observation', id, version, defined(changes) as Partial<Observation>, {
        userId: user.id,
        labId: access.labId,
      });
    });
    return this.get(access, id);
  }

  async remove(access: LabAccess, user: AuthUser, id: number): Promise<void> {
    await this.db.write((m) =>
      this.records.remove(m, Observation, 'observation', id, { userId: user.id, labId: access.labId }),
    );
  }
}
