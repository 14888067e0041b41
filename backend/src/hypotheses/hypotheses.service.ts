import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Errors } from '../common/domain-error';
import { defined, Records } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db } from '../database/db';
import { Experiment } from '../experiments/experiment.entity';
import { Iteration } from '../iterations/iteration.entity';
import { User } from '../users/user.entity';
import {
  ChangeHypothesisStatusDto,
  CreateHypothesisDto,
  HypothesisDto,
  HypothesisListDto,
  ReviseHypothesisDto,
  RevisedHypothesisDto,
  UpdateHypothesisDto,
} from './dto/hypothesis.dto';
import { HypothesisEvent } from './hypothesis-event.entity';
import { Hypothesis, HypothesisStatus, HypothesisWording } from './hypothesis.entity';

const WORDING: (keyof HypothesisWording)[] = ['ifWe', 'then', 'because', 'wouldChangeMind'];

/** Which parts of the current wording differ from the registered (frozen) one. */
export function deviations(current: HypothesisWording, registered: HypothesisWording): string[] {
  return WORDING.filter((k) => (current[k] ?? null) !== (registered[k] ?? null));
}

@Injectable()
export class HypothesesService {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
  ) {}

  private async toDtos(rows: Hypothesis[]): Promise<HypothesisDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [events, replacedBy] = await Promise.all([
      this.db.manager
        .createQueryBuilder(HypothesisEvent, 'e')
        .leftJoin(Iteration, 'i', 'i.id = e.iteration_id')
        .leftJoin(User, 'u', 'u.id = e.created_by')
        .select([
          'e.id AS id',
          'e.hypothesis_id AS hypothesis_id',
          'e.iteration_id AS iteration_id',
          'i.number AS iteration_number',
          'e.from_status AS from_status',
          'e.to_status AS to_status',
          'e.rationale AS rationale',
          'e.evidence AS evidence',
          'u.display_name AS by_name',
          'e.created_at AS created_at',
        ])
        .where('e.hypothesis_id IN (:...ids)', { ids })
        .orderBy('e.id', 'ASC')
        .getRawMany<Record<string, unknown>>(),
      this.db.manager.find(Hypothesis, { where: { replacesId: In(ids) }, select: { id: true, replacesId: true } }),
    ]);
    return rows.map((h) => {
      const wording = { ifWe: h.ifWe, then: h.then, because: h.because, wouldChangeMind: h.wouldChangeMind };
      return {
        id: h.id,
        labId: h.labId,
        experimentId: h.experimentId,
        ...wording,
        status: h.status,
        registered: h.registered,
        deviations: deviations(wording, h.registered),
        replacesId: h.replacesId,
        replacedById: replacedBy.find((r) => r.replacesId === h.id)?.id ?? null,
        version: h.version,
        createdAt: new Date(h.createdAt).toISOString(),
        events: events
          .filter((e) => Number(e['hypothesis_id']) === h.id)
          .map((e) => ({
            id: Number(e['id']),
            iterationId: e['iteration_id'] === null ? null : Number(e['iteration_id']),
            iterationNumber: e['iteration_number'] === null ? null : Number(e['iteration_number']),
            fromStatus: (e['from_status'] as string) ?? null,
            toStatus: e['to_status'] as string,
            rationale: e['rationale'] as string,
            evidence: (e['evidence'] as string) ?? null,
            byName: (e['by_name'] as string) ?? null,
            at: new Date(e['created_at'] as string).toISOString(),
          })),
      };
    });
  }

  async listForLab(labId: number): Promise<HypothesisListDto> {
    return {
      items: await this.toDtos(await this.db.manager.find(Hypothesis, { where: { labId }, order: { id: 'ASC' } })),
    };
  }

  async get(id: number): Promise<HypothesisDto> {
    return (await this.toDtos([await this.db.manager.findOneByOrFail(Hypothesis, { id })]))[0];
  }

  private async register(
    m: EntityManager,
    access: LabAccess,
    user: AuthUser,
    experimentId: number,
    dto: CreateHypothesisDto,
    replacesId: number | null,
  ): Promise<Hypothesis> {
    const wording: HypothesisWording = {
      ifWe: dto.ifWe.trim(),
      then: dto.then.trim(),
      because: dto.because.trim(),
      wouldChangeMind: dto.wouldChangeMind?.trim() || null,
    };
    const saved = await this.records.create(
      m,
      Hypothesis,
      'hypothesis',
      { experimentId, labId: access.labId, ...wording, registered: wording, status: 'open', replacesId },
      { userId: user.id, labId: access.labId },
    );
    await m.insert(HypothesisEvent, {
      hypothesisId: saved.id,
      labId: access.labId,
      iterationId: null,
      fromStatus: null,
      toStatus: 'open',
      rationale: replacesId ? `Revision of hypothesis ${replacesId}` : 'Registered',
      evidence: null,
      createdBy: user.id,
    });
    return saved;
  }

  async create(
    access: LabAccess,
    user: AuthUser,
    experimentId: number,
    dto: CreateHypothesisDto,
  ): Promise<HypothesisDto> {
    const saved = await this.db.write(async (m) => {
      await m.findOneByOrFail(Experiment, { id: experimentId });
      return this.register(m, access, user, experimentId, dto, null);
    });
    return this.get(saved.id);
  }

  /** Edits the current wording; the registered wording stays as it was, so the edit shows as a deviation. */
  async update(access: LabAccess, user: AuthUser, id: number, dto: UpdateHypothesisDto): Promise<HypothesisDto> {
    const { version, ...changes } = dto;
    await this.db.write((m) =>
      this.records.update(m, Hypothesis, 'hypothesis', id, version, defined(changes) as Partial<Hypothesis>, {
        userId: user.id,
        labId: access.labId,
      }),
    );
    return this.get(id);
  }

  private async assertIteration(
    m: EntityManager,
    labId: number,
    iterationId: number | null | undefined,
  ): Promise<void> {
    if (iterationId && !(await m.existsBy(Iteration, { id: iterationId, labId })))
      throw Errors.validation([{ field: 'iterationId', message: 'is not an iteration of this lab' }]);
  }

  async changeStatus(
    access: LabAccess,
    user: AuthUser,
    id: number,
    dto: ChangeHypothesisStatusDto,
  ): Promise<HypothesisDto> {
    await this.db.write(async (m) => {
      await this.assertIteration(m, access.labId, dto.iterationId);
      const current = await m.findOneByOrFail(Hypothesis, { id });
      if (current.status === 'revised')
        throw Errors.conflict('hypothesis_revised', 'This hypothesis was revised; change the status of its revision.');
      if (current.status === dto.status)
        throw Errors.validation([{ field: 'status', message: `is already ${dto.status}` }]);
      await this.records.update(
        m,
        Hypothesis,
        'hypothesis',
        id,
        dto.version,
        { status: dto.status as HypothesisStatus },
        { userId: user.id, labId: access.labId },
      );
      await m.insert(HypothesisEvent, {
        hypothesisId: id,
        labId: access.labId,
        iterationId: dto.iterationId ?? null,
        fromStatus: current.status,
        toStatus: dto.status as HypothesisStatus,
        rationale: dto.rationale.trim(),
        evidence: dto.evidence?.trim() || null,
        createdBy: user.id,
      });
    });
    return this.get(id);
  }

  /** A revision is a new hypothesis that replaces this one; this one ends as "revised", with its history intact. */
  async revise(access: LabAccess, user: AuthUser, id: number, dto: ReviseHypothesisDto): Promise<RevisedHypothesisDto> {
    const revisionId = await this.db.write(async (m) => {
      await this.assertIteration(m, access.labId, dto.iterationId);
      const current = await m.findOneByOrFail(Hypothesis, { id });
      if (current.status === 'revised')
        throw Errors.conflict('hypothesis_revised', 'This hypothesis was already revised.');
      await this.records.update(
        m,
        Hypothesis,
        'hypothesis',
        id,
        dto.version,
        { status: 'revised' },
        { userId: user.id, labId: access.labId },
      );
      const revision = await this.register(m, access, user, current.experimentId, dto, id);
      await m.insert(HypothesisEvent, {
        hypothesisId: id,
        labId: access.labId,
        iterationId: dto.iterationId ?? null,
        fromStatus: current.status,
        toStatus: 'revised',
        rationale: dto.rationale.trim(),
        evidence: null,
        createdBy: user.id,
      });
      return revision.id;
    });
    const [previous, revision] = await this.toDtos(
      await this.db.manager.find(Hypothesis, { where: { id: In([id, revisionId]) }, order: { id: 'ASC' } }),
    );
    return { previous, revision };
  }
}
