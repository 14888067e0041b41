import { Column, Entity } from 'typeorm';
import { VersionedEntity } from '../database/base.entity';

export const ORGANISATION_KINDS = [
  'municipality',
  'ministry',
  'ngo',
  'church',
  'school',
  'business',
  'foundation',
  'knowledge_institute',
  'residents_collective',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

@Entity('organisations')
export class Organisation extends VersionedEntity {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  kind: OrganisationKind;

  @Column({ type: 'varchar', length: 120, nullable: true })
  municipality: string | null;
}
