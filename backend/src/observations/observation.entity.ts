import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Indicator } from './indicator.entity';
import { Iteration } from '../iterations/iteration.entity';
import { Lab } from '../labs/lab.entity';
import { Participant } from '../participants/participant.entity';
import { VersionedEntity } from '../database/base.entity';
import type { Audience, ObservationKind, SelfReliance } from './vocabulary';

export { AUDIENCES, OBSERVATION_KINDS, SELF_RELIANCE } from './vocabulary';
export type { Audience, ObservationKind, SelfReliance } from './vocabulary';

/** An outcome over time: a measure (indicator, value, date, context) or a story (text, perspective, audience). */
@Entity('observations')
@Index('ix_observations_lab_date', ['labId', 'observedOn'])
@Index('ix_observations_iteration', ['iterationId'])
@Index('ix_observations_indicator_date', ['indicatorId', 'observedOn'])
@Index('ix_observations_lab_kind_date', ['labId', 'kind', 'observedOn', 'id'])
@Index('ix_observations_lab_measures', ['labId', 'kind', 'indicatorId', 'observedOn', 'iterationId', 'value'])
@Index('ix_observations_lab_bare', ['labId', 'indicatorId', 'iterationId'], {
  where: "kind = 'measure' AND COALESCE(context_note, '') = ''",
})
export class Observation extends VersionedEntity {
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @Column({ name: 'iteration_id', type: 'integer', nullable: true })
  iterationId: number | null;

  @ManyToOne(() => Iteration, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'iteration_id' })
  iterationRef?: Iteration;

  @Column({ type: 'varchar', length: 10 })
  kind: ObservationKind;

  @Column({ name: 'observed_on', type: 'varchar', length: 10 })
  observedOn: string;

  @Column({ name: 'indicator_id', type: 'integer', nullable: true })
  indicatorId: number | null;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'indicator_id' })
  indicatorRef?: Indicator;

  @Column({ type: 'double precision', nullable: true })
  value: number | null;

  @Column({ name: 'context_note', type: 'text', nullable: true })
  contextNote: string | null;

  @Column({ name: 'story_text', type: 'text', nullable: true })
  storyText: string | null;

  /** Whose perspective a story is told from: resident, volunteer, professional, municipality, … */
  @Column({ type: 'varchar', length: 40, nullable: true })
  perspective: string | null;

  @Index('ix_observations_participant')
  @Column({ name: 'participant_id', type: 'integer', nullable: true })
  participantId: number | null;

  @ManyToOne(() => Participant, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'participant_id' })
  participantRef?: Participant;

  @Column({ type: 'varchar', length: 20, default: 'lab' })
  audience: Audience;

  @Column({ name: 'self_reliance', type: 'varchar', length: 20, nullable: true })
  selfReliance: SelfReliance | null;

  @Column({ type: 'json' })
  dimensions: string[];

  @Column({ name: 'hypothesis_ids', type: 'json' })
  hypothesisIds: number[];

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;
}
