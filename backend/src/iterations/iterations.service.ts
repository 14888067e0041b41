import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Lab } from '../labs/lab.entity';
import { User } from '../users/user.entity';
import { Reflection } from './reflection.entity';
import { Errors } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import { defined, Records } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db } from '../database/db';
import { Experiment } from '../experiments/experiment.entity';
import { Attendance } from '../participants/attendance.entity';
import { Participant } from '../participants/participant.entity';
import {
  AttendanceDto,
  CreateIterationDto,
  IterationDto,
  IterationListDto,
  SetAttendanceDto,
  UpdateIterationDto,
} from './dto/iteration.dto';
import { ReflectionInputDto, ReflectionListDto } from './dto/reflection.dto';
import { Iteration } from './iteration.entity';

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
  constructor(
    private readonly db: Db,
    private readonly records: Records,
    private readonly history: HistoryService,
  ) {}

  private async toDtos(rows: Iteration[]): Promise<IterationDto[]> {
    if (!rows.length) return [];
    const counts = await this.db.manager
      .createQueryBuilder(Attendance, 'a')
      .select('a.iteration_id', 'id')
      .addSelect('COUNT(*)', 'n')
      .where('a.iteration_id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .groupBy('a.iteration_id')
      .getRawMany<{ id: number; n: string | number }>();
    const byId = new Map(counts.map((c) => [Number(c.id), Number(c.n)]));
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
    return {
      items: await this.toDtos(
        await this.db.manager.find(Iteration, { where: { experimentId }, order: { number: 'ASC' } }),
      ),
    };
  }

  async listForLab(labId: number): Promise<IterationListDto> {
    return {
      items: await this.toDtos(
        await this.db.manager.find(Iteration, { where: { labId }, order: { startsOn: 'ASC', id: 'ASC' } }),
      ),
    };
  }

  async get(id: number): Promise<IterationDto> {
    return (await this.toDtos([await this.db.manager.findOneByOrFail(Iteration, { id })]))[0];
  }

  async create(
    access: LabAccess,
    user: AuthUser,
    experimentId: number,
    dto: CreateIterationDto,
  ): Promise<IterationDto> {
    if (dto.endsOn && dto.endsOn < dto.startsOn)
      throw Errors.validation([{ field: 'endsOn', message: 'must not be before startsOn' }]);
    const saved = await this.db.write(async (m) => {
      // On PostgreSQL concurrent requests run in parallel: lock the experiment so numbers are handed out one at a time.
      const experiment = this.db.isPostgres
        ? await m
            .getRepository(Experiment)
            .createQueryBuilder('e')
            .setLock('pessimistic_write')
            .where('e.id = :experimentId', { experimentId })
            .getOneOrFail()
        : await m.findOneByOrFail(Experiment, { id: experimentId });
      const { max } = (await m
        .createQueryBuilder(Iteration, 'i')
        .select('MAX(i.number)', 'max')
        .where('i.experiment_id = :experimentId', { experimentId })
        .getRawOne<{ max: number | null }>()) ?? { max: null };
      return this.records.create(
        m,
        Iteration,
        'iteration',
        {
          experimentId,
          labId: experiment.labId,
          number: Number(max ?? 0) + 1,
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
    await this.db.write(async (m) => {
      const current = await m.findOneByOrFail(Iteration, { id });
      const startsOn = changes.startsOn ?? current.startsOn;
      const endsOn = changes.endsOn === undefined ? current.endsOn : changes.endsOn;
      if (endsOn && endsOn < startsOn)
        throw Errors.validation([{ field: 'endsOn', message: 'must not be before startsOn' }]);
      const decision = changes.decision === undefined ? current.decision : changes.decision;
      const reasons = changes.decisionReasons === undefined ? current.decisionReasons : changes.decisionReasons;
      if (decision && !reasons?.trim())
        throw Errors.validation([{ field: 'decisionReasons', message: 'a decision needs its reasons' }]);
      if (changes.decision && !current.decision) await this.assertCosigned(m, access.labId, id);
      await this.records.update(m, Iteration, 'iteration', id, version, defined(changes) as Partial<Iteration>, {
        userId: user.id,
        labId: access.labId,
      });
    });
    return this.get(id);
  }

  /** With co-signed reflection on, a decision closes an iteration only after reflections from two stakeholder groups. */
  private async assertCosigned(m: EntityManager, labId: number, iterationId: number): Promise<void> {
    const lab = await m.findOneByOrFail(Lab, { id: labId });
    if (!lab.cosignedReflection) return;
    const groups = await this.reflectionGroups(m, iterationId);
    if (groups < 2) {
      throw Errors.conflict(
        'cosigned_reflection_required',
        `This lab closes an iteration only when people from at least two stakeholder groups have added their reflection (now: ${groups}).`,
      );
    }
  }

  private async reflectionGroups(m: EntityManager, iterationId: number): Promise<number> {
    const row = await m
      .createQueryBuilder(Reflection, 'r')
      .select('COUNT(DISTINCT r.stakeholder_group)', 'n')
      .where('r.iteration_id = :iterationId', { iterationId })
      .getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  async reflections(labId: number, iterationId: number): Promise<ReflectionListDto> {
    const rows = await this.db.manager
      .createQueryBuilder(Reflection, 'r')
      .innerJoin(User, 'u', 'u.id = r.user_id')
      .select([
        'r.id AS id',
        'r.stakeholder_group AS grp',
        'r.text AS text',
        'u.display_name AS name',
        'r.created_at AS at',
      ])
      .where('r.iteration_id = :iterationId', { iterationId })
      .orderBy('r.id')
      .getRawMany<Record<string, unknown>>();
    const lab = await this.db.manager.findOneByOrFail(Lab, { id: labId });
    return {
      items: rows.map((r) => ({
        id: Number(r['id']),
        stakeholderGroup: r['grp'] as string,
        text: r['text'] as string,
        byName: r['name'] as string,
        at: new Date(r['at'] as string).toISOString(),
      })),
      groups: new Set(rows.map((r) => r['grp'])).size,
      required: !!lab.cosignedReflection,
    };
  }

  async addReflection(
    access: LabAccess,
    user: AuthUser,
    iterationId: number,
    dto: ReflectionInputDto,
  ): Promise<ReflectionListDto> {
    await this.db.write((m) =>
      this.records.create(
        m,
        Reflection,
        'reflection',
        { iterationId, userId: user.id, stakeholderGroup: dto.stakeholderGroup, text: dto.text.trim() },
        { userId: user.id, labId: access.labId },
      ),
    );
    return this.reflections(access.labId, iterationId);
  }

  async remove(access: LabAccess, user: AuthUser, id: number): Promise<void> {
    await this.db.write((m) =>
      this.records.remove(m, Iteration, 'iteration', id, { userId: user.id, labId: access.labId }),
    );
  }

  async attendance(iterationId: number): Promise<AttendanceDto> {
    const rows = await this.db.manager.find(Attendance, { where: { iterationId }, order: { participantId: 'ASC' } });
    return { participantIds: rows.map((r) => r.participantId) };
  }

  async setAttendance(
    access: LabAccess,
    user: AuthUser,
    iterationId: number,
    dto: SetAttendanceDto,
  ): Promise<AttendanceDto> {
    const ids = [...new Set(dto.participantIds)];
    await this.db.write(async (m) => {
      if (ids.length) {
        const found = await m.find(Participant, { where: { id: In(ids), labId: access.labId }, select: { id: true } });
        const missing = ids.filter((id) => !found.some((p) => p.id === id));
        if (missing.length)
          throw Errors.validation([
            { field: 'participantIds', message: `not participants of this lab: ${missing.join(', ')}` },
          ]);
      }
      const before = (await m.find(Attendance, { where: { iterationId } }))
        .map((a) => a.participantId)
        .sort((a, b) => a - b);
      await m.delete(Attendance, { iterationId });
      if (ids.length)
        await m.insert(
          Attendance,
          ids.map((participantId) => ({ iterationId, participantId, labId: access.labId })),
        );
      const after = [...ids].sort((a, b) => a - b);
      await this.history.record(m, {
        entityType: 'attendance',
        entityId: iterationId,
        labId: access.labId,
        userId: user.id,
        before: { participantIds: before },
        after: { participantIds: after },
      });
    });
    return this.attendance(iterationId);
  }
}
