import { Injectable } from '@nestjs/common';
import { Errors } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import { Db } from '../database/db';
import type { AuthUser, LabAccess } from '../common/request-context';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { HighlightsService } from '../highlights/highlights.service';
import { IterationsService } from '../iterations/iterations.service';
import { LabsService } from '../labs/labs.service';
import { LearningsService } from '../learnings/learnings.service';
import { StoryService } from '../story/story.service';
import type {
  SnapshotDto,
  SnapshotListDto,
  SummaryCycleDto,
  SummaryDto,
  SummaryLearningDto,
  SummaryQuoteDto,
  SummaryRoundDto,
} from './dto/summary.dto';
import { SummariesRepository } from './summaries.repository';
import type { SummaryAudience } from './summary-snapshot.entity';

const QUOTES = 2;
const LEARNINGS = 3;
const LINE = 110;

/** The first sentence of a text, cut at a word to fit one line of the page. */
export function oneLine(text: string | null | undefined, max = LINE): string | null {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  const sentence = /^(.+?[.!?])(\s|$)/.exec(clean)?.[1] ?? clean;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

/**
 * "Samenvatting voor de raad": one page about a lab (or one closed round) for a council or committee. It is read as
 * its audience would read the lab — the municipality as the lab's observers do, the public as a visitor does — by
 * handing the other features an access of that audience, so only material allowed for it can appear.
 */
@Injectable()
export class SummariesService {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly repository: SummariesRepository,
    private readonly labs: LabsService,
    private readonly experiments: ExperimentsService,
    private readonly iterations: IterationsService,
    private readonly story: StoryService,
    private readonly highlights: HighlightsService,
    private readonly learnings: LearningsService,
    private readonly evaluations: EvaluationsService,
  ) {}

  /** What the audience may read of the lab: the municipality reads as an observer, the public as a visitor. */
  private asAudience(access: LabAccess, audience: SummaryAudience): LabAccess {
    if (audience === 'public' && access.visibility !== 'public')
      throw Errors.validation([
        { field: 'audience', message: 'is not possible for a lab that is not public', code: 'not_available' },
      ]);
    return { ...access, role: audience === 'municipality' ? 'observer' : null, isAdmin: false };
  }

  async summary(access: LabAccess, user: AuthUser, audience: SummaryAudience, roundId?: number): Promise<SummaryDto> {
    const seen = this.asAudience(access, audience);
    const [lab, experiments, iterations, charts, highlights, learnings] = await Promise.all([
      this.labs.get(seen),
      this.experiments.list(access.labId),
      this.iterations.listForLab(access.labId),
      this.story.computeCharts(access.labId),
      this.highlights.of(seen),
      this.learnings.listForLab(seen, null),
    ]);
    const titles = new Map(experiments.items.map((e) => [e.id, e.title]));
    const reach = new Map(charts.reach.map((r) => [r.iterationId, r]));
    const cycles: SummaryCycleDto[] = [...iterations.items]
      .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.number - b.number)
      .map((i) => ({
        experimentTitle: titles.get(i.experimentId) ?? '',
        number: i.number,
        startsOn: i.startsOn,
        line: oneLine(i.act) ?? oneLine(i.plan),
        decision: i.decision,
        attendees: reach.get(i.id)?.attendees ?? 0,
        newcomers: reach.get(i.id)?.newcomers ?? 0,
        groupsMet: reach.get(i.id)?.groupsMet ?? 0,
      }));
    const quotes: SummaryQuoteDto[] = [];
    for (const story of [...highlights.significant, ...highlights.recent]) {
      if (quotes.length >= QUOTES || quotes.some((q) => q.text === story.storyText)) continue;
      quotes.push({ text: story.storyText, perspective: story.perspective, observedOn: story.observedOn });
    }
    const asLearning = (l: (typeof learnings.items)[number]): SummaryLearningDto => ({
      title: l.title,
      type: l.type,
      maturity: l.maturity,
      snippet: oneLine(l.snippet, 90) ?? '',
    });
    const published = learnings.items.filter((l) => l.status === 'published');
    return {
      labId: lab.id,
      labName: lab.name,
      municipality: lab.municipality,
      neighbourhood: lab.neighbourhood,
      question: lab.question,
      aim: lab.aim,
      audience,
      generatedAt: new Date().toISOString(),
      cycles,
      reach: {
        attendances: cycles.reduce((sum, c) => sum + c.attendees, 0),
        newcomers: cycles.reduce((sum, c) => sum + c.newcomers, 0),
        mostGroupsMet: cycles.reduce((most, c) => Math.max(most, c.groupsMet), 0),
        cycles: cycles.length,
      },
      round: await this.round(access, seen, user, roundId),
      quotes,
      learnings: published
        .filter((l) => l.type !== 'advice')
        .slice(0, LEARNINGS)
        .map(asLearning),
      asks: published
        .filter((l) => l.type === 'advice')
        .slice(0, 3)
        .map(asLearning),
    };
  }

  /**
   * The appreciations side by side: the given closed round, else the lab's latest closed one. Only numbers per group
   * (no one's words), so the municipality and the public read the same figures.
   */
  private async round(
    access: LabAccess,
    seen: LabAccess,
    user: AuthUser,
    roundId?: number,
  ): Promise<SummaryRoundDto | null> {
    const rounds = (await this.evaluations.list(access, user)).items.filter((r) => r.status === 'closed');
    const round =
      roundId === undefined
        ? rounds.sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? '') || b.id - a.id)[0]
        : rounds.find((r) => r.id === roundId);
    if (roundId !== undefined && !round)
      throw Errors.validation([
        { field: 'roundId', message: 'is not a closed round of this lab', code: 'not_available' },
      ]);
    if (!round) return null;
    const results = JSON.parse(
      (await this.evaluations.results({ ...seen, role: 'observer' }, user, round.id)).body,
    ) as {
      contributions: number;
      dimensions: {
        dimension: string;
        diverges: boolean;
        groups: { group: string; n: number; median: number | null; min: number | null; max: number | null }[];
      }[];
    };
    return {
      id: round.id,
      title: round.title,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      contributions: results.contributions,
      dimensions: results.dimensions.map((d) => ({
        dimension: d.dimension,
        diverges: d.diverges,
        groups: d.groups
          .filter((g) => g.n > 0)
          .map((g) => ({ group: g.group, n: g.n, median: g.median, min: g.min, max: g.max })),
      })),
    };
  }

  /** Freezes the summary as it reads now: it never changes afterwards. */
  async freeze(access: LabAccess, user: AuthUser, audience: SummaryAudience, roundId?: number): Promise<SnapshotDto> {
    const summary = await this.summary(access, user, audience, roundId);
    const saved = await this.db.write(async (tx) => {
      const snapshot = await this.repository.insert(tx, {
        labId: access.labId,
        roundId: roundId ?? null,
        audience,
        content: summary as unknown as Record<string, unknown>,
        stamp: access.stamp,
        createdBy: user.id,
      });
      await this.history.record(tx, {
        entityType: 'summary',
        entityId: snapshot.id,
        labId: access.labId,
        userId: user.id,
        before: null,
        after: { audience, roundId: roundId ?? null },
      });
      return snapshot;
    });
    return this.toDto(saved, access);
  }

  async list(access: LabAccess): Promise<SnapshotListDto> {
    const rows = await this.repository.list(access.labId);
    return {
      items: rows.map((r) => ({
        id: r.id,
        roundId: r.roundId,
        audience: r.audience,
        createdAt: new Date(r.createdAt).toISOString(),
      })),
    };
  }

  /**
   * A frozen summary by its permanent link. Whoever may read the lab reads a public one; one for the municipality
   * only the lab's members and observers. Otherwise it does not exist for the caller.
   */
  async get(access: LabAccess, id: number): Promise<SnapshotDto> {
    const snapshot = await this.repository.find(id);
    const member = access.isAdmin || access.role !== null;
    if (!snapshot || snapshot.labId !== access.labId || (snapshot.audience === 'municipality' && !member))
      throw Errors.notFound('summary', id);
    return this.toDto(snapshot, access);
  }

  private toDto(
    s: {
      id: number;
      labId: number;
      roundId: number | null;
      audience: SummaryAudience;
      createdAt: Date;
      stamp: string;
      content: unknown;
    },
    access: LabAccess,
  ): SnapshotDto {
    return {
      id: s.id,
      labId: s.labId,
      roundId: s.roundId,
      audience: s.audience,
      createdAt: new Date(s.createdAt).toISOString(),
      newerDataExists: s.stamp !== access.stamp,
      summary: s.content as SummaryDto,
    };
  }
}
