import { Injectable } from '@nestjs/common';
import { Errors, FieldError } from '../common/domain-error';
import { type DomainEvents, OnDomainEvent } from '../common/events';
import { defined } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { LabCache } from '../common/lab-cache';
import type { RawJson } from '../common/raw-json';
import { STAKEHOLDER_GROUPS, StakeholderGroup } from '../common/vocabulary';
import { Db } from '../database/db';
import { ObservationsService } from '../observations/observations.service';
import { audiencesFor, viewerOf } from '../observations/visibility';
import { aggregate, aggregateDistributions, DIVERGENCE_CALLOUT } from './aggregate';
import {
  CompareDto,
  ContributeDto,
  ContributionListDto,
  CreateFollowUpDto,
  CreateRoundDto,
  DEFAULT_PROMPTS,
  FollowUpDto,
  RoundDto,
  RoundListDto,
  RoundResultsDto,
  UpdateRoundDto,
} from './dto/round.dto';
import { EvaluationsRepository } from './evaluations.repository';
import { FollowUpKind } from './follow-up.entity';
import { RoundResultsRepository } from './round-results.repository';
import { EvaluationRound } from './round.entity';

/** Today in the Netherlands (YYYY-MM-DD): a round's deadline is a Dutch day, whatever the server's time zone. */
export const dutchToday = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);

