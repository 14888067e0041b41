import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Errors, FieldError } from '../common/domain-error';
import { defined, Records } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { LabCache } from '../common/lab-cache';
import { Db } from '../database/db';
import { Lab } from '../labs/lab.entity';
import { QUOTABLE_SQL } from '../participants/consent';
import type { Audience } from '../observations/observation.entity';
import { audiencesFor, Viewer, viewerOf } from '../observations/visibility';
import type { LabRole, Visibility } from '../common/vocabulary';
import {
  CreateLearningDto,
  EvidenceItemDto,
  EvidenceRefDto,
  LabRefDto,
  LearningDto,
  LearningListDto,
  LearningSummaryDto,
  LibraryDto,
  LibraryQueryDto,
  MaturitySuggestionDto,
  ThemeOverviewDto,
  UpdateLearningDto,
} from './dto/learning.dto';
import {
  EvidenceKind,
  Learning,
  LearningContradiction,
  LearningEvidence,
  LearningType,
  Maturity,
} from './learning.entity';
import { fts5Query, postgresQuery, searchTerms } from './search';
import { indexLearning } from './search-index';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const ARTICLE: Record<EvidenceKind, string> = {
  iteration: 'an iteration',
  observation: 'an observation',
  hypothesis: 'a hypothesis',
  round: 'a round',
};
const TABLE: Record<EvidenceKind, string> = {
  iteration: 'iterations',
  observation: 'observations',
  hypothesis: 'hypotheses',
  round: 'evaluation_rounds',
};

/** Suggests how mature a learning is from its evidence: one iteration is an anecdote, several recur, several labs substantiate. */
export function suggestMaturity(evidence: { labId: number; iterationId: number | null }[]): MaturitySuggestionDto {
  const labs = new Set(evidence.map((e) => e.labId)).size;
  const iterations = new Set(evidence.map((e) => e.iterationId).filter((i): i is number => i !== null)).size;
  return { maturity: labs >= 2 ? 'confirmed' : iterations >= 2 ? 'recurring' : 'emerging', iterations, labs };
}

interface EvidenceRow {
  kind: EvidenceKind;
  id: number;
  labId: number;
  labPublic: boolean;
  iterationId: number | null;
  public: boolean;
  title: string;
  detail: string | null;
  date: string | null;
  iterationNumber: number | null;
  /** A story's audience; null for everything else. */
  audience: Audience | null;
  /** A story whose teller consented to quoting (or has no teller); true for everything else. */
  quotable: boolean;
}

