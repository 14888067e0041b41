import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Iteration } from './iteration.entity';

/** A reflection on an iteration by someone speaking for a stakeholder group (for co-signed reflection). */
@Entity('iteration_reflections')
export class Reflection {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_reflections_iteration')
  @Column({ name: 'iteration_id', type: 'integer' })
  iterationId: number;

  @ManyToOne(() => Iteration, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'iteration_id' })
  iterationRef?: Iteration;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  userRef?: User;

  @Column({ name: 'stakeholder_group', type: 'varchar', length: 20 })
  stakeholderGroup: string;

  @Column({ type: 'text' })
  text: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
