import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Lab } from '../labs/lab.entity';
import { VersionedEntity } from '../database/base.entity';

/** A measure the lab defined itself: what it counts, in which unit, and what it is a signal of. */
@Entity('indicators')
export class Indicator extends VersionedEntity {
  @Index('ix_indicators_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @Column({ type: 'varchar', length: 160 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  unit: string;

  @Column({ name: 'signal_of', type: 'text' })
  signalOf: string;
}
