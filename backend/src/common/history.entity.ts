import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One row per create, change or delete of any record: who, when, what changed (before and after). Append-only. */
@Entity('history')
@Index('ix_history_entity', ['entityType', 'entityId'])
@Index('ix_history_lab', ['labId', 'id'])
export class HistoryEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'integer' })
  entityId: number;

  @Column({ name: 'lab_id', type: 'integer', nullable: true })
  labId: number | null;

  @Column({ type: 'varchar', length: 10 })
  action: 'create' | 'update' | 'delete';

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  @Column({ type: 'json' })
  changes: Record<string, { from: unknown; to: unknown }>;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
