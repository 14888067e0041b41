import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../database/base.entity';
import type { Scale, Visibility } from '../common/vocabulary';

export const LAB_STATUSES = ['exploring', 'running', 'scaling', 'paused', 'concluded'] as const;
export type LabStatus = (typeof LAB_STATUSES)[number];
export { SCALES, type Scale } from '../common/vocabulary';
export const THEMES = [
  'encounter',
  'self_reliance',
  'poverty',
  'health',
  'education',
  'sport',
  'culture',
  'sustainability',
  'safety',
  'digital',
  'loneliness',
  'human_rights',
] as const;
export const DEFAULT_VALUE_DIMENSIONS = [
  'social_contacts',
  'trust',
  'wellbeing',
  'health',
  'self_reliance',
  'participation',
  'safety',
  'learning',
  'culture',
] as const;

@Entity('labs')
export class Lab extends VersionedEntity {
  @Index('ux_labs_slug', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The generative question, "Hoe kunnen we …?". */
  @Column({ type: 'text' })
  question: string;

  /** The positive aim the lab builds towards. */
  @Column({ type: 'text' })
  aim: string;

  @Column({ type: 'varchar', length: 120 })
  municipality: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  neighbourhood: string | null;

  @Column({ type: 'json' })
  themes: string[];

  @Column({ name: 'value_dimensions', type: 'json' })
  valueDimensions: string[];

  @Index('ix_labs_status')
  @Column({ type: 'varchar', length: 20 })
  status: LabStatus;

  @Column({ type: 'varchar', length: 20 })
  scale: Scale;

  @Index('ix_labs_visibility')
  @Column({ type: 'varchar', length: 20 })
  visibility: Visibility;

  @Column({ name: 'origin_lab_id', type: 'integer', nullable: true })
  originLabId: number | null;

  @Column({ name: 'transfer_conditions', type: 'text', nullable: true })
  transferConditions: string | null;

  /** An iteration is closed only when people from at least two stakeholder groups added their reflection. */
  @Column({ name: 'cosigned_reflection', type: 'boolean', default: false })
  cosignedReflection: boolean;

  /** Changed by database triggers whenever anything in the lab changes; the key of kept answers (see LabCache). */
  @Column({ name: 'data_version', type: 'bigint', default: 0, select: false, insert: false, update: false })
  dataVersion: string;
}
