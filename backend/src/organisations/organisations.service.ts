import { Injectable } from '@nestjs/common';
import { HistoryService } from '../common/history.service';
import type { AuthUser } from '../common/request-context';
import { Db } from '../database/db';
import { CreateOrganisationDto, OrganisationDto } from './dto/organisation.dto';
import { Organisation } from './organisation.entity';

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
  ) {}

  async list(): Promise<OrganisationDto[]> {
    return (await this.db.manager.find(Organisation, { order: { name: 'ASC' } })).map(toDto);
  }

  create(user: AuthUser, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.db.write(async (m) => {
      const existing = await m
        .createQueryBuilder(Organisation, 'o')
        .where('LOWER(o.name) = :name', { name: dto.name.trim().toLowerCase() })
        .getOne();
      if (existing) return toDto(existing);
      const org = await m.save(
        m.create(Organisation, {
          name: dto.name.trim(),
          kind: dto.kind,
          municipality: dto.municipality?.trim() || null,
        }),
      );
      await this.history.record(m, {
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