/** The round's last day to contribute has gone by (a round without a deadline never passes it). */
export const deadlinePassed = (round: { deadline: string | null }, today = dutchToday()): boolean =>
  !!round.deadline && round.deadline < today;

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly db: Db,
    private readonly repository: EvaluationsRepository,
    private readonly resultsRepository: RoundResultsRepository,
    private readonly observations: ObservationsService,
    private readonly cache: LabCache,
  ) {}

  /** A deleted account's contributions keep their words and counts but no longer show who gave them. */
  @OnDomainEvent('account.deleted')
  async unnameDeletedAccount({ tx, userId }: DomainEvents['account.deleted']): Promise<void> {
    await this.repository.unnameContributionsOf(tx, userId);
  }

  private isCoordinator(access: LabAccess) {
    return access.isAdmin || access.role === 'coordinator';
  }

  private async round(id: number): Promise<EvaluationRound> {
    const round = await this.repository.round(id);
    if (!round) throw Errors.notFound('round', id);
    return round;
  }

  private canContribute(round: EvaluationRound, access: LabAccess): boolean {
    return (
      round.status === 'open' &&
      !deadlinePassed(round) &&
      (access.isAdmin || (access.role !== null && round.contributorRoles.includes(access.role)))
    );
  }

  /** Coordinators always; others after the round closed, or after contributing when the round allows it. */
  private canSeeResults(round: EvaluationRound, access: LabAccess, contributed: boolean): boolean {
    return this.isCoordinator(access) || round.status === 'closed' || (round.showAfterContributing && contributed);
  }

  async list(access: LabAccess, user: AuthUser): Promise<RoundListDto> {
    const today = dutchToday();
    return {
      items: (await this.repository.list(access.labId, user.id)).map((r) => ({
        ...r,
        deadlinePassed: r.status === 'open' && deadlinePassed(r, today),
      })),
    };
  }

  /** The lab's value dimensions; the lab exists, as the access guard found it. */
  private async valueDimensions(labId: number): Promise<string[]> {
    const dimensions = await this.repository.valueDimensions(labId);
    if (!dimensions) throw Errors.notFound('lab', labId);
    return dimensions;
  }

  private async validateRound(
    labId: number,
    dto: {
      iterationIds?: number[];
      dimensions?: string[];
      periodStart?: string;
      periodEnd?: string;
      deadline?: string | null;
    },
    valueDimensions: string[],
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (dto.deadline && dto.deadline < dutchToday())
      errors.push({ field: 'deadline', message: 'must not be in the past' });
    if (dto.periodStart && dto.periodEnd && dto.periodEnd < dto.periodStart)
      errors.push({ field: 'periodEnd', message: 'must not be before periodStart' });
    if (dto.iterationIds?.length) {
      const found = await this.repository.countIterationsOfLab(labId, dto.iterationIds);
      if (found !== new Set(dto.iterationIds).size)
        errors.push({ field: 'iterationIds', message: 'are not all iterations of this lab' });
    }
    const unknown = (dto.dimensions ?? []).filter((d) => !valueDimensions.includes(d));
    if (unknown.length)
      errors.push({ field: 'dimensions', message: `not value dimensions of this lab: ${unknown.join(', ')}` });
    if (errors.length) throw Errors.validation(errors);
  }

  async create(access: LabAccess, user: AuthUser, dto: CreateRoundDto): Promise<RoundDto> {
    const valueDimensions = await this.valueDimensions(access.labId);
    await this.validateRound(access.labId, dto, valueDimensions);
    const saved = await this.db.write((tx) =>
      this.repository.create(
        tx,
        {
          labId: access.labId,
          title: dto.title.trim(),
          periodStart: dto.periodStart,
          periodEnd: dto.periodEnd,
          iterationIds: [...new Set(dto.iterationIds)],
          prompts: dto.prompts?.length ? dto.prompts.map((p) => p.trim()) : DEFAULT_PROMPTS.nl,
          dimensions: dto.dimensions?.length ? dto.dimensions : valueDimensions,
          contributorRoles: dto.contributorRoles?.length
            ? dto.contributorRoles
            : ['coordinator', 'partner', 'resident', 'observer'],
          showAfterContributing: !!dto.showAfterContributing,
          deadline: dto.deadline ?? null,
          status: 'open',
          closedAt: null,
          createdBy: user.id,
        },
        { userId: user.id, labId: access.labId },
      ),
    );
    return this.get(access, user, saved.id);
  }

  async update(access: LabAccess, user: AuthUser, id: number, dto: UpdateRoundDto): Promise<RoundDto> {
    const round = await this.round(id);
    if (round.status === 'closed')
      throw Errors.conflict('round_closed', 'This round is closed and can no longer change.');
    const { version, ...changes } = dto;
    await this.validateRound(
      access.labId,
      {
        periodStart: changes.periodStart ?? round.periodStart,
        periodEnd: changes.periodEnd ?? round.periodEnd,
        deadline: changes.deadline,
      },
      await this.valueDimensions(access.labId),
    );
    await this.db.write((tx) =>
      this.repository.update(tx, id, version, defined(changes) as Partial<EvaluationRound>, {
        userId: user.id,
        labId: access.labId,
      }),
    );
    return this.get(access, user, id);
  }

  async close(access: LabAccess, user: AuthUser, id: number, version: number): Promise<RoundDto> {
    const round = await this.round(id);
    if (round.status === 'closed') throw Errors.conflict('round_closed', 'This round is already closed.');
    await this.db.write((tx) =>
      this.repository.update(
        tx,
        id,
        version,
        { status: 'closed', closedAt: new Date() },
        { userId: user.id, labId: access.labId },
      ),
    );
    return this.get(access, user, id);
  }

  /**
   * Opens a closed round again: contributions can be given and changed again, and a round that shows its results
   * only after closing hides them again from contributors until it closes. A deadline that has passed needs a new one.
   */
  async reopen(
    access: LabAccess,
    user: AuthUser,
    id: number,
    dto: { version: number; deadline?: string | null },
  ): Promise<RoundDto> {
    const round = await this.round(id);
    if (round.status === 'open') throw Errors.conflict('round_open', 'This round is open already.');
    const deadline = dto.deadline === undefined ? round.deadline : dto.deadline;
    if (deadline && deadline < dutchToday())
      throw Errors.validation([{ field: 'deadline', message: 'must not be in the past' }]);
    await this.db.write((tx) =>
      this.repository.update(
        tx,
        id,
        dto.version,
        { status: 'open', closedAt: null, deadline },
        { userId: user.id, labId: access.labId },
      ),
    );
    return this.get(access, user, id);
  }

  async get(access: LabAccess, user: AuthUser, id: number): Promise<RoundDto> {
    const round = await this.round(id);
    const [mine, count, iterations, followUps] = await Promise.all([
      this.repository.contributionOf(id, user.id),
      this.repository.countContributions(id),
      this.repository.iterations(access.labId, round.iterationIds),
      this.followUps(id),
    ]);
    const material = iterations.length
      ? (await this.observations.list(access, { limit: 200, offset: 0 }, { iterationIds: iterations.map((i) => i.id) }))
          .items
      : [];
    const myAppreciations = mine ? await this.repository.appreciationsOf(mine.id) : [];
    return {
      id: round.id,
      labId: round.labId,
      title: round.title,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      status: round.status,
      closedAt: round.closedAt ? new Date(round.closedAt).toISOString() : null,
      deadline: round.deadline ?? null,
      deadlinePassed: round.status === 'open' && deadlinePassed(round),
      contributionCount: count,
      contributed: !!mine,
      iterationIds: round.iterationIds,
      prompts: round.prompts,
      dimensions: round.dimensions,
      contributorRoles: round.contributorRoles,
      showAfterContributing: !!round.showAfterContributing,
      version: round.version,
      canContribute: this.canContribute(round, access),
      canSeeResults: this.canSeeResults(round, access, !!mine),
      myContribution: mine
        ? {
            stakeholderGroup: mine.stakeholderGroup,
            showName: !!mine.showName,
            answers: mine.answers,
            nominatedObservationId: mine.nominatedObservationId,
            nominationReason: mine.nominationReason,
            appreciations: myAppreciations.map((a) => ({ dimension: a.dimension, score: a.score })),
            updatedAt: new Date(mine.updatedAt).toISOString(),
          }
        : null,
      iterations,
      material: material
        .filter((o) => !o.withheld)
        .map((o) => ({
          id: o.id,
          kind: o.kind,
          iterationId: o.iterationId,
          observedOn: o.observedOn,
          indicatorName: o.indicatorName,
          value: o.value,
          unit: o.unit,
          contextNote: o.contextNote,
          storyText: o.storyText,
          perspective: o.perspective,
        })),
      followUps,
    };
  }

  /**
   * Saves the caller's contribution; a second submission replaces the first (they may change it until
   * the round closes), so a double submission never creates two.
   */
  async contribute(access: LabAccess, user: AuthUser, id: number, dto: ContributeDto): Promise<RoundDto> {
    const round = await this.round(id);
    if (round.status === 'closed')
      throw Errors.conflict(
        'round_closed',
        'This round is closed. Thank you — what came of it is shown on the round page.',
      );
    if (deadlinePassed(round))
      throw Errors.conflict(
        'round_deadline_passed',
        `The last day to contribute to this round was ${round.deadline}. Thank you — what comes of it is shown here.`,
      );
    if (!this.canContribute(round, access))
      throw Errors.forbidden('Your role in this lab does not contribute to this round.');
    const errors: FieldError[] = [];
    const dims = dto.appreciations.map((a) => a.dimension);
    dims.forEach((d, i) => {
      if (!round.dimensions.includes(d))
        errors.push({
          field: `appreciations.${i}.dimension`,
          message: `is not a dimension of this round (${round.dimensions.join(', ')})`,
        });
    });
    if (new Set(dims).size !== dims.length)
      errors.push({ field: 'appreciations', message: 'name each dimension once' });
    dto.answers.forEach((a, i) => {
      if (a.prompt >= round.prompts.length)
        errors.push({ field: `answers.${i}.prompt`, message: `there are ${round.prompts.length} questions` });
    });
    if (dto.nominatedObservationId) {
      const visible = (
        await this.observations.list(
          access,
          { kind: 'story', limit: 1, offset: 0 },
          { ids: [dto.nominatedObservationId] },
        )
      ).items[0];
      if (!visible || visible.withheld || !round.iterationIds.includes(visible.iterationId ?? -1))
        errors.push({ field: 'nominatedObservationId', message: 'is not a story of this round' });
    }
    if (errors.length) throw Errors.validation(errors);
    const stakeholderGroup = dto.stakeholderGroup as StakeholderGroup;
    await this.db.write(async (tx) => {
      const contributionId = await this.repository.saveContribution(tx, id, user.id, {
        stakeholderGroup,
        showName: !!dto.showName,
        answers: dto.answers.filter((a) => a.text.trim()).map((a) => ({ prompt: a.prompt, text: a.text.trim() })),
        nominatedObservationId: dto.nominatedObservationId ?? null,
        nominationReason: dto.nominationReason?.trim() || null,
      });
      await this.repository.replaceAppreciations(
        tx,
        { id: contributionId, roundId: id, stakeholderGroup },
        dto.appreciations.map((a) => ({ dimension: a.dimension, score: a.score ?? null })),
      );
    });
    return this.get(access, user, id);
  }

  async contributions(access: LabAccess, user: AuthUser, id: number): Promise<ContributionListDto> {
    const round = await this.round(id);
    const mine = await this.repository.contributionOf(id, user.id);
    if (!this.canSeeResults(round, access, !!mine))
      throw round.showAfterContributing
        ? Errors.forbiddenBecause('results_after_contributing', 'Contribute first to see the others.')
        : Errors.forbiddenBecause('results_when_closed', 'The contributions are shown when the round closes.');
    const contributors = await this.repository.contributors(id);
    const contributions = await this.repository.contributions(id);
    const appreciations = await this.repository.appreciationsOfRound(id);
    const coordinator = this.isCoordinator(access);
    return {
      items: contributions.map((c) => {
        const contributor = contributors.find((r) => r.contributionId === c.id);
        const shown = coordinator || !!c.showName || c.userId === user.id;
        return {
          id: c.id,
          name: shown ? (contributor?.name ?? null) : null,
          stakeholderGroup: c.stakeholderGroup,
          answers: c.answers,
          appreciations: appreciations
            .filter((a) => a.contributionId === c.id)
            .map((a) => ({ dimension: a.dimension, score: a.score })),
          nominatedObservationId: c.nominatedObservationId,
          nominationReason: c.nominationReason,
        };
      }),
    };
  }

  async results(access: LabAccess, user: AuthUser, id: number): Promise<RawJson> {
    // The round is lab data like any other: kept until the lab changes (read-only from here on).
    const round = await this.cache.get(access, `round:${id}`, () => this.round(id));
    // Whether the caller contributed matters only while the round is open, for someone other than a coordinator.
    const mine =
      this.isCoordinator(access) || round.status === 'closed'
        ? null
        : await this.repository.contributionOf(id, user.id);
    if (!this.canSeeResults(round, access, !!mine))
      throw round.showAfterContributing
        ? Errors.forbiddenBecause('results_after_contributing', 'Contribute first to see the results.')
        : Errors.forbiddenBecause('results_when_closed', 'The results are shown when the round closes.');
    // The same for everyone who may see them, except which nominated stories' words they may read: kept per audience.
    return this.cache.json(access, `results:${id}:${viewerOf(access)}`, () => this.computeResults(access, round, id));
  }

  private async computeResults(access: LabAccess, round: EvaluationRound, id: number): Promise<RoundResultsDto> {
    const rows = await this.resultsRepository.results(id, access.labId, audiencesFor(viewerOf(access)));
    const order = (g: string) => STAKEHOLDER_GROUPS.indexOf(g as StakeholderGroup);
    const dimensions = aggregateDistributions(rows.distributions, round.dimensions, STAKEHOLDER_GROUPS)
      .map((d) => ({ ...d, diverges: d.divergence >= DIVERGENCE_CALLOUT }))
      .sort(
        (a, b) =>
          b.divergence - a.divergence || round.dimensions.indexOf(a.dimension) - round.dimensions.indexOf(b.dimension),
      );
    const groups = rows.groups.sort((a, b) => order(a.group) - order(b.group));
    // The answers come grouped by prompt and stakeholder group, each group's in the order they were given.
    const byPrompt = new Map<number, { group: string; answers: string[] }[]>();
    for (const { prompt, group, answers } of rows.answers) {
      const entries = byPrompt.get(prompt) ?? [];
      entries.push({ group, answers });
      byPrompt.set(prompt, entries);
    }
    const prompts = round.prompts.map((text, prompt) => ({
      prompt,
      text,
      byGroup: (byPrompt.get(prompt) ?? []).sort((a, b) => order(a.group) - order(b.group)),
    }));
    return {
      roundId: id,
      contributions: groups.reduce((sum, g) => sum + g.count, 0),
      groups,
      dimensions,
      prompts,
      // Most nominated first. A story whose consent was withdrawn after it was nominated stays counted, without its
      // words; a story outside the viewer's audience, without anything.
      nominations: rows.nominations.map((n) => ({
        observationId: n.observationId,
        storyText: n.storyText,
        perspective: n.perspective,
        nominations: n.count,
        groups: n.groups.sort((a, b) => order(a) - order(b)),
        reasons: n.reasons.map(([group, reason]) => ({ group, reason })),
      })),
    };
  }

  async compare(access: LabAccess, dimension: string): Promise<CompareDto> {
    const rounds = await this.repository.roundsOfLab(access.labId, !this.isCoordinator(access));
    const relevant = rounds.filter((r) => r.dimensions.includes(dimension));
    const counts = await this.resultsRepository.dimensionCounts(
      dimension,
      relevant.map((r) => r.id),
    );
    return {
      dimension,
      rounds: relevant.map((r) => ({
        roundId: r.id,
        title: r.title,
        periodEnd: r.periodEnd,
        groups: aggregate(
          counts.filter((c) => c.roundId === r.id),
          [dimension],
          STAKEHOLDER_GROUPS,
        )[0].groups,
      })),
    };
  }

  /** For the features above: a round still takes contributions (and invitations to contribute). */
  async assertOpen(id: number): Promise<void> {
    const round = await this.round(id);
    if (round.status === 'closed') throw Errors.conflict('round_closed', 'This round is closed.');
    if (deadlinePassed(round))
      throw Errors.conflict('round_deadline_passed', 'The deadline of this round has passed; extend it first.');
  }

  /** For the features above: the round's title and deadline, or null when there is no such round. */
  async title(
    id: number,
  ): Promise<{ id: number; title: string; deadline: string | null; contributorRoles: string[] } | null> {
    const round = await this.repository.round(id);
    return round
      ? { id: round.id, title: round.title, deadline: round.deadline ?? null, contributorRoles: round.contributorRoles }
      : null;
  }

  followUps(roundId: number): Promise<FollowUpDto[]> {
    return this.repository.followUps(roundId);
  }

  async addFollowUp(access: LabAccess, user: AuthUser, id: number, dto: CreateFollowUpDto): Promise<FollowUpDto[]> {
    await this.round(id);
    if (dto.iterationId && !(await this.repository.iterationOfLab(dto.iterationId, access.labId)))
      throw Errors.validation([{ field: 'iterationId', message: 'is not an iteration of this lab' }]);
    await this.db.write((tx) =>
      this.repository.createFollowUp(
        tx,
        {
          roundId: id,
          kind: dto.kind as FollowUpKind,
          text: dto.text.trim(),
          iterationId: dto.iterationId ?? null,
          createdBy: user.id,
        },
        { userId: user.id, labId: access.labId },
      ),
    );
    return this.followUps(id);
  }
}
