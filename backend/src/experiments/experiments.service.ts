import { Injectable } from '@nestjs/common';
import { defined } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db } from '../database/db';
import { CreateExperimentDto, ExperimentDto, ExperimentListDto, UpdateExperimentDto } from './dto/experiment.dto';
import { Experiment } from './experiment.entity';
import { ExperimentsRepository } from './experiments.repository';

@Injectable()
export class ExperimentsService {
  constructor(
    private readonly db: Db,
    private readonly repository: ExperimentsRepository,
  ) {}

  private async toDtos(rows: Experiment[]): Promise<ExperimentDto[]> {
    if (!rows.length) return [];
    const counts = await this.repository.iterationCounts(rows.map((r) => r.id));
    return rows.map((e) => ({
      id: e.id,
      labId: e.labId,
      title: e.title,
      description: e.description,
      workingIngredients: e.workingIngredients,
      scale: e.scale,
      status: e.status,
      iterationCount: counts.get(e.id) ?? 0,
      version: e.version,
      updatedAt: new Date(e.updatedAt).toISOString(),
    }));
  }

  async list(labId: number): Promise<ExperimentListDto> {
    return { items: await this.toDtos(await this.repository.ofLab(labId)) };
  }

  async get(id: number): Promise<ExperimentDto> {
    return (await this.toDtos([await this.repository.get(id)]))[0];
  }

  async create(access: LabAccess, user: AuthUser, dto: CreateExperimentDto): Promise<ExperimentDto> {
    const saved = await this.db.write((tx) =>
      this.repository.create(
        tx,
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
    await this.db.write((tx) =>
      this.repository.update(tx, id, version, defined(changes), { userId: user.id, labId: access.labId }),
    );
    return this.get(id);
  }

  async remove(access: LabAccess, user: AuthUser, id: number): Promise<void> {
    await this.db.write((tx) => this.repository.remove(tx, id, { userId: user.id, labId: access.labId }));
  }
}
