import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Experiment } from '../experiments/experiment.entity';
import { Lab } from '../labs/lab.entity';
import { VersionedEntity } from '../database/base.entity';

export const DECISIONS = ['continue', 'adapt', 'scale_up', 'scale_down', 'stop'] as const;
export type Decision = (typeof DECISIONS)[number];

/** One action-research cycle: plan, act, observe, reflect, then a decision. Logged in stages. */
@Entity('iterations')
@Index('ux_iterations_experiment_number', ['experimentId', 'number'], { unique: true })
@Index('ix_iterations_lab_start', ['labId', 'startsOn'])
export class Iteration extends VersionedEntity {
  @Column({ name: 'experiment_id', type: 'integer' })
  experimentId: number;

  @ManyToOne(() => Experiment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experiment_id' })
  experimentRef?: Experiment;

  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @Column({ type: 'integer' })
  number: number;

  @Column({ name: 'starts_on', type: 'varchar', length: 10 })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'varchar', length: 10, nullable: true })
  endsOn: string | null;

  @Column({ type: 'text', nullable: true })
  plan: string | null;

  @Column({ type: 'text', nullable: true })
  act: string | null;

  @Column({ type: 'text', nullable: true })
  observe: string | null;

  @Column({ type: 'text', nullable: true })
  reflect: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  decision: Decision | null;

  @Column({ name: 'decision_reasons', type: 'text', nullable: true })
  decisionReasons: string | null;
}
