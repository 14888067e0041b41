import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Iteration } from '../iterations/iteration.entity';
import { EvaluationRound } from './round.entity';

export const FOLLOW_UP_KINDS = ['decision', 'learning', 'action'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** What was done with a round: a decision for the next iteration, a learning, an action. Shown to every contributor. */
@Entity('round_follow_ups')
export class FollowUp {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_follow_ups_round')
  @Column({ name: 'round_id', type: 'integer' })
  roundId: number;

  @ManyToOne(() => EvaluationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  roundRef?: EvaluationRound;

  @Column({ type: 'varchar', length: 20 })
  kind: FollowUpKind;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'iteration_id', type: 'integer', nullable: true })
  iterationId: number | null;

  @ManyToOne(() => Iteration, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'iteration_id' })
  iterationRef?: Iteration;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
