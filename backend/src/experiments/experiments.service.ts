import { Injectable } from '@nestjs/common';
import { Records } from '../common/records';
import { defined } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db } from '../database/db';
import { CreateExperimentDto, ExperimentDto, ExperimentListDto, UpdateExperimentDto } from './dto/experiment.dto';
import { Experiment } from './experiment.entity';

@Injectable()
export class ExperimentsService {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
  ) {}

  private async toDtos(rows: Experiment[]): Promise<ExperimentDto[]> {
    if (!rows.length) return [];
    const counts = await this.db.manager
      .createQueryBuilder()
      .select('i.experiment_id', 'id')
      .addSelect('COUNT(*)', 'n')
      .from('iterations', 'i')
      .where('i.experiment_id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .groupBy('i.experiment_id')
      .getRawMany<{ id: number; n: string | number }>();
    const byId = new Map(counts.map((c) => [Number(c.id), Number(c.n)]));
    return rows.map((e) => ({
      id: e.id,
      labId: e.labId,
      title: e.title,
      description: e.description,
      workingIngredients: e.workingIngredients,
      scale: e.scale,
      status: e.status,
      iterationCount: byId.get(e.id) ?? 0,
      version: e.version,
      updatedAt: new Date(e.updatedAt).toISOString(),
    }));
  }

  async list(labId: number): Promise<ExperimentListDto> {
    return {
      items: await this.toDtos(await this.db.manager.find(Experiment, { where: { labId }, order: { id: 'ASC' } })),
    };
  }

  async get(id: number): Promise<ExperimentDto> {
    return (await this.toDtos([await this.db.manager.findOneByOrFail(Experiment, { id })]))[0];
  }

  async create(access: LabAccess, user: AuthUser, dto: CreateExperimentDto): Promise<ExperimentDto> {
    const saved = await this.db.write((m) =>
      this.records.create(
        m,
        Experiment,
        'experiment',
        {
          labId: access.labId,
          title: dto.title.trim(),
          description: dto.description.trim(),
          workingIngredients: dto.workingIngredients ?? [],
          scale: dto.scale ?? 'street',
          status: dto.status ?? 'running',
        },
        { userId: user.id, labId: access.labId },
      ),
    );
    return this.get(saved.id);
  }

  async update(access: LabAccess, user: AuthUser, id: number, dto: UpdateExperimentDto): Promise<ExperimentDto> {
    const { version, ...changes } = dto;
    await this.db.write((m) =>
      this.records.update(m, Experiment, 'experiment', id, version, defined(changes), {
        userId: user.id,
        labId: access.labId,
      }),
    );
    return this.get(id);
  }

  async remove(access: LabAccess, user: AuthUser, id: number): Promise<void> {
    await this.db.write((m) =>
      this.records.remove(m, Experiment, 'experiment', id, { userId: user.id, labId: access.labId }),
    );
  }
}
