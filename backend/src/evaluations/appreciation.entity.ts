import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Contribution } from './contribution.entity';

/**
 * One appreciation of one dimension, on a five-step scale (1–5) or "don't know" (null).
 * Kept as rows, with the group denormalised, so distributions are counted in SQL.
 */
@Entity('appreciations')
@Index('ix_appreciations_round_scores', ['roundId', 'dimension', 'stakeholderGroup', 'score'])
export class Appreciation {
  @PrimaryColumn({ name: 'contribution_id', type: 'integer' })
  contributionId: number;

  @ManyToOne(() => Contribution, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contribution_id' })
  contributionRef?: Contribution;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  dimension: string;

  @Column({ name: 'round_id', type: 'integer' })
  roundId: number;

  @Column({ name: 'stakeholder_group', type: 'varchar', length: 20 })
  stakeholderGroup: string;

  @Column({ type: 'integer', nullable: true })
  score: number | null;
}
