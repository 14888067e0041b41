import { Injectable } from '@nestjs/common';
import { HistoryService } from '../common/history.service';
import type { AuthUser } from '../common/request-context';
import { Db, Tx } from '../database/db';
import { CreateOrganisationDto, OrganisationDto } from './dto/organisation.dto';
import { Organisation } from './organisation.entity';
import { OrganisationsRepository } from './organisations.repository';

const toDto = (o: Organisation): OrganisationDto => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  municipality: o.municipality,
});

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly repository: OrganisationsRepository,
  ) {}

  async list(): Promise<OrganisationDto[]> {
    return (await this.repository.list()).map(toDto);
  }

  /** Whether the organisation is registered, inside the caller's write (a lab's new partner must be). */
  exists(tx: Tx, id: number): Promise<boolean> {
    return this.repository.exists(tx, id);
  }

  create(user: AuthUser, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.db.write(async (tx) => {
      const existing = await this.repository.findByName(tx, dto.name.trim().toLowerCase());
      if (existing) return toDto(existing);
      const org = await this.repository.insert(tx, {
        name: dto.name.trim(),
        kind: dto.kind,
        municipality: dto.municipality?.trim() || null,
      });
      await this.history.record(tx, {
        entityType: 'organisation',
        entityId: org.id,
        labId: null,
        userId: user.id,
        before: null,
        after: { ...org },
      });
      return toDto(org);
    });
  }
}
