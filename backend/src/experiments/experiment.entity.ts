import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Lab } from '../labs/lab.entity';
import { VersionedEntity } from '../database/base.entity';

@Entity('experiments')
export class Experiment extends VersionedEntity {
  @Index('ix_experiments_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  /** The working ingredients (werkzame elementen) the experiment leans on. */
  @Column({ name: 'working_ingredients', type: 'json' })
  workingIngredients: string[];

  @Column({ type: 'varchar', length: 20 })
  scale: string;

  @Column({ type: 'varchar', length: 20, default: 'running' })
  status: string;
}
