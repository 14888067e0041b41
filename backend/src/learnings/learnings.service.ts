import { Injectable } from '@nestjs/common';
import { Errors, FieldError } from '../common/domain-error';
import { DomainEvents, OnDomainEvent } from '../common/events';
import { LabCache } from '../common/lab-cache';
import { defined } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db, Tx } from '../database/db';
import { audiencesFor, Viewer, viewerOf } from '../observations/visibility';
import {
  CreateLearningDto,
  EvidenceItemDto,
  EvidenceRefDto,
  LabRefDto,
  LearningDto,
  LearningListDto,
  RoundLearningListDto,
  LearningSummaryDto,
  LibraryDto,
  LibraryQueryDto,
  MaturitySuggestionDto,
  ThemeOverviewDto,
  UpdateLearningDto,
} from './dto/learning.dto';
import { EvidenceKind, Learning, LearningType, Maturity } from './learning.entity';
import { LearningsRepository } from './learnings.repository';
import { searchTerms } from './search';
import { SearchIndex } from './search-index';

/** A story's audience: the widest circle it may reach (the observations feature's word). */
type Audience = ReturnType<typeof audiencesFor>[number];

const ARTICLE: Record<EvidenceKind, string> = {
  iteration: 'an iteration',
  observation: 'an observation',
  hypothesis: 'a hypothesis',
  round: 'a round',
};

