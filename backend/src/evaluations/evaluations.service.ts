import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Errors, FieldError } from '../common/domain-error';
import { defined, Records } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { LabCache } from '../common/lab-cache';
import type { RawJson } from '../common/raw-json';
import { STAKEHOLDER_GROUPS, StakeholderGroup } from '../common/vocabulary';
import { Db } from '../database/db';
import { Iteration } from '../iterations/iteration.entity';
import { Lab } from '../labs/lab.entity';
import { ObservationsService } from '../observations/observations.service';
import { QUOTABLE_SQL } from '../participants/consent';
import { audiencesFor, viewerOf } from '../observations/visibility';
import { User } from '../users/user.entity';
import { aggregate, aggregateDistributions } from './aggregate';
import { Appreciation } from './appreciation.entity';
import { Contribution } from './contribution.entity';
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
import { FollowUp, FollowUpKind } from './follow-up.entity';
import { EvaluationRound } from './round.entity';

/** Dimensions where two groups' distributions overlap by half or less are called out. */
export const DIVERGENCE_CALLOUT = 0.5;
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
  return {
    scores: `SELECT dimension, stakeholder_group, ${scores}, COUNT(*) FILTER (WHERE score IS NULL) AS dont_know FROM appreciations WHERE round_id = $1 GROUP BY dimension, stakeholder_group`,
    groups: 'SELECT stakeholder_group, COUNT(*) AS n FROM contributions WHERE round_id = $1 GROUP BY stakeholder_group',
    answers: postgres
      ? "SELECT (a.value->>'prompt')::int AS prompt, c.stakeholder_group, json_agg(a.value->>'text' ORDER BY c.id, a.n) AS answers FROM contributions c CROSS JOIN LATERAL json_array_elements(c.answers) WITH ORDINALITY AS a(value, n) WHERE c.round_id = $1 GROUP BY 1, 2"
      : "SELECT json_extract(a.value, '$.prompt') AS prompt, c.stakeholder_group, json_group_array(json_extract(a.value, '$.text') ORDER BY c.id, a.key) AS answers FROM contributions c, json_each(c.answers) a WHERE c.round_id = $1 GROUP BY 1, 2",
    nominations: `SELECT c.nominated_observation_id AS observation_id, COUNT(*) AS n,
        ${postgres ? 'json_agg(DISTINCT c.stakeholder_group)' : 'json_group_array(DISTINCT c.stakeholder_group)'} AS groups,
        ${postgres ? 'json_agg(json_build_array(c.stakeholder_group, c.nomination_reason) ORDER BY c.id)' : 'json_group_array(json_array(c.stakeholder_group, c.nomination_reason) ORDER BY c.id)'} FILTER (WHERE ${hasReason}) AS reasons,
        MAX(o.perspective) AS perspective, MAX(CASE WHEN ${QUOTABLE_SQL} THEN o.story_text ELSE NULL END) AS story_text
      FROM contributions c LEFT JOIN observations o ON o.id = c.nominated_observation_id AND o.lab_id = $2 AND o.kind = 'story' AND o.audience IN (${inAudiences})
      LEFT JOIN participants p ON p.id = o.participant_id WHERE c.round_id = $1 AND c.nominated_observation_id IS NOT NULL
      GROUP BY c.nominated_observation_id ORDER BY COUNT(*) DESC, c.nominated_observation_id`,
  };
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
    private readonly observations: ObservationsService,
    private readonly cache: LabCache,
  ) {}

  private isCoordinator(access: LabAccess) {
    return access.isAdmin || access.role === 'coordinator';
  }

  private async round(id: number): Promise<EvaluationRound> {
    const round = await this.db.manager.findOneBy(EvaluationRound, { id });
    if (!round) throw Errors.notFound('round', id);
    return round;
  }

  private async contributionOf(roundId: number, userId: number): Promise<Contribution | null> {
    return this.db.manager.findOneBy(Contribution, { roundId, userId });
  }

  private canContribute(round: EvaluationRound, access: LabAccess): boolean {
    return (
      round.status === 'open' &&
      (access.isAdmin || (access.role !== null && round.contributorRoles.includes(access.role)))
    );
  }

  /** Coordinators always; others after the round closed, or after contributing when the round allows it. */
  private canSeeResults(round: EvaluationRound, access: LabAccess, contributed: boolean): boolean {
    return this.isCoordinator(access) || round.status === 'closed' || (round.showAfterContributing && contributed);
  }

  async list(access: LabAccess, user: AuthUser): Promise<RoundListDto> {
    const rows = await this.db.query(
      `SELECT r.id, r.lab_id, r.title, r.period_start, r.period_end, r.status, r.closed_at,
              (SELECT COUNT(*) FROM contributions c WHERE c.round_id = r.id) AS n,
              (SELECT COUNT(*) FROM contributions c WHERE c.round_id = r.id AND c.user_id = $2) AS mine
       FROM evaluation_rounds r WHERE r.lab_id = $1 ORDER BY r.period_end DESC, r.id DESC`,
      [access.labId, user.id],
    );
    return {
      items: rows.map((r) => ({
        id: Number(r['id']),
        labId: Number(r['lab_id']),
        title: r['title'] as string,
        periodStart: r['period_start'] as string,
        periodEnd: r['period_end'] as string,
        status: r['status'] as string,
        contributionCount: Number(r['n']),
        contributed: Number(r['mine']) > 0,
        closedAt: r['closed_at'] ? new Date(r['closed_at'] as string).toISOString() : null,
      })),
    };
  }

  private async validateRound(
    labId: number,
    dto: { iterationIds?: number[]; dimensions?: string[]; periodStart?: string; periodEnd?: string },
    lab: Lab,
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (dto.periodStart && dto.periodEnd && dto.periodEnd < dto.periodStart)
      errors.push({ field: 'periodEnd', message: 'must not be before periodStart' });
    if (dto.iterationIds?.length) {
      const found = await this.db.manager.count(Iteration, { where: { id: In(dto.iterationIds), labId } });
      if (found !== new Set(dto.iterationIds).size)
        errors.push({ field: 'iterationIds', message: 'are not all iterations of this lab' });
    }
    const unknown = (dto.dimensions ?? []).filter((d) => !lab.valueDimensions.includes(d));
    if (unknown.length)
      errors.push({ field: 'dimensions', message: `not value dimensions of this lab: ${unknown.join(', ')}` });
    if (errors.length) throw Errors.validation(errors);
  }

  async create(access: LabAccess, user: AuthUser, dto: CreateRoundDto): Promise<RoundDto> {
    const lab = await this.db.manager.findOneByOrFail(Lab, { id: access.labId });
    await this.validateRound(access.labId, dto, lab);
    const saved = await this.db.write((m) =>
      this.records.create(
        m,
        EvaluationRound,
        'round',
        {
          labId: access.labId,
          title: dto.title.trim(),
          periodStart: dto.periodStart,
          periodEnd: dto.periodEnd,
          iterationIds: [...new Set(dto.iterationIds)],
          prompts: dto.prompts?.length ? dto.prompts.map((p) => p.trim()) : DEFAULT_PROMPTS.nl,
          dimensions: dto.dimensions?.length ? dto.dimensions : lab.valueDimensions,
          contributorRoles: dto.contributorRoles?.length
            ? dto.contributorRoles
            : ['coordinator', 'partner', 'resident', 'observer'],
          showAfterContributing: !!dto.showAfterContributing,
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
      { periodStart: changes.periodStart ?? round.periodStart, periodEnd: changes.periodEnd ?? round.periodEnd },
      await this.db.manager.findOneByOrFail(Lab, { id: access.labId }),
    );
    await this.db.write((m) =>
      this.records.update(m, EvaluationRound, 'round', id, version, defined(changes) as Partial<EvaluationRound>, {
        userId: user.id,
        labId: access.labId,
      }),
    );
    return this.get(access, user, id);
  }

  async close(access: LabAccess, user: AuthUser, id: number, version: number): Promise<RoundDto> {
    const round = await this.round(id);
    if (round.status === 'closed') throw Errors.conflict('round_closed', 'This round is already closed.');
    await this.db.write((m) =>
      this.records.update(
        m,
        EvaluationRound,
        'round',
        id,
        version,
        { status: 'closed', closedAt: new Date() },
        { userId: user.id, labId: access.labId },
      ),
    );
    return this.get(access, user, id);
  }

  async get(access: LabAccess, user: AuthUser, id: number): Promise<RoundDto> {
    const round = await this.round(id);
    const [mine, count, selected, followUps] = await Promise.all([
      this.contributionOf(id, user.id),
      this.db.manager.count(Contribution, { where: { roundId: id } }),
      round.iterationIds.length
        ? this.db.query(
            `SELECT i.id, i.number, i.starts_on, i.act, i.observe, i.reflect, e.title FROM iterations i JOIN experiments e ON e.id = i.experiment_id WHERE i.lab_id = $1 AND i.id IN (${round.iterationIds.map(Number).join(',')}) ORDER BY i.starts_on, i.id`,
            [access.labId],
          )
        : Promise.resolve([]),
      this.followUps(id),
    ]);
    const material = selected.length
      ? (
          await this.observations.list(
            access,
            { limit: 200, offset: 0 },
            { iterationIds: selected.map((i) => Number(i['id'])) },
          )
        ).items
      : [];
    const myAppreciations = mine
      ? await this.db.manager.find(Appreciation, { where: { contributionId: mine.id } })
      : [];
    return {
      id: round.id,
      labId: round.labId,
      title: round.title,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      status: round.status,
      closedAt: round.closedAt ? new Date(round.closedAt).toISOString() : null,
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
      iterations: selected.map((i) => ({
        id: Number(i['id']),
        number: Number(i['number']),
        experimentTitle: i['title'] as string,
        startsOn: i['starts_on'] as string,
        act: (i['act'] as string) ?? null,
        observe: (i['observe'] as string) ?? null,
        reflect: (i['reflect'] as string) ?? null,
      })),
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
    await this.db.write(async (m) => {
      const values = {
        stakeholderGroup: dto.stakeholderGroup as StakeholderGroup,
        showName: !!dto.showName,
        answers: dto.answers.filter((a) => a.text.trim()).map((a) => ({ prompt: a.prompt, text: a.text.trim() })),
        nominatedObservationId: dto.nominatedObservationId ?? null,
        nominationReason: dto.nominationReason?.trim() || null,
      };
      const existing = await m.findOneBy(Contribution, { roundId: id, userId: user.id });
      let contributionId: number;
      if (existing) {
        await m.update(Contribution, { id: existing.id }, { ...values, version: existing.version + 1 } as never);
        contributionId = existing.id;
      } else {
        contributionId = (await m.save(m.create(Contribution, { roundId: id, userId: user.id, ...values }))).id;
      }
      await m.delete(Appreciation, { contributionId });
      if (dto.appreciations.length) {
        await m.insert(
          Appreciation,
          dto.appreciations.map((a) => ({
            contributionId,
            roundId: id,
            dimension: a.dimension,
            stakeholderGroup: dto.stakeholderGroup,
            score: a.score ?? null,
          })),
        );
      }
    });
    return this.get(access, user, id);
  }

  async contributions(access: LabAccess, user: AuthUser, id: number): Promise<ContributionListDto> {
    const round = await this.round(id);
    const mine = await this.contributionOf(id, user.id);
    if (!this.canSeeResults(round, access, !!mine))
      throw Errors.forbidden(
        round.showAfterContributing
          ? 'Contribute first to see the others.'
          : 'The contributions are shown when the round closes.',
      );
    const rows = await this.db.manager
      .createQueryBuilder(Contribution, 'c')
      .innerJoin(User, 'u', 'u.id = c.user_id')
      .select(['c.id AS id', 'u.display_name AS name'])
      .addSelect('c.show_name', 'show_name')
      .where('c.round_id = :id', { id })
      .getRawMany<Record<string, unknown>>();
    const contributions = await this.db.manager.find(Contribution, { where: { roundId: id }, order: { id: 'ASC' } });
    const appreciations = await this.db.manager.find(Appreciation, { where: { roundId: id } });
    const coordinator = this.isCoordinator(access);
    return {
      items: contributions.map((c) => {
        const row = rows.find((r) => Number(r['id']) === c.id);
        const shown = coordinator || !!c.showName || c.userId === user.id;
        return {
          id: c.id,
          name: shown ? ((row?.['name'] as string) ?? null) : null,
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
      this.isCoordinator(access) || round.status === 'closed' ? null : await this.contributionOf(id, user.id);
    if (!this.canSeeResults(round, access, !!mine))
      throw Errors.forbidden(
        round.showAfterContributing
          ? 'Contribute first to see the results.'
          : 'The results are shown when the round closes.',
      );
    // The same for everyone who may see them, except which nominated stories' words they may read: kept per audience.
    return this.cache.json(access, `results:${id}:${viewerOf(access)}`, () => this.computeResults(access, round, id));
  }

  private async computeResults(access: LabAccess, round: EvaluationRound, id: number): Promise<RoundResultsDto> {
    const audiences = audiencesFor(viewerOf(access));
    const sql = resultsQueries(this.db.isPostgres ? 'postgres' : 'sqlite', audiences.length);
    // Rows as arrays of their columns, in the order each statement selects them (see resultsQueries).
    const [counts, groupCounts, answers, nominations] = await Promise.all([
      this.db.rows(sql.scores, [id]),
      this.db.rows(sql.groups, [id]),
      this.db.rows(sql.answers, [id]),
      this.db.rows(sql.nominations, [id, access.labId, ...audiences]),
    ]);
    const order = (g: string) => STAKEHOLDER_GROUPS.indexOf(g as StakeholderGroup);
    const distributions = counts.map(([dimension, group, s1, s2, s3, s4, s5, dontKnow]) => ({
      dimension: dimension as string,
      group: group as string,
      counts: [Number(s1), Number(s2), Number(s3), Number(s4), Number(s5)],
      dontKnow: Number(dontKnow),
    }));
    const dimensions = aggregateDistributions(distributions, round.dimensions, STAKEHOLDER_GROUPS)
      .map((d) => ({ ...d, diverges: d.divergence >= DIVERGENCE_CALLOUT }))
      .sort(
        (a, b) =>
          b.divergence - a.divergence || round.dimensions.indexOf(a.dimension) - round.dimensions.indexOf(b.dimension),
      );
    const groups = groupCounts
      .map(([group, n]) => ({ group: group as string, count: Number(n) }))
      .sort((a, b) => order(a.group) - order(b.group));
    // The answers come grouped by prompt and stakeholder group, each group's in the order they were given.
    const byPrompt = new Map<number, { group: string; answers: string[] }[]>();
    for (const [prompt, group, list] of answers) {
      const key = Number(prompt);
      const entries = byPrompt.get(key) ?? [];
      entries.push({ group: group as string, answers: json<string[]>(list) });
      byPrompt.set(key, entries);
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
      nominations: nominations.map(([observationId, n, byGroups, reasons, perspective, storyText]) => ({
        observationId: Number(observationId),
        storyText: (storyText as string) ?? null,
        perspective: (perspective as string) ?? null,
        nominations: Number(n),
        groups: json<string[]>(byGroups).sort((a, b) => order(a) - order(b)),
        reasons:
          reasons === null ? [] : json<[string, string][]>(reasons).map(([group, reason]) => ({ group, reason })),
      })),
    };
  }

  async compare(access: LabAccess, dimension: string): Promise<CompareDto> {
    const rounds = await this.db.manager.find(EvaluationRound, {
      where: { labId: access.labId, ...(this.isCoordinator(access) ? {} : { status: 'closed' as const }) },
      order: { periodEnd: 'ASC', id: 'ASC' },
    });
    const relevant = rounds.filter((r) => r.dimensions.includes(dimension));
    const counts = relevant.length
      ? await this.db.query(
          `SELECT round_id, stakeholder_group, score, COUNT(*) AS n FROM appreciations WHERE dimension = $1 AND round_id IN (${relevant.map((r) => Number(r.id)).join(',')}) GROUP BY round_id, stakeholder_group, score`,
          [dimension],
        )
      : [];
    return {
      dimension,
      rounds: relevant.map((r) => ({
        roundId: r.id,
        title: r.title,
        periodEnd: r.periodEnd,
        groups: aggregate(
          counts
            .filter((c) => Number(c['round_id']) === r.id)
            .map((c) => ({
              dimension,
              group: c['stakeholder_group'] as string,
              score: c['score'] === null ? null : Number(c['score']),
              count: Number(c['n']),
            })),
          [dimension],
          STAKEHOLDER_GROUPS,
        )[0].groups,
      })),
    };
  }

  async assertOpen(id: number): Promise<void> {
    if ((await this.round(id)).status === 'closed') throw Errors.conflict('round_closed', 'This round is closed.');
  }

  async followUps(roundId: number): Promise<FollowUpDto[]> {
    const rows = await this.db.query(
      'SELECT f.id, f.kind, f.text, f.iteration_id, i.number, f.created_at FROM round_follow_ups f LEFT JOIN iterations i ON i.id = f.iteration_id WHERE f.round_id = $1 ORDER BY f.id',
      [roundId],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      kind: r['kind'] as string,
      text: r['text'] as string,
      iterationId: r['iteration_id'] === null ? null : Number(r['iteration_id']),
      iterationNumber: r['number'] === null ? null : Number(r['number']),
      at: new Date(r['created_at'] as string).toISOString(),
    }));
  }

  async addFollowUp(access: LabAccess, user: AuthUser, id: number, dto: CreateFollowUpDto): Promise<FollowUpDto[]> {
    await this.round(id);
    if (dto.iterationId && !(await this.db.manager.existsBy(Iteration, { id: dto.iterationId, labId: access.labId })))
      throw Errors.validation([{ field: 'iterationId', message: 'is not an iteration of this lab' }]);
    await this.db.write((m) =>
      this.records.create(
        m,
        FollowUp,
        'round_follow_up',
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
