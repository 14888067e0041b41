import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Hypothesis } from './hypothesis.entity';
import { Iteration } from '../iterations/iteration.entity';
import type { HypothesisStatus } from './hypothesis.entity';

/** A change of a hypothesis' status, with the iteration, rationale and evidence it rests on. Append-only. */
@Entity('hypothesis_events')
@Index('ix_hypothesis_events_hypothesis', ['hypothesisId', 'id'])
export class HypothesisEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'hypothesis_id', type: 'integer' })
  hypothesisId: number;

  @ManyToOne(() => Hypothesis, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hypothesis_id' })
  hypothesisRef?: Hypothesis;

  @Index('ix_hypothesis_events_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @Column({ name: 'iteration_id', type: 'integer', nullable: true })
  iterationId: number | null;

  @ManyToOne(() => Iteration, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'iteration_id' })
  iterationRef?: Iteration;

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus: HypothesisStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus: HypothesisStatus;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
