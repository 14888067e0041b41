import { Injectable } from '@nestjs/common';
import { Errors } from '../common/domain-error';
import { defined } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db, Tx } from '../database/db';
import type { AttendeeCounts } from './attendee-counts';
import { CreateIterationDto, IterationDto, IterationListDto, UpdateIterationDto } from './dto/iteration.dto';
import { ReflectionInputDto, ReflectionListDto } from './dto/reflection.dto';
import { Iteration } from './iteration.entity';
import { IterationsRepository } from './iterations.repository';

/** The next part of the cycle that has not been logged yet. */
export function nextStage(
  i: Pick<Iteration, 'plan' | 'act' | 'observe' | 'reflect' | 'decision'>,
): IterationDto['stage'] {
  if (!i.plan) return 'plan';
  if (!i.act) return 'act';
  if (!i.observe) return 'observe';
  if (!i.reflect) return 'reflect';
  return 'decide';
}

@Injectable()
export class IterationsService {
  private attendees?: AttendeeCounts;

  constructor(
    private readonly db: Db,
    private readonly repo: IterationsRepository,
  ) {}

  /** Where the attendee counts come from (the participants feature, at start-up). */
  countAttendeesWith(source: AttendeeCounts): void {
    this.attendees = source;
  }

  private async toDtos(rows: Iteration[]): Promise<IterationDto[]> {
    if (!rows.length) return [];
    if (!this.attendees) throw new Error('No attendee counts: the participants feature supplies them at start-up');
    const byId = await this.attendees.attendeeCounts(rows.map((r) => r.id));
    return rows.map((i) => ({
      id: i.id,
      labId: i.labId,
      experimentId: i.experimentId,
      number: i.number,
      startsOn: i.startsOn,
      endsOn: i.endsOn,
      plan: i.plan,
      act: i.act,
      observe: i.observe,
      reflect: i.reflect,
      decision: i.decision,
      decisionReasons: i.decisionReasons,
      stage: i.decision ? 'decide' : nextStage(i),
      attendeeCount: byId.get(i.id) ?? 0,
      version: i.version,
      updatedAt: new Date(i.updatedAt).toISOString(),
    }));
  }

  async listForExperiment(experimentId: number): Promise<IterationListDto> {
    return { items: await this.toDtos(await this.repo.forExperiment(experimentId)) };
  }

  async listForLab(labId: number): Promise<IterationListDto> {
    return { items: await this.toDtos(await this.repo.forLab(labId)) };
  }

  async get(id: number): Promise<IterationDto> {
    return (await this.toDtos([await this.repo.find(id)]))[0];
  }

  /** A new cycle of an experiment inside the caller's write (a dialogue's closing), recorded as `create` does. */
  async createIn(
    tx: Tx,
    actor: { labId: number; userId: number },
    experimentId: number,
    values: { startsOn: string; plan: string | null },
  ): Promise<{ id: number; number: number }> {
    const next = await this.repo.next(tx, experimentId);
    const saved = await this.repo.create(
      tx,
      {
        experimentId,
        labId: next.labId,
        number: next.number,
        startsOn: values.startsOn,
        endsOn: null,
        plan: values.plan,
        act: null,
        observe: null,
        reflect: null,
        decision: null,
        decisionReasons: null,
      },
      actor,
    );
    return { id: saved.id, number: saved.number };
  }

  async create(
    access: LabAccess,
    user: AuthUser,
    experimentId: number,
    dto: CreateIterationDto,
  ): Promise<IterationDto> {
    if (dto.endsOn && dto.endsOn < dto.startsOn)
      throw Errors.validation([{ field: 'endsOn', message: 'must not be before startsOn' }]);
    const saved = await this.db.write(async (tx) => {
      const next = await this.repo.next(tx, experimentId);
      return this.repo.create(
        tx,
        {
          experimentId,
          labId: next.labId,
          number: next.number,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn ?? null,
          plan: dto.plan?.trim() || null,
          act: null,
          observe: null,
          reflect: null,
          decision: null,
          decisionReasons: null,
        },
        { userId: user.id, labId: access.labId },
      );
    });
    return this.get(saved.id);
  }

  async update(access: LabAccess, user: AuthUser, id: number, dto: UpdateIterationDto): Promise<IterationDto> {
    const { version, ...changes } = dto;
    await this.db.write(async (tx) => {
      const current = await this.repo.findIn(tx, id);
      const startsOn = changes.startsOn ?? current.startsOn;
      const endsOn = changes.endsOn === undefined ? current.endsOn : changes.endsOn;
      if (endsOn && endsOn < startsOn)
        throw Errors.validation([{ field: 'endsOn', message: 'must not be before startsOn' }]);
      const decision = changes.decision === undefined ? current.decision : changes.decision;
      const reasons = changes.decisionReasons === undefined ? current.decisionReasons : changes.decisionReasons;
      if (decision && !reasons?.trim())
        throw Errors.validation([{ field: 'decisionReasons', message: 'a decision needs its reasons' }]);
      if (changes.decision && !current.decision) await this.assertCosigned(tx, access.labId, id);
      await this.repo.update(tx, id, version, defined(changes) as Partial<Iteration>, {
        userId: user.id,
        labId: access.labId,
      });
    });
    return this.get(id);
  }

  /** With co-signed reflection, a decision closes an iteration only after reflections from two stakeholder groups. */
  private async assertCosigned(tx: Tx, labId: number, iterationId: number): Promise<void> {
    if (!(await this.repo.cosignedReflection(labId, tx))) return;
    const groups = await this.repo.reflectionGroups(tx, iterationId);
    if (groups < 2) {
      throw Errors.conflict(
        'cosigned_reflection_required',
        'This lab closes an iteration only when people from at least two stakeholder groups have added their ' +
          `reflection (now: ${groups}).`,
      );
    }
  }

  async reflections(labId: number, iterationId: number): Promise<ReflectionListDto> {
    const items = await this.repo.reflections(iterationId);
    return {
      items,
      groups: new Set(items.map((r) => r.stakeholderGroup)).size,
      required: await this.repo.cosignedReflection(labId),
    };
  }

  async addReflection(
    access: LabAccess,
    user: AuthUser,
    iterationId: number,
    dto: ReflectionInputDto,
  ): Promise<ReflectionListDto> {
    await this.db.write((tx) =>
      this.repo.addReflection(
        tx,
        { iterationId, userId: user.id, stakeholderGroup: dto.stakeholderGroup, text: dto.text.trim() },
        { userId: user.id, labId: access.labId },
      ),
    );
    return this.reflections(access.labId, iterationId);
  }

  async remove(access: LabAccess, user: AuthUser, id: number): Promise<void> {
    await this.db.write((tx) => this.repo.remove(tx, id, { userId: user.id, labId: access.labId }));
  }
}
