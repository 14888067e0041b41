import { Injectable } from '@nestjs/common';
import { Errors } from '../common/domain-error';
import { defined } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db, Tx } from '../database/db';
import {
  ChangeHypothesisStatusDto,
  CreateHypothesisDto,
  HypothesisDto,
  HypothesisListDto,
  ReviseHypothesisDto,
  RevisedHypothesisDto,
  UpdateHypothesisDto,
} from './dto/hypothesis.dto';
import { Hypothesis, HypothesisStatus, HypothesisWording } from './hypothesis.entity';
import { HypothesesRepository } from './hypotheses.repository';

const WORDING: (keyof HypothesisWording)[] = ['ifWe', 'then', 'because', 'wouldChangeMind'];

/** Which parts of the current wording differ from the registered (frozen) one. */
export function deviations(current: HypothesisWording, registered: HypothesisWording): string[] {
  return WORDING.filter((k) => (current[k] ?? null) !== (registered[k] ?? null));
}

@Injectable()
export class HypothesesService {
  constructor(
    private readonly db: Db,
    private readonly repo: HypothesesRepository,
  ) {}

  private async toDtos(rows: Hypothesis[]): Promise<HypothesisDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [events, replacedBy] = await Promise.all([this.repo.events(ids), this.repo.replacements(ids)]);
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
        events: events.filter((e) => e.hypothesisId === h.id).map(({ hypothesisId: _, ...event }) => event),
      };
    });
  }

  async listForLab(labId: number): Promise<HypothesisListDto> {
    return {
      items: await this.toDtos(await this.repo.forLab(labId)),
    };
  }

  async get(id: number): Promise<HypothesisDto> {
    return (await this.toDtos([await this.repo.find(id)]))[0];
  }

  private async register(
    tx: Tx,
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
    const saved = await this.repo.create(
      tx,
      { experimentId, labId: access.labId, ...wording, registered: wording, status: 'open', replacesId },
      { userId: user.id, labId: access.labId },
    );
    await this.repo.addEvent(tx, {
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
    const saved = await this.db.write(async (tx) => {
      await this.repo.assertExperiment(tx, experimentId);
      return this.register(tx, access, user, experimentId, dto, null);
    });
    return this.get(saved.id);
  }

  /** Edits the current wording; the registered wording stays as it was, so the edit shows as a deviation. */
  async update(access: LabAccess, user: AuthUser, id: number, dto: UpdateHypothesisDto): Promise<HypothesisDto> {
    const { version, ...changes } = dto;
    await this.db.write((tx) =>
      this.repo.update(tx, id, version, defined(changes) as Partial<Hypothesis>, {
        userId: user.id,
        labId: access.labId,
      }),
    );
    return this.get(id);
  }

  private async assertIteration(tx: Tx, labId: number, iterationId: number | null | undefined): Promise<void> {
    if (iterationId && !(await this.repo.iterationInLab(tx, iterationId, labId)))
      throw Errors.validation([{ field: 'iterationId', message: 'is not an iteration of this lab' }]);
  }

  async changeStatus(
    access: LabAccess,
    user: AuthUser,
    id: number,
    dto: ChangeHypothesisStatusDto,
  ): Promise<HypothesisDto> {
    await this.db.write(async (tx) => {
      await this.assertIteration(tx, access.labId, dto.iterationId);
      const current = await this.repo.findIn(tx, id);
      if (current.status === 'revised')
        throw Errors.conflict('hypothesis_revised', 'This hypothesis was revised; change the status of its revision.');
      if (current.status === dto.status)
        throw Errors.validation([{ field: 'status', message: `is already ${dto.status}` }]);
      await this.repo.update(
        tx,
        id,
        dto.version,
        { status: dto.status as HypothesisStatus },
        { userId: user.id, labId: access.labId },
      );
      await this.repo.addEvent(tx, {
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
    const revisionId = await this.db.write(async (tx) => {
      await this.assertIteration(tx, access.labId, dto.iterationId);
      const current = await this.repo.findIn(tx, id);
      if (current.status === 'revised')
        throw Errors.conflict('hypothesis_revised', 'This hypothesis was already revised.');
      await this.repo.update(tx, id, dto.version, { status: 'revised' }, { userId: user.id, labId: access.labId });
      const revision = await this.register(tx, access, user, current.experimentId, dto, id);
      await this.repo.addEvent(tx, {
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
    const [previous, revision] = await this.toDtos(await this.repo.findMany([id, revisionId]));
    return { previous, revision };
  }
}
