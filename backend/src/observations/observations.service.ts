import { Injectable } from '@nestjs/common';
import { Errors, FieldError } from '../common/domain-error';
import { OnDomainEvent, type DomainEvents } from '../common/events';
import { LabCache } from '../common/lab-cache';
import { defined } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db, Tx } from '../database/db';
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
import { HistoryService } from '../common/history.service';
import { Observation } from './observation.entity';
import {
  cursorOf,
  MentioningEntry,
  NewObservation,
  ObservationFilter,
  ObservationRow,
  ObservationsRepository,
  PageStart,
  ToldStoryRow,
} from './observations.repository';
import { AUDIENCES } from './vocabulary';
import { audiencesFor, seesPersonalData, viewerOf } from './visibility';

export type { MentioningEntry, NewObservation, ToldStoryRow };

/** Offset pages keep where every 1,000th row starts (see list). */
const ANCHOR_EVERY = 1000;

/** An observation as the caller may see it: a story's words only with quote consent, its teller only for the team. */
const present = (r: ObservationRow, personal: boolean): ObservationDto => ({
  id: r.id,
  labId: r.labId,
  kind: r.kind,
  iterationId: r.iterationId,
  iterationNumber: r.iterationNumber,
  experimentId: r.experimentId,
  observedOn: r.observedOn,
  indicatorId: r.indicatorId,
  indicatorName: r.indicatorName,
  unit: r.unit,
  value: r.value,
  contextNote: r.contextNote,
  storyText: r.kind === 'story' && r.quotable ? r.storyText : null,
  withheld: r.kind === 'story' && !r.quotable,
  perspective: r.perspective,
  participantId: personal ? r.participantId : null,
  participantPseudonym: personal ? r.pseudonym : null,
  audience: r.audience,
  selfReliance: r.selfReliance,
  dimensions: r.dimensions,
  hypothesisIds: r.hypothesisIds,
  needsStory: r.needsStory,
  version: r.version,
  createdAt: r.createdAt,
});

@Injectable()
export class ObservationsService {
  constructor(
    private readonly db: Db,
    private readonly cache: LabCache,
    private readonly history: HistoryService,
    private readonly repo: ObservationsRepository,
  ) {}

  // Indicators

  async indicators(labId: number): Promise<IndicatorListDto> {
    return { items: await this.repo.indicators(labId) };
  }

  private async indicator(id: number): Promise<IndicatorDto> {
    const i = await this.repo.findIndicator(id);
    return (await this.indicators(i.labId)).items.find((x) => x.id === id)!;
  }

  async createIndicator(access: LabAccess, user: AuthUser, dto: CreateIndicatorDto): Promise<IndicatorDto> {
    const saved = await this.db.write((tx) =>
      this.repo.createIndicator(
        tx,
        { labId: access.labId, name: dto.name.trim(), unit: dto.unit.trim(), signalOf: dto.signalOf.trim() },
        { userId: user.id, labId: access.labId },
      ),
    );
    return this.indicator(saved.id);
  }

  async updateIndicator(access: LabAccess, user: AuthUser, id: number, dto: UpdateIndicatorDto): Promise<IndicatorDto> {
    const { version, ...changes } = dto;
    await this.db.write((tx) =>
      this.repo.updateIndicator(tx, id, version, defined(changes), { userId: user.id, labId: access.labId }),
    );
    return this.indicator(id);
  }

  // Observations

