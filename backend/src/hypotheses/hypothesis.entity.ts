import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Experiment } from '../experiments/experiment.entity';
import { Lab } from '../labs/lab.entity';
import { VersionedEntity } from '../database/base.entity';

export const HYPOTHESIS_STATUSES = [
  'open',
  'testing',
  'supported',
  'partly_supported',
  'not_supported',
  'revised',
  'dropped',
] as const;
export type HypothesisStatus = (typeof HYPOTHESIS_STATUSES)[number];

export interface HypothesisWording {
  ifWe: string;
  then: string;
  because: string;
  wouldChangeMind: string | null;
}

/**
 * "If we …, then …, because …". The wording as first registered is frozen in `registered`
 * (a preregistration); later edits change the current wording and show as deviations.
 */
@Entity('hypotheses')
export class Hypothesis extends VersionedEntity {
  @Index('ix_hypotheses_experiment')
  @Column({ name: 'experiment_id', type: 'integer' })
  experimentId: number;

  @ManyToOne(() => Experiment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experiment_id' })
  experimentRef?: Experiment;

  @Index('ix_hypotheses_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @Column({ name: 'if_we', type: 'text' })
  ifWe: string;

  @Column({ type: 'text' })
  then: string;

  @Column({ type: 'text' })
  because: string;

  @Column({ name: 'would_change_mind', type: 'text', nullable: true })
  wouldChangeMind: string | null;

  @Column({ type: 'json' })
  registered: HypothesisWording;

  @Column({ type: 'varchar', length: 20 })
  status: HypothesisStatus;

  @Column({ name: 'replaces_id', type: 'integer', nullable: true })
  replacesId: number | null;
}
