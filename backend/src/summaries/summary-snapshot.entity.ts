import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Lab } from '../labs/lab.entity';

export const SUMMARY_AUDIENCES = ['municipality', 'public'] as const;
export type SummaryAudience = (typeof SUMMARY_AUDIENCES)[number];

/**
 * A council summary frozen on a day: its content as it was then, for its audience, never changed afterwards (like a
 * registration). `stamp` is the lab's data version then: a later one means newer data exists.
 */
@Entity('summary_snapshots')
export class SummarySnapshot {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_summary_snapshots_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  /** Set for the summary of one closed evaluation round. */
  @Column({ name: 'round_id', type: 'integer', nullable: true })
  roundId: number | null;

  @Column({ type: 'varchar', length: 20 })
  audience: SummaryAudience;

  @Column({ type: 'json' })
  content: Record<string, unknown>;

  @Column({ type: 'varchar', length: 30 })
  stamp: string;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
