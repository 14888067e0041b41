import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Lab } from './lab.entity';
import { User } from '../users/user.entity';
import type { LabRole } from '../common/vocabulary';

@Entity('lab_members')
@Index('ux_lab_members_lab_user', ['labId', 'userId'], { unique: true })
export class LabMember {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @Index('ix_lab_members_user')
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  userRef?: User;

  @Column({ type: 'varchar', length: 20 })
  role: LabRole;

  @Column({ name: 'organisation_id', type: 'integer', nullable: true })
  organisationId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
