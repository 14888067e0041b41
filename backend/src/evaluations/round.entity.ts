import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../database/base.entity';
import { Lab } from '../labs/lab.entity';

export const ROUND_STATUSES = ['open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** An evaluation round: everyone involved appreciates the outcomes of some iterations together. */
@Entity('evaluation_rounds')
export class EvaluationRound extends VersionedEntity {
  @Index('ix_rounds_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'period_start', type: 'varchar', length: 10 })
  periodStart: string;

  @Column({ name: 'period_end', type: 'varchar', length: 10 })
  periodEnd: string;

  @Column({ name: 'iteration_ids', type: 'json' })
  iterationIds: number[];

  @Column({ type: 'json' })
  prompts: string[];

  @Column({ type: 'json' })
  dimensions: string[];

  /** Lab roles that may contribute from their accounts (residents invited by link become residents). */
  @Column({ name: 'contributor_roles', type: 'json' })
  contributorRoles: string[];

  /** Contributors may see the others' contributions once they have contributed (otherwise only after closing). */
  @Column({ name: 'show_after_contributing', type: 'boolean', default: false })
  showAfterContributing: boolean;

  /** The last day contributions are taken (YYYY-MM-DD, Dutch time), or none: until the coordinator closes it. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  deadline: string | null;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: RoundStatus;

  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;
}
