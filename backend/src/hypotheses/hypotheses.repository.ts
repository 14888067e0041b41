import { Injectable } from '@nestjs/common';
import { EntityNotFoundError, In } from 'typeorm';
import type { Actor } from '../common/records';
import { Records } from '../common/records';
import { Db, managerQuery, Tx } from '../database/db';
import { HypothesisEvent } from './hypothesis-event.entity';
import { Hypothesis } from './hypothesis.entity';

/** A change of status as a hypothesis shows it: with its iteration's number and who made it. */
export interface HypothesisEventRow {
  id: number;
  hypothesisId: number;
  iterationId: number | null;
  iterationNumber: number | null;
  fromStatus: string | null;
  toStatus: string;
  rationale: string;
  evidence: string | null;
  byName: string | null;
  at: string;
}

/** All of the hypotheses feature's SQL and TypeORM calls: hypotheses and the events of their status. */
@Injectable()
export class HypothesesRepository {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
  ) {}

  forLab(labId: number): Promise<Hypothesis[]> {
    return this.db.manager.find(Hypothesis, { where: { labId }, order: { id: 'ASC' } });
  }

  find(id: number): Promise<Hypothesis> {
    return this.db.manager.findOneByOrFail(Hypothesis, { id });
  }

  findMany(ids: number[]): Promise<Hypothesis[]> {
    return this.db.manager.find(Hypothesis, { where: { id: In(ids) }, order: { id: 'ASC' } });
  }

  findIn(tx: Tx, id: number): Promise<Hypothesis> {
    return tx.findOneByOrFail(Hypothesis, { id });
  }

  /** The events of these hypotheses, oldest first. */
  async events(hypothesisIds: number[]): Promise<HypothesisEventRow[]> {
    const rows = await this.db.manager
      .createQueryBuilder(HypothesisEvent, 'e')
      .leftJoin('iterations', 'i', 'i.id = e.iteration_id')
      .leftJoin('users', 'u', 'u.id = e.created_by')
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
      .where('e.hypothesis_id IN (:...ids)', { ids: hypothesisIds })
      .orderBy('e.id', 'ASC')
      .getRawMany<Record<string, unknown>>();
    return rows.map((e) => ({
      id: Number(e['id']),
      hypothesisId: Number(e['hypothesis_id']),
      iterationId: e['iteration_id'] === null ? null : Number(e['iteration_id']),
      iterationNumber: e['iteration_number'] === null ? null : Number(e['iteration_number']),
      fromStatus: (e['from_status'] as string) ?? null,
      toStatus: e['to_status'] as string,
      rationale: e['rationale'] as string,
      evidence: (e['evidence'] as string) ?? null,
      byName: (e['by_name'] as string) ?? null,
      at: new Date(e['created_at'] as string).toISOString(),
    }));
  }

  /** Which hypothesis replaced each of these (by id of the one replaced). */
  async replacements(ids: number[]): Promise<{ id: number; replacesId: number | null }[]> {
    return this.db.manager.find(Hypothesis, { where: { replacesId: In(ids) }, select: { id: true, replacesId: true } });
  }

  async assertExperiment(tx: Tx, experimentId: number): Promise<void> {
    const [found] = await managerQuery(tx, 'SELECT id FROM experiments WHERE id = $1', [experimentId]);
    if (!found) throw new EntityNotFoundError('Experiment', { id: experimentId });
  }

  async iterationInLab(tx: Tx, iterationId: number, labId: number): Promise<boolean> {
    const rows = await managerQuery(tx, 'SELECT 1 AS found FROM iterations WHERE id = $1 AND lab_id = $2', [
      iterationId,
      labId,
    ]);
    return rows.length > 0;
  }

  create(tx: Tx, values: Partial<Hypothesis>, actor: Actor): Promise<Hypothesis> {
    return this.records.create(tx, Hypothesis, 'hypothesis', values, actor);
  }

  update(tx: Tx, id: number, version: number, changes: Partial<Hypothesis>, actor: Actor): Promise<Hypothesis> {
    return this.records.update(tx, Hypothesis, 'hypothesis', id, version, changes, actor);
  }

  async addEvent(
    tx: Tx,
    event: Omit<HypothesisEvent, 'id' | 'createdAt' | 'hypothesisRef' | 'iterationRef'>,
  ): Promise<void> {
    await tx.insert(HypothesisEvent, event);
  }
}
