import { Injectable } from '@nestjs/common';
import { Actor, Records } from '../common/records';
import { Db, Tx } from '../database/db';
import { Experiment } from './experiment.entity';

export type { Tx };

export type NewExperiment = Pick<
  Experiment,
  'labId' | 'title' | 'description' | 'workingIngredients' | 'scale' | 'status'
>;

/** All of the experiments feature's SQL and TypeORM calls. */
@Injectable()
export class ExperimentsRepository {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
  ) {}

  ofLab(labId: number): Promise<Experiment[]> {
    return this.db.manager.find(Experiment, { where: { labId }, order: { id: 'ASC' } });
  }

  get(id: number): Promise<Experiment> {
    return this.db.manager.findOneByOrFail(Experiment, { id });
  }

  /**
   * How many iterations each experiment has (absent: none). It counts the rows of iterations, which sit above
   * experiments: one statement for any number of experiments, rather than a call up into that feature.
   */
  async iterationCounts(experimentIds: number[]): Promise<Map<number, number>> {
    if (!experimentIds.length) return new Map();
    const counts = await this.db.manager
      .createQueryBuilder()
      .select('i.experiment_id', 'id')
      .addSelect('COUNT(*)', 'n')
      .from('iterations', 'i')
      .where('i.experiment_id IN (:...ids)', { ids: experimentIds })
      .groupBy('i.experiment_id')
      .getRawMany<{ id: number; n: string | number }>();
    return new Map(counts.map((c) => [Number(c.id), Number(c.n)]));
  }

  create(tx: Tx, values: NewExperiment, actor: Actor): Promise<Experiment> {
    return this.records.create(tx, Experiment, 'experiment', values, actor);
  }

  update(tx: Tx, id: number, version: number, changes: Partial<Experiment>, actor: Actor): Promise<Experiment> {
    return this.records.update(tx, Experiment, 'experiment', id, version, changes, actor);
  }

  remove(tx: Tx, id: number, actor: Actor): Promise<void> {
    return this.records.remove(tx, Experiment, 'experiment', id, actor);
  }
}