  /**
   * A page of the lab's observations as the caller may see them: stories only for their audience and, in words, only
   * with the teller's quote consent; who told a story only for the team. `only` chooses records (one observation, an
   * iteration's), filtered by the same rules and not counted.
   */
  async list(
    access: LabAccess,
    query: ObservationQueryDto,
    only: { ids?: number[]; iterationIds?: number[] } = {},
  ): Promise<ObservationListDto> {
    const viewer = viewerOf(access);
    if (query.cursor && query.offset)
      throw Errors.validation([{ field: 'cursor', message: 'cannot be combined with offset' }]);
    // Coordinators, partners and residents may read every audience: no condition, so counts stay within the index.
    const audiences = audiencesFor(viewer);
    const filter: ObservationFilter = {
      labId: access.labId,
      audiences: audiences.length < AUDIENCES.length ? audiences : null,
      ids: only.ids,
      iterationIds: only.iterationIds,
      experimentId: query.experimentId,
      kind: query.kind,
      iterationId: query.iterationId,
      indicatorId: query.indicatorId,
      dimension: query.dimension,
      from: query.from,
      to: query.to,
      q: query.q,
    };
    const chosen = !!(only.ids || only.iterationIds);
    const filters = JSON.stringify({ ...query, limit: undefined, offset: undefined, cursor: undefined });
    // A page of chosen records needs no count; a lab's count is kept until its data changes.
    const total = chosen
      ? null
      : await this.cache.get(access, `observations-count:${viewer}:${filters}`, () => this.repo.count(filter));
    // A late page by offset starts from the nearest kept anchor instead of skipping every row before it.
    const start: PageStart =
      query.cursor || chosen
        ? { cursor: query.cursor ?? null, skip: query.offset ?? 0 }
        : await this.anchored(access, `${viewer}:${filters}`, filter, query.offset ?? 0);
    const limit = query.limit ?? 50;
    // First the page's ids (one row more tells whether there is a next page), then only those rows in full.
    // Chosen records (one observation, an iteration's) are filtered by the same conditions and not paged further.
    const page =
      only.ids && only.ids.length <= limit && !query.cursor && !query.offset
        ? await this.repo.ids(filter)
        : await this.repo.pageIds(filter, start, limit + 1);
    const more = page.length > limit;
    const rows = await this.repo.rows(page.slice(0, limit));
    const personal = seesPersonalData(viewer);
    const last = rows[rows.length - 1];
    return {
      total: total ?? rows.length,
      nextCursor: more && last ? cursorOf(last) : null,
      items: rows.map((r) => present(r, personal)),
    };
  }

  /**
   * Where a page `offset` rows in starts: after the row just before the nearest lower multiple of 1,000, kept per
   * data version of the lab and per viewer and filters (`key`), so a late page skips at most 999 rows.
   */
  private async anchored(
    access: LabAccess,
    key: string,
    filter: ObservationFilter,
    offset: number,
  ): Promise<PageStart> {
    const at = Math.floor(offset / ANCHOR_EVERY) * ANCHOR_EVERY;
    if (!at || !this.cache.enabled) return { cursor: null, skip: offset };
    const anchor = await this.cache.get(access, `observations-anchor:${key}:${at}`, () =>
      this.repo.cursorAt(filter, at - 1),
    );
    return anchor ? { cursor: anchor, skip: offset - at } : { cursor: null, skip: offset };
  }

  async get(access: LabAccess, id: number): Promise<ObservationDto> {
    const [found] = (await this.list(access, {}, { ids: [id] })).items;
    // A story outside the caller's audience is, for them, not there.
    if (!found) throw Errors.notFound('observation', id);
    return found;
  }

  /**
   * Checks everything an observation points at belongs to the lab, and the rules of its kind. Quote consent is asked
   * of the participant a story is being attributed to (`attributing`): an edit that leaves the attribution as it was
   * (a story withheld since its teller withdrew consent, whose date or hypotheses are corrected) is not refused.
   */
  async validate(
    tx: Tx,
    lab: { id: number; valueDimensions: string[] },
    o: Partial<Observation>,
    attributing = true,
  ): Promise<void> {
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
    const found = await this.repo.references(tx, lab.id, {
      indicatorId: o.indicatorId ?? null,
      iterationId: o.iterationId ?? null,
      participantId: o.participantId ?? null,
      hypothesisIds,
    });
    if (o.indicatorId && !found.indicator)
      errors.push({ field: 'indicatorId', message: 'is not an indicator of this lab' });
    if (o.iterationId && !found.iteration)
      errors.push({ field: 'iterationId', message: 'is not an iteration of this lab' });
    if (o.participantId) {
      if (!found.participant) errors.push({ field: 'participantId', message: 'is not a participant of this lab' });
      else if (attributing && !found.quotable)
        errors.push({ field: 'participantId', message: 'has not given consent to be quoted' });
    }
    const unknownDimensions = (o.dimensions ?? []).filter((d) => !lab.valueDimensions.includes(d));
    if (unknownDimensions.length)
      errors.push({
        field: 'dimensions',
        message: `not value dimensions of this lab: ${unknownDimensions.join(', ')}`,
      });
    if (hypothesisIds.length && found.hypotheses !== hypothesisIds.length)
      errors.push({ field: 'hypothesisIds', message: 'are not all hypotheses of this lab' });
    if (errors.length) throw Errors.validation(errors);
  }

