import { Injectable } from '@nestjs/common';
import { EntityNotFoundError } from 'typeorm';
import type { Actor } from '../common/records';
import { Records } from '../common/records';
import { Db, managerQuery, Tx } from '../database/db';
import { Iteration } from './iteration.entity';
import { Reflection } from './reflection.entity';

export interface ReflectionRow {
  id: number;
  stakeholderGroup: string;
  text: string;
  byName: string;
  at: string;
}

/** All of the iterations feature's SQL and TypeORM calls: iterations and the reflections on them. */
@Injectable()
export class IterationsRepository {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
  ) {}

  forExperiment(experimentId: number): Promise<Iteration[]> {
    return this.db.manager.find(Iteration, { where: { experimentId }, order: { number: 'ASC' } });
  }

  forLab(labId: number): Promise<Iteration[]> {
    return this.db.manager.find(Iteration, { where: { labId }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  find(id: number): Promise<Iteration> {
    return this.db.manager.findOneByOrFail(Iteration, { id });
  }

  findIn(tx: Tx, id: number): Promise<Iteration> {
    return tx.findOneByOrFail(Iteration, { id });
  }

  /**
   * The experiment's lab and the number its next iteration gets. On PostgreSQL concurrent requests run in parallel:
   * the experiment is locked so numbers are handed out one at a time (SQLite writes one at a time anyway).
   */
  async next(tx: Tx, experimentId: number): Promise<{ labId: number; number: number }> {
    const [experiment] = await managerQuery<{ lab_id: number }>(
      tx,
      `SELECT lab_id FROM experiments WHERE id = $1${this.db.isPostgres ? ' FOR UPDATE' : ''}`,
      [experimentId],
    );
    if (!experiment) throw new EntityNotFoundError('Experiment', { id: experimentId });
    const { max } = (await tx
      .createQueryBuilder(Iteration, 'i')
      .select('MAX(i.number)', 'max')
      .where('i.experiment_id = :experimentId', { experimentId })
      .getRawOne<{ max: number | null }>()) ?? { max: null };
    return { labId: Number(experiment.lab_id), number: Number(max ?? 0) + 1 };
  }

  create(tx: Tx, values: Partial<Iteration>, actor: Actor): Promise<Iteration> {
    return this.records.create(tx, Iteration, 'iteration', values, actor);
  }

  update(tx: Tx, id: number, version: number, changes: Partial<Iteration>, actor: Actor): Promise<Iteration> {
    return this.records.update(tx, Iteration, 'iteration', id, version, changes, actor);
  }

  remove(tx: Tx, id: number, actor: Actor): Promise<void> {
    return this.records.remove(tx, Iteration, 'iteration', id, actor);
  }

  /** Whether the lab closes an iteration only after reflections from two stakeholder groups. */
  async cosignedReflection(labId: number, tx?: Tx): Promise<boolean> {
    const sql = 'SELECT cosigned_reflection FROM labs WHERE id = $1';
    const [lab] = tx ? await managerQuery(tx, sql, [labId]) : await this.db.query(sql, [labId]);
    if (!lab) throw new EntityNotFoundError('Lab', { id: labId });
    const value = lab['cosigned_reflection'];
    return value === true || Number(value) === 1;
  }

  async reflectionGroups(tx: Tx, iterationId: number): Promise<number> {
    const row = await tx
      .createQueryBuilder(Reflection, 'r')
      .select('COUNT(DISTINCT r.stakeholder_group)', 'n')
      .where('r.iteration_id = :iterationId', { iterationId })
      .getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  async reflections(iterationId: number): Promise<ReflectionRow[]> {
    const rows = await this.db.manager
      .createQueryBuilder(Reflection, 'r')
      .innerJoin('users', 'u', 'u.id = r.user_id')
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
    return rows.map((r) => ({
      id: Number(r['id']),
      stakeholderGroup: r['grp'] as string,
      text: r['text'] as string,
      byName: r['name'] as string,
      at: new Date(r['at'] as string).toISOString(),
    }));
  }

  addReflection(tx: Tx, values: Partial<Reflection>, actor: Actor): Promise<Reflection> {
    return this.records.create(tx, Reflection, 'reflection', values, actor);
  }
}