/**
 * Suggests how mature a learning is from its evidence: one iteration is an anecdote, several recur, several labs
 * substantiate.
 */
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
    private readonly cache: LabCache,
    private readonly repository: LearningsRepository,
    private readonly searchIndex: SearchIndex,
  ) {}

  /** Everything a set of evidence links points at, with whether each may be shown to the public. */
  private async resolveEvidence(
    links: { learningId?: number; kind: EvidenceKind; refId: number }[],
  ): Promise<Map<string, EvidenceRow & { lab: LabRefDto }>> {
    const out = new Map<string, EvidenceRow & { lab: LabRefDto }>();
    const ids = (kind: EvidenceKind) => [...new Set(links.filter((l) => l.kind === kind).map((l) => l.refId))];
    const { iterations, observations, hypotheses, rounds } = await this.repository.evidence({
      iteration: ids('iteration'),
      observation: ids('observation'),
      hypothesis: ids('hypothesis'),
      round: ids('round'),
    });
    const put = (
      kind: EvidenceKind,
      r: { id: number; lab: LabRefDto; labPublic: boolean },
      row: Omit<EvidenceRow, 'kind' | 'id' | 'labId' | 'labPublic' | 'audience' | 'quotable'> & {
        audience?: Audience | null;
        quotable?: boolean;
      },
    ) =>
      out.set(`${kind}:${r.id}`, {
        kind,
        id: r.id,
        labId: r.lab.id,
        labPublic: r.labPublic,
        lab: r.lab,
        ...row,
        audience: row.audience ?? null,
        quotable: row.quotable ?? true,
        public: r.labPublic && row.public,
      });
    for (const r of iterations)
      put('iteration', r, {
        iterationId: r.id,
        public: true,
        title: `${r.experimentTitle} #${r.number}`,
        detail: r.reflect,
        date: r.startsOn,
        iterationNumber: r.number,
      });
    for (const r of observations) {
      const story = r.kind === 'story';
      put('observation', r, {
        iterationId: r.iterationId,
        // A story reaches the public only with audience "public" and the quote consent of whoever told it.
        public: !story || (r.audience === 'public' && r.quotable),
        title: story ? `${r.perspective ?? ''}`.trim() || 'story' : `${r.indicator}: ${r.value} ${r.unit ?? ''}`.trim(),
        detail: story ? (r.quotable ? r.storyText : null) : r.contextNote,
        date: r.observedOn,
        iterationNumber: r.iterationNumber,
        audience: story ? (r.audience as Audience) : null,
        quotable: !story || r.quotable,
      });
    }
    for (const r of hypotheses)
      put('hypothesis', r, {
        iterationId: null,
        public: true,
        title: `Als we ${r.ifWe}, dan ${r.then}, omdat ${r.because}.`,
        detail: r.status,
        date: null,
        iterationNumber: null,
      });
    for (const r of rounds)
      put('round', r, {
        iterationId: null,
        public: r.status === 'closed',
        title: r.title,
        detail: `${r.contributions}`,
        date: r.periodEnd,
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
    for (const { labId, visibility, role } of await this.repository.labAccess(user?.id ?? -1, ids)) {
      const access = { labId, visibility, role, isAdmin: !!user?.isAdmin, stamp: '' };
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
    for (const { learningId, lab } of await this.repository.labsOfLearnings(learningIds, publicOnly)) {
      if (readable && !readable.has(lab.id)) continue;
      map.set(learningId, [...(map.get(learningId) ?? []), lab]);
    }
    return map;
  }

  private summary(l: Learning, labs: LabRefDto[]): LearningSummaryDto {
    return {
      id: l.id,
      title: l.title,
      snippet: l.body.length > 240 ? `${l.body.slice(0, 237)}…` : l.body,
      type: l.type,
      themes: l.themes,
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
    return this.repository.isCoordinator(learning.labId, user.id);
  }

  private async canSeeDraft(user: AuthUser | null, learning: Learning): Promise<boolean> {
    if (!user) return false;
    if (user.isAdmin) return true;
    return this.repository.isInTeam(learning.labId, user.id);
  }

  async get(user: AuthUser | null, id: number): Promise<LearningDto> {
    const learning = await this.repository.find(id);
    const team = learning ? await this.canSeeDraft(user, learning) : false;
    // A draft is, for anyone outside the lab's team, not there.
    if (!learning || (learning.status !== 'published' && !team)) throw Errors.notFound('learning', id);
    const links = await this.repository.evidenceLinks(id);
    const resolved = await this.resolveEvidence(links);
    const all = links
      .map((l) => resolved.get(`${l.kind}:${l.refId}`))
      .filter((e): e is EvidenceRow & { lab: LabRefDto } => !!e);
    const others = await this.repository.findMany(await this.repository.contradictionsOf(id), true);
    // Every record shown here is filtered for this viewer, lab by lab: being in this learning's team says nothing
    // about another lab.
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

  /** The lab's learnings made from a round: the published ones, and drafts too for its coordinators and partners. */
  async ofRound(access: LabAccess, roundId: number): Promise<RoundLearningListDto> {
    const team = access.isAdmin || access.role === 'coordinator' || access.role === 'partner';
    return { items: await this.repository.ofRound(access.labId, roundId, !team) };
  }

  async listForLab(access: LabAccess, user: AuthUser | null): Promise<LearningListDto> {
    const team = access.isAdmin || access.role === 'coordinator' || access.role === 'partner';
    const rows = await this.repository.ofLab(access.labId, !team);
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
    const mine = new Set(await this.repository.teamLabIds(user.id));
    const seen = new Set<string>();
    for (const [i, ref] of refs.entries()) {
      const key = `${ref.kind}:${ref.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const kind = ref.kind as EvidenceKind;
      const labId = await this.repository.labOfEvidence(kind, ref.id);
      // One answer for "not there" and "not yours": the error must not tell whether a record exists elsewhere.
      if (labId === null || (!user.isAdmin && !mine.has(labId)))
        errors.push({
          field: `evidence.${i}`,
          message: `is not ${ARTICLE[kind]} in a lab where you keep the logbook`,
        });
      else out.push({ kind, refId: ref.id, labId });
    }
    if (errors.length) throw Errors.validation(errors);
    return out;
  }

  /**
   * Each learning named as contradicting must be one the author can see; one answer for "not there" and "not yours".
   */
  private async checkContradicts(user: AuthUser, contradicts: number[] | undefined, self?: number): Promise<void> {
    if (!contradicts?.length) return;
    const found = await this.repository.findMany([...new Set(contradicts.filter((c) => c !== self))]);
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
    tx: Tx,
    learningId: number,
    evidence: { kind: EvidenceKind; refId: number; labId: number }[] | undefined,
    contradicts: number[] | undefined,
  ): Promise<void> {
    if (evidence) await this.repository.replaceEvidence(tx, learningId, evidence);
    if (contradicts)
      await this.repository.replaceContradictions(tx, learningId, [
        ...new Set(contradicts.filter((c) => c !== learningId)),
      ]);
  }

  async create(access: LabAccess, user: AuthUser, dto: CreateLearningDto): Promise<LearningDto> {
    const evidence = await this.checkEvidence(user, dto.evidence);
    await this.checkContradicts(user, dto.contradicts);
    const maturity = suggestMaturity(
      evidence.map((e) => ({ labId: e.labId, iterationId: e.kind === 'iteration' ? e.refId : null })),
    ).maturity as Maturity;
    const saved = await this.db.write(async (tx) => {
      const learning = await this.repository.create(
        tx,
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
      await this.setLinks(tx, learning.id, evidence, dto.contradicts);
      return learning;
    });
    return this.get(user, saved.id);
  }

  /**
   * A draft learning written inside the caller's write (a dialogue's closing), with evidence in its own lab that the
   * caller has just written or checked; recorded in the history as `create` does. Returns its id.
   */
  async createDraftIn(
    tx: Tx,
    actor: { labId: number; userId: number },
    draft: { title: string; body: string; type: LearningType; evidence: { kind: EvidenceKind; refId: number }[] },
  ): Promise<number> {
    const evidence = draft.evidence.map((e) => ({ ...e, labId: actor.labId }));
    const maturity = suggestMaturity(
      evidence.map((e) => ({ labId: e.labId, iterationId: e.kind === 'iteration' ? e.refId : null })),
    ).maturity as Maturity;
    const learning = await this.repository.create(
      tx,
      {
        labId: actor.labId,
        title: draft.title,
        body: draft.body,
        type: draft.type,
        themes: [],
        maturity,
        transferConditions: null,
        status: 'draft',
        publishedAt: null,
        createdBy: actor.userId,
      },
      actor,
    );
    await this.setLinks(tx, learning.id, evidence, undefined);
    return learning.id;
  }

  /** The titles of the lab's learnings of one type (a closing table does not write one twice). */
  titlesOfType(labId: number, type: LearningType): Promise<string[]> {
    return this.repository.titlesOfType(labId, type);
  }

  /** The learning, if this user may change it: otherwise forbidden (they see it) or not found (they do not). */
  private async editable(user: AuthUser, id: number, forbidden: string): Promise<Learning> {
    const learning = await this.repository.find(id);
    if (!learning || !(await this.canEdit(user, learning)))
      throw learning && (await this.canSeeDraft(user, learning))
        ? Errors.forbidden(forbidden)
        : Errors.notFound('learning', id);
    return learning;
  }

  async update(user: AuthUser, id: number, dto: UpdateLearningDto): Promise<LearningDto> {
    const learning = await this.editable(user, id, 'Only a coordinator of the lab edits its learnings.');
    const { version, evidence, contradicts, ...changes } = dto;
    const checked = evidence ? await this.checkEvidence(user, evidence) : undefined;
    await this.checkContradicts(user, contradicts, id);
    await this.db.write(async (tx) => {
      await this.repository.update(tx, id, version, defined(changes) as Partial<Learning>, {
        userId: user.id,
        labId: learning.labId,
      });
      await this.setLinks(tx, id, checked, contradicts);
      await this.reindex(tx, id);
    });
    return this.get(user, id);
  }

  async setPublished(user: AuthUser, id: number, version: number, published: boolean): Promise<LearningDto> {
    const learning = await this.editable(user, id, 'Only a coordinator of the lab publishes its learnings.');
    await this.db.write(async (tx) => {
      await this.repository.update(
        tx,
        id,
        version,
        { status: published ? 'published' : 'draft', publishedAt: published ? new Date() : null },
        { userId: user.id, labId: learning.labId },
      );
      await this.reindex(tx, id);
    });
    return this.get(user, id);
  }

  reindex(tx: Tx, id: number): Promise<void> {
    return this.searchIndex.index(tx, id);
  }

  /**
   * The library finds learnings by the places of public labs: when a lab's name, place or visibility changes, its
   * learnings and those resting on its evidence are indexed again, in the lab's write.
   */
  @OnDomainEvent('lab.changed')
  async onLabChanged({ tx, labId }: DomainEvents['lab.changed']): Promise<void> {
    for (const id of await this.repository.idsOfLab(tx, labId)) await this.reindex(tx, id);
  }

  /**
   * Kept per query until a learning, its evidence or what the library shows of a lab changes (data_versions
   * 'library').
   */
  async library(query: LibraryQueryDto): Promise<LibraryDto> {
    const version = await this.repository.libraryVersion();
    return this.cache.get({ labId: 'library', stamp: version }, JSON.stringify(query), () => this.search(query));
  }

  private async search(query: LibraryQueryDto): Promise<LibraryDto> {
    const terms = searchTerms(query.q);
    const sort = query.sort ?? (terms.length ? 'relevance' : 'date');
    const { total, ids } = await this.repository.search({
      terms,
      theme: query.theme,
      type: query.type,
      maturity: query.maturity,
      municipality: query.municipality,
      lab: query.lab,
      byRelevance: sort === 'relevance' && terms.length > 0,
      limit: query.limit ?? 20,
      offset: query.offset ?? 0,
    });
    const rows = await this.repository.findMany(ids);
    const labs = await this.learningLabs(ids, true);
    return {
      total,
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
}