  normalise(dto: CreateObservationDto, labId: number, userId: number): NewObservation {
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
    const id = await this.db.write((tx) => this.createIn(tx, access.labId, user.id, dto));
    return this.get(access, id);
  }

  /** Creates an observation inside the caller's write (a dialogue's closing), checked and recorded as `create` does. */
  async createIn(tx: Tx, labId: number, userId: number, dto: CreateObservationDto): Promise<number> {
    const valueDimensions = await this.repo.labDimensions(tx, labId);
    const values = this.normalise(dto, labId, userId);
    await this.validate(tx, { id: labId, valueDimensions }, values);
    const id = await this.repo.insert(tx, values);
    await this.history.record(tx, {
      entityType: 'observation',
      entityId: id,
      labId,
      userId,
      before: null,
      after: { ...values, id },
    });
    return id;
  }

  async update(access: LabAccess, user: AuthUser, id: number, dto: UpdateObservationDto): Promise<ObservationDto> {
    const { version, ...changes } = dto;
    await this.db.write(async (tx) => {
      const valueDimensions = await this.repo.labDimensions(tx, access.labId);
      const current = await this.repo.findIn(tx, id);
      const attributing = changes.participantId !== undefined && changes.participantId !== current.participantId;
      await this.validate(
        tx,
        { id: access.labId, valueDimensions },
        { ...current, ...defined(changes) } as Partial<Observation>,
        attributing,
      );
      await this.repo.update(tx, id, version, defined(changes) as Partial<Observation>, {
        userId: user.id,
        labId: access.labId,
      });
    });
    return this.get(access, id);
  }

  async remove(access: LabAccess, user: AuthUser, id: number): Promise<void> {
    await this.db.write((tx) => this.repo.remove(tx, id, { userId: user.id, labId: access.labId }));
  }

  /**
   * Imported observations as one multi-row insert through a bulk write's `exec` (Db.bulk), run when the returned
   * function is called: the caller checked each row as `validate` would, against the lab it read once.
   */
  importBatch(exec: (sql: string, params: unknown[]) => Promise<void>, batch: NewObservation[]): () => Promise<void> {
    return this.repo.importBatch(exec, batch);
  }

  // A participant's stories (their personal data)

  /** The stories a participant told, withheld or not: for their own personal-data export. */
  storiesTold(participantId: number): Promise<ToldStoryRow[]> {
    return this.repo.storiesTold(participantId);
  }

  /** What the history still holds of observations attributed to the participant, deleted ones too. */
  historyMentioning(labId: number, participantId: number): Promise<MentioningEntry[]> {
    return this.repo.historyMentioning(labId, participantId);
  }

  /**
   * A participant was erased: their stories are their words, so they are removed (not kept as husks), and the history
   * of those stories and of whatever was attributed to them earlier keeps its events but loses its values. In the
   * erasure's own transaction.
   */
  @OnDomainEvent('participant.erased')
  async forgetParticipant({ tx, labId, participantId }: DomainEvents['participant.erased']): Promise<void> {
    const storyIds = await this.repo.storyIdsOf(tx, participantId);
    if (storyIds.length) await this.repo.removeStories(tx, storyIds);
    await this.history.forgetValues(tx, 'observation', storyIds);
    // Also the entries of what was attributed to them earlier and since deleted or given to someone else.
    const entryIds = (await this.repo.historyMentioning(labId, participantId, tx)).map((h) => h.id);
    await this.history.forgetEntries(tx, entryIds);
  }
}
