import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VersionedEntity } from '../database/base.entity';
import { Lab } from '../labs/lab.entity';

export const LEARNING_TYPES = ['working_ingredient', 'pitfall', 'open_question', 'advice'] as const;
export type LearningType = (typeof LEARNING_TYPES)[number];
export const MATURITIES = ['emerging', 'recurring', 'confirmed'] as const;
export type Maturity = (typeof MATURITIES)[number];
export const EVIDENCE_KINDS = ['iteration', 'observation', 'hypothesis', 'round'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** What has been learned: a working ingredient, pitfall, open question or advice to government, with its evidence. */
@Entity('learnings')
@Index('ix_learnings_status_published', ['status', 'publishedAt'])
export class Learning extends VersionedEntity {
  @Index('ix_learnings_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 20 })
  type: LearningType;

  @Column({ type: 'json' })
  themes: string[];

  /** Confirmed by a person; the suggestion from the evidence is computed, not stored. */
  @Column({ type: 'varchar', length: 20 })
  maturity: Maturity;

  /** For a working ingredient: the conditions under which it transfers to another place. */
  @Column({ name: 'transfer_conditions', type: 'text', nullable: true })
  transferConditions: string | null;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  status: 'draft' | 'published';

  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;
}

/** A link from a learning to what it rests on, in its own lab or another. */
@Entity('learning_evidence')
@Index('ix_learning_evidence_learning', ['learningId'])
export class LearningEvidence {
  @PrimaryColumn({ name: 'learning_id', type: 'integer' })
  learningId: number;

  @ManyToOne(() => Learning, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'learning_id' })
  learningRef?: Learning;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: EvidenceKind;

  @PrimaryColumn({ name: 'ref_id', type: 'integer' })
  refId: number;

  @Index('ix_learning_evidence_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;
}

/** Learnings that contradict each other, shown side by side (stored once, lower id first). */
@Entity('learning_contradictions')
export class LearningContradiction {
  @PrimaryColumn({ name: 'learning_id', type: 'integer' })
  learningId: number;

  @ManyToOne(() => Learning, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'learning_id' })
  learningRef?: Learning;

  @PrimaryColumn({ name: 'other_id', type: 'integer' })
  otherId: number;

  @ManyToOne(() => Learning, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'other_id' })
  otherRef?: Learning;
}