@Injectable()
export class LearningsService {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
    private readonly cache: LabCache,
  ) {}

  private labRef(r: Record<string, unknown>, prefix = 'lab_'): LabRefDto {
    return {
      id: Number(r[`${prefix}id`]),
      name: r[`${prefix}name`] as string,
      municipality: r[`${prefix}municipality`] as string,
      neighbourhood: (r[`${prefix}neighbourhood`] as string) ?? null,
    };
  }

  /** Everything a set of evidence links points at, with whether each may be shown to the public. */
  private async resolveEvidence(
    links: { learningId?: number; kind: EvidenceKind; refId: number }[],
  ): Promise<Map<string, EvidenceRow & { lab: LabRefDto }>> {
    const out = new Map<string, EvidenceRow & { lab: LabRefDto }>();
    const ids = (kind: EvidenceKind) => [...new Set(links.filter((l) => l.kind === kind).map((l) => l.refId))];
    const inList = (list: number[]) => (list.length ? list.map((n) => Number(n)).join(',') : '0');
    const labCols =
      'l.id AS lab_id, l.name AS lab_name, l.municipality AS lab_municipality, l.neighbourhood AS lab_neighbourhood, l.visibility AS lab_visibility';
    const [iterations, observations, hypotheses, rounds] = await Promise.all([
      this.db.query(
        `SELECT i.id, i.number, i.starts_on, i.reflect, i.decision, e.title, ${labCols} FROM iterations i JOIN experiments e ON e.id = i.experiment_id JOIN labs l ON l.id = i.lab_id WHERE i.id IN (${inList(ids('iteration'))})`,
      ),
      this.db.query(
        `SELECT o.id, o.kind, o.iteration_id, o.observed_on, o.value, o.context_note, o.story_text, o.perspective, o.audience, ind.name AS indicator, ind.unit, it.number,
                CASE WHEN ${QUOTABLE_SQL} THEN 1 ELSE 0 END AS quotable, ${labCols}
         FROM observations o JOIN labs l ON l.id = o.lab_id LEFT JOIN indicators ind ON ind.id = o.indicator_id LEFT JOIN participants p ON p.id = o.participant_id LEFT JOIN iterations it ON it.id = o.iteration_id
         WHERE o.id IN (${inList(ids('observation'))})`,
      ),
      this.db.query(
        `SELECT h.id, h.if_we, h."then" AS then_part, h.because, h.status, ${labCols} FROM hypotheses h JOIN labs l ON l.id = h.lab_id WHERE h.id IN (${inList(ids('hypothesis'))})`,
      ),
      this.db.query(
        `SELECT r.id, r.title, r.status, r.period_end, (SELECT COUNT(*) FROM contributions c WHERE c.round_id = r.id) AS n, ${labCols} FROM evaluation_rounds r JOIN labs l ON l.id = r.lab_id WHERE r.id IN (${inList(ids('round'))})`,
      ),
    ]);
    const put = (
      kind: EvidenceKind,
      r: Record<string, unknown>,
      row: Omit<EvidenceRow, 'kind' | 'id' | 'labId' | 'labPublic' | 'audience' | 'quotable'> & {
        audience?: Audience | null;
        quotable?: boolean;
      },
    ) =>
      out.set(`${kind}:${r['id']}`, {
        kind,
        id: Number(r['id']),
        labId: Number(r['lab_id']),
        labPublic: r['lab_visibility'] === 'public',
        lab: this.labRef(r),
        ...row,
        audience: row.audience ?? null,
        quotable: row.quotable ?? true,
        public: r['lab_visibility'] === 'public' && row.public,
      });
    for (const r of iterations)
      put('iteration', r, {
        iterationId: Number(r['id']),
        public: true,
        title: `${r['title']} #${r['number']}`,
        detail: (r['reflect'] as string) ?? null,
        date: r['starts_on'] as string,
        iterationNumber: Number(r['number']),
      });
    for (const r of observations) {
      const story = r['kind'] === 'story';
      const quotable = Number(r['quotable']) === 1;
      put('observation', r, {
        iterationId: r['iteration_id'] === null ? null : Number(r['iteration_id']),
        // A story reaches the public only with audience "public" and the quote consent of whoever told it.
        public: !story || (r['audience'] === 'public' && quotable),
        title: story
          ? `${r['perspective'] ?? ''}`.trim() || 'story'
          : `${r['indicator']}: ${r['value']} ${r['unit'] ?? ''}`.trim(),
        detail: story ? (quotable ? (r['story_text'] as string) : null) : ((r['context_note'] as string) ?? null),
        date: r['observed_on'] as string,
        iterationNumber: r['number'] === null ? null : Number(r['number']),
        audience: story ? (r['audience'] as Audience) : null,
        quotable: !story || quotable,
      });
    }
    for (const r of hypotheses)
      put('hypothesis', r, {
        iterationId: null,
        public: true,
        title: `Als we ${r['if_we']}, dan ${r['then_part']}, omdat ${r['because']}.`,
        detail: r['status'] as string,
        date: null,
        iterationNumber: null,
      });
    for (const r of rounds)
      put('round', r, {
        iterationId: null,
        public: r['status'] === 'closed',
        title: r['title'] as string,
        detail: `${r['n']}`,
        date: r['period_end'] as string,
        iterationNumber: null,
      });
    return out;
  }

  /**
   * What this viewer may read of some labs: 'team' (coordinator, partner, admin), 'member' (resident),
   * 'observer', 'public' (a public lab they are not in), or absent (they may not see the lab at all).
   */
  private async viewerOfLabs(user: AuthUser | null, labIds: number[]): Promise<Map<number, Viewer>> {
    const out = new Map<number, Viewer>();
    const ids = [...new Set(labIds.map(Number))];
    if (!ids.length) return out;
    const rows = await this.db.query(
      `SELECT l.id, l.visibility, m.role FROM labs l LEFT JOIN lab_members m ON m.lab_id = l.id AND m.user_id = $1 WHERE l.id IN (${ids.join(',')})`,
      [user?.id ?? -1],
    );
    for (const r of rows) {
      const role = (r['role'] as LabRole | null) ?? null;
      const visibility = r['visibility'] as Visibility;
      const access = { labId: Number(r['id']), visibility, role, isAdmin: !!user?.isAdmin, stamp: '' };
      const canRead =
        access.isAdmin ||
        visibility === 'public' ||
        (visibility === 'members' && role !== null) ||
        (visibility === 'private' && (role === 'coordinator' || role === 'partner'));
      if (canRead) out.set(access.labId, viewerOf(access));
    }
    return out;
  }

  /** Whether this viewer could read the record behind a piece of evidence directly. */
  private readable(e: EvidenceRow, viewer: Viewer | undefined): boolean {
    if (e.public) return true;
    if (!viewer) return false;
    if (viewer === 'team') return true;
    if (e.kind === 'round') return true;
    // Outside the team a story shows only for its audience and with its teller's consent, as in the lab's own list.
    if (e.kind === 'observation')
      return e.audience === null || (e.quotable && audiencesFor(viewer).includes(e.audience));
    return true;
  }

  private async learningLabs(
    learningIds: number[],
    publicOnly: boolean,
    readable?: Set<number>,
  ): Promise<Map<number, LabRefDto[]>> {
    const map = new Map<number, LabRefDto[]>();
    if (!learningIds.length) return map;
    const list = learningIds.map(Number).join(',');
    const rows = await this.db.query(
      `SELECT DISTINCT x.learning_id, l.id AS lab_id, l.name AS lab_name, l.municipality AS lab_municipality, l.neighbourhood AS lab_neighbourhood
       FROM (SELECT id AS learning_id, lab_id FROM learnings WHERE id IN (${list}) UNION SELECT learning_id, lab_id FROM learning_evidence WHERE learning_id IN (${list})) x
       JOIN labs l ON l.id = x.lab_id ${publicOnly ? "WHERE l.visibility = 'public'" : ''} ORDER BY l.name, l.id`,
    );
    for (const r of rows) {
      if (readable && !readable.has(Number(r['lab_id']))) continue;
      map.set(Number(r['learning_id']), [...(map.get(Number(r['learning_id'])) ?? []), this.labRef(r)]);
    }
    return map;
  }

  private summary(l: Learning, labs: LabRefDto[]): LearningSummaryDto {
    return {
      id: l.id,
      title: l.title,
      snippet: l.body.length > 240 ? `${l.body.slice(0, 237)}…` : l.body,
      type: l.type,
      themes: json<string[]>(l.themes),
      maturity: l.maturity,
      status: l.status,
      publishedAt: l.publishedAt ? new Date(l.publishedAt).toISOString() : null,
      labs,
    };
  }

  /** May this caller edit the learning: a coordinator of its lab (or an admin). */
  private async canEdit(user: AuthUser | null, learning: Learning): Promise<boolean> {
    if (!user) return false;
    if (user.isAdmin) return true;
    const [row] = await this.db.query(
      "SELECT 1 AS ok FROM lab_members WHERE lab_id = $1 AND user_id = $2 AND role = 'coordinator'",
      [learning.labId, user.id],
    );
    return !!row;
  }

  private async canSeeDraft(user: AuthUser | null, learning: Learning): Promise<boolean> {
    if (!user) return false;
    if (user.isAdmin) return true;
    const [row] = await this.db.query(
      "SELECT 1 AS ok FROM lab_members WHERE lab_id = $1 AND user_id = $2 AND role IN ('coordinator', 'partner')",
      [learning.labId, user.id],
    );
    return !!row;
  }

  async get(user: AuthUser | null, id: number): Promise<LearningDto> {
    const learning = await this.db.manager.findOneBy(Learning, { id });
    const team = learning ? await this.canSeeDraft(user, learning) : false;
    // A draft is, for anyone outside the lab's team, not there.
    if (!learning || (learning.status !== 'published' && !team)) throw Errors.notFound('learning', id);
    const links = await this.db.manager.find(LearningEvidence, { where: { learningId: id } });
    const resolved = await this.resolveEvidence(links);
    const all = links
      .map((l) => resolved.get(`${l.kind}:${l.refId}`))
      .filter((e): e is EvidenceRow & { lab: LabRefDto } => !!e);
    const contradictionIds = (
      await this.db.query(
        'SELECT learning_id, other_id FROM learning_contradictions WHERE learning_id = $1 OR other_id = $1',
        [id],
      )
    ).map((r) => (Number(r['learning_id']) === id ? Number(r['other_id']) : Number(r['learning_id'])));
    const others = contradictionIds.length
      ? await this.db.manager.find(Learning, { where: { id: In(contradictionIds) }, order: { id: 'ASC' } })
      : [];
    // Every record shown here is filtered for this viewer, lab by lab: being in this learning's team says nothing about another lab.
    const viewers = await this.viewerOfLabs(user, [
      learning.labId,
      ...all.map((e) => e.labId),
      ...others.map((o) => o.labId),
    ]);
    const readableLabs = new Set(viewers.keys());
    const shown = all.filter((e) => this.readable(e, viewers.get(e.labId)));
    const visibleOthers = others.filter((o) => o.status === 'published' || viewers.get(o.labId) === 'team');
    const labs = await this.learningLabs([id, ...visibleOthers.map((o) => o.id)], false, readableLabs);
    return {
      ...this.summary(learning, labs.get(id) ?? []),
      body: learning.body,
      labId: learning.labId,
      transferConditions: learning.transferConditions,
      version: learning.version,
      canEdit: await this.canEdit(user, learning),
      evidence: shown.map<EvidenceItemDto>((e) => ({
        kind: e.kind,
        id: e.id,
        lab: e.lab,
        title: e.title,
        detail: e.detail,
        date: e.date,
        iterationNumber: e.iterationNumber,
      })),
      // The suggestion counts only what this viewer may see, so it cannot tell of evidence they may not read.
      suggested: suggestMaturity(shown.map((e) => ({ labId: e.labId, iterationId: e.iterationId }))),
      contradictions: visibleOthers.map((o) => this.summary(o, labs.get(o.id) ?? [])),
    };
  }

  async listForLab(access: LabAccess, user: AuthUser | null): Promise<LearningListDto> {
    const team = access.isAdmin || access.role === 'coordinator' || access.role === 'partner';
    const rows = await this.db.manager.find(Learning, {
      where: { labId: access.labId, ...(team ? {} : { status: 'published' as const }) },
      order: { id: 'DESC' },
    });
    const labIds = (
      await this.learningLabs(
        rows.map((r) => r.id),
        false,
      )
    ).values();
    const viewers = await this.viewerOfLabs(
      user,
      [...labIds].flat().map((l) => l.id),
    );
    const labs = await this.learningLabs(
      rows.map((r) => r.id),
      false,
      new Set(viewers.keys()),
    );
    return { items: rows.map((r) => this.summary(r, labs.get(r.id) ?? [])) };
  }

  /** Each piece of evidence must exist and sit in a lab where the author keeps the logbook. */
  private async checkEvidence(
    user: AuthUser,
    refs: EvidenceRefDto[],
  ): Promise<{ kind: EvidenceKind; refId: number; labId: number }[]> {
    const errors: FieldError[] = [];
    const out: { kind: EvidenceKind; refId: number; labId: number }[] = [];
    const mine = new Set(
      (
        await this.db.query(
          "SELECT lab_id FROM lab_members WHERE user_id = $1 AND role IN ('coordinator', 'partner')",
          [user.id],
        )
      ).map((r) => Number(r['lab_id'])),
    );
    const seen = new Set<string>();
    for (const [i, ref] of refs.entries()) {
      const key = `${ref.kind}:${ref.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const [row] = await this.db.query(`SELECT lab_id FROM ${TABLE[ref.kind as EvidenceKind]} WHERE id = $1`, [
        ref.id,
      ]);
      // One answer for "not there" and "not yours": the error must not tell whether a record exists elsewhere.
      if (!row || (!user.isAdmin && !mine.has(Number(row['lab_id']))))
        errors.push({
          field: `evidence.${i}`,
          message: `is not ${ARTICLE[ref.kind as EvidenceKind]} in a lab where you keep the logbook`,
        });
      else out.push({ kind: ref.kind as EvidenceKind, refId: ref.id, labId: Number(row['lab_id']) });
    }
    if (errors.length) throw Errors.validation(errors);
    return out;
  }

  /** Each learning named as contradicting must be one the author can see; one answer for "not there" and "not yours". */
  private async checkContradicts(user: AuthUser, contradicts: number[] | undefined, self?: number): Promise<void> {
    if (!contradicts?.length) return;
    const others = [...new Set(contradicts.filter((c) => c !== self))];
    const found = others.length ? await this.db.manager.find(Learning, { where: { id: In(others) } }) : [];
    const viewers = await this.viewerOfLabs(
      user,
      found.map((o) => o.labId),
    );
    const visible = new Set(
      found.filter((o) => o.status === 'published' || viewers.get(o.labId) === 'team').map((o) => o.id),
    );
    const errors = contradicts
      .map((c, i) =>
        c === self || visible.has(c) ? null : { field: `contradicts.${i}`, message: 'is not a learning you can see' },
      )
      .filter((e): e is FieldError => !!e);
    if (errors.length) throw Errors.validation(errors);
  }

  private async setLinks(
    m: EntityManager,
    learningId: number,
    evidence: { kind: EvidenceKind; refId: number; labId: number }[] | undefined,
    contradicts: number[] | undefined,
  ): Promise<void> {
    if (evidence) {
      await m.delete(LearningEvidence, { learningId });
      if (evidence.length)
        await m.insert(
          LearningEvidence,
          evidence.map((e) => ({ learningId, ...e })),
        );
    }
    if (contradicts) {
      await m
        .createQueryBuilder()
        .delete()
        .from(LearningContradiction)
        .where('learning_id = :id OR other_id = :id', { id: learningId })
        .execute();
      const others = [...new Set(contradicts.filter((c) => c !== learningId))];
      if (others.length) {
        await m.insert(
          LearningContradiction,
          others.map((o) => ({ learningId: Math.min(o, learningId), otherId: Math.max(o, learningId) })),
        );
      }
    }
  }

  async create(access: LabAccess, user: AuthUser, dto: CreateLearningDto): Promise<LearningDto> {
    const evidence = await this.checkEvidence(user, dto.evidence);
    await this.checkContradicts(user, dto.contradicts);
    const maturity = suggestMaturity(
      evidence.map((e) => ({ labId: e.labId, iterationId: e.kind === 'iteration' ? e.refId : null })),
    ).maturity as Maturity;
    const saved = await this.db.write(async (m) => {
      const learning = await this.records.create(
        m,
        Learning,
        'learning',
        {
          labId: access.labId,
          title: dto.title.trim(),
          body: dto.body.trim(),
          type: dto.type as LearningType,
          themes: dto.themes,
          maturity,
          transferConditions: dto.transferConditions?.trim() || null,
          status: 'draft',
          publishedAt: null,
          createdBy: user.id,
        },
        { userId: user.id, labId: access.labId },
      );
      await this.setLinks(m, learning.id, evidence, dto.contradicts);
      return learning;
    });
    return this.get(user, saved.id);
  }

  async update(user: AuthUser, id: number, dto: UpdateLearningDto): Promise<LearningDto> {
    const learning = await this.db.manager.findOneBy(Learning, { id });
    if (!learning || !(await this.canEdit(user, learning)))
      throw learning && (await this.canSeeDraft(user, learning))
        ? Errors.forbidden('Only a coordinator of the lab edits its learnings.')
        : Errors.notFound('learning', id);
    const { version, evidence, contradicts, ...changes } = dto;
    const checked = evidence ? await this.checkEvidence(user, evidence) : undefined;
    await this.checkContradicts(user, contradicts, id);
    await this.db.write(async (m) => {
      await this.records.update(m, Learning, 'learning', id, version, defined(changes) as Partial<Learning>, {
        userId: user.id,
        labId: learning.labId,
      });
      await this.setLinks(m, id, checked, contradicts);
      await this.reindex(m, id);
    });
    return this.get(user, id);
  }

  async setPublished(user: AuthUser, id: number, version: number, published: boolean): Promise<LearningDto> {
    const learning = await this.db.manager.findOneBy(Learning, { id });
    if (!learning || !(await this.canEdit(user, learning)))
      throw learning && (await this.canSeeDraft(user, learning))
        ? Errors.forbidden('Only a coordinator of the lab publishes its learnings.')
        : Errors.notFound('learning', id);
    await this.db.write(async (m) => {
      await this.records.update(
        m,
        Learning,
        'learning',
        id,
        version,
        { status: published ? 'published' : 'draft', publishedAt: published ? new Date() : null },
        { userId: user.id, labId: learning.labId },
      );
      await this.reindex(m, id);
    });
    return this.get(user, id);
  }

  reindex(m: EntityManager, id: number): Promise<void> {
    return indexLearning(m, id);
  }

  /** Kept per query until a learning, its evidence or what the library shows of a lab changes (data_versions 'library'). */
  async library(query: LibraryQueryDto): Promise<LibraryDto> {
    const [row] = await this.db.query<{ version: number }>(
      "SELECT CAST(version AS TEXT) AS version FROM data_versions WHERE name = 'library'",
    );
    return this.cache.get({ labId: 'library', stamp: String(row?.version ?? 0) }, JSON.stringify(query), () =>
      this.search(query),
    );
  }

  private async search(query: LibraryQueryDto): Promise<LibraryDto> {
    const terms = searchTerms(query.q);
    const where: string[] = ["l.status = 'published'"];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    let rank = '0';
    let from = 'learnings l';
    if (terms.length) {
      if (this.db.isPostgres) {
        const tsq = `websearch_to_tsquery('dutch', ${p(postgresQuery(terms))})`;
        where.push(`to_tsvector('dutch', coalesce(l.title, '') || ' ' || coalesce(l.body, '')) @@ ${tsq}`);
        rank = `ts_rank(to_tsvector('dutch', coalesce(l.title, '') || ' ' || coalesce(l.body, '')), ${tsq})`;
      } else {
        from = `learnings l JOIN learnings_fts f ON f.rowid = l.id AND learnings_fts MATCH ${p(fts5Query(terms))}`;
        rank = '-bm25(learnings_fts, 10.0, 1.0, 2.0)';
      }
    }
    if (query.theme) where.push(`CAST(l.themes AS TEXT) LIKE ${p(`%${JSON.stringify(query.theme)}%`)}`);
    if (query.type) where.push(`l.type = ${p(query.type)}`);
    if (query.maturity) where.push(`l.maturity = ${p(query.maturity)}`);
    const placeFilter = (cond: string) =>
      `EXISTS (SELECT 1 FROM labs pl WHERE pl.visibility = 'public' AND ${cond} AND (pl.id = l.lab_id OR pl.id IN (SELECT lab_id FROM learning_evidence WHERE learning_id = l.id)))`;
    if (query.municipality) where.push(placeFilter(`LOWER(pl.municipality) = ${p(query.municipality.toLowerCase())}`));
    if (query.lab) where.push(placeFilter(`pl.id = ${p(query.lab)}`));
    const sort = query.sort ?? (terms.length ? 'relevance' : 'date');
    const order = sort === 'relevance' && terms.length ? `${rank} DESC, l.id DESC` : 'l.published_at DESC, l.id DESC';
    const whereSql = where.join(' AND ');
    const [total] = await this.db.query(`SELECT COUNT(*) AS n FROM ${from} WHERE ${whereSql}`, params);
    const ids = (
      await this.db.query(
        `SELECT l.id FROM ${from} WHERE ${whereSql} ORDER BY ${order} LIMIT ${Number(query.limit ?? 20)} OFFSET ${Number(query.offset ?? 0)}`,
        params,
      )
    ).map((r) => Number(r['id']));
    const rows = ids.length ? await this.db.manager.find(Learning, { where: { id: In(ids) } }) : [];
    const labs = await this.learningLabs(ids, true);
    return {
      total: Number(total['n']),
      items: ids.map((id) => rows.find((r) => r.id === id)!).map((r) => this.summary(r, labs.get(r.id) ?? [])),
    };
  }

  async theme(theme: string): Promise<ThemeOverviewDto> {
    const { items } = await this.library({ theme, limit: 200, offset: 0, sort: 'date' });
    const of = (type: string) => items.filter((i) => i.type === type);
    const places = new Map<number, LabRefDto>();
    for (const i of items) for (const l of i.labs) places.set(l.id, l);
    return {
      theme,
      workingIngredients: of('working_ingredient'),
      pitfalls: of('pitfall'),
      openQuestions: of('open_question'),
      advice: of('advice'),
      places: [...places.values()].sort((a, b) => a.municipality.localeCompare(b.municipality)),
    };
  }

  /** Open data: the public learnings with their public labs. */
  async openLearnings(): Promise<LearningSummaryDto[]> {
    const all: LearningSummaryDto[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.library({ limit: 200, offset, sort: 'date' });
      all.push(...page.items);
      if (page.items.length < 200) return all;
    }
  }

  async labVisibility(labId: number): Promise<Lab | null> {
    return this.db.manager.findOneBy(Lab, { id: labId });
  }
}
