import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedEntity } from '../database/base.entity';
import { Iteration } from '../iterations/iteration.entity';
import { Lab } from '../labs/lab.entity';

export const DIALOGUE_KINDS = ['focustafel'] as const;
export type DialogueKind = (typeof DIALOGUE_KINDS)[number];
export const DIALOGUE_STATUSES = ['open', 'closed'] as const;
export type DialogueStatus = (typeof DIALOGUE_STATUSES)[number];
export const MODERATIONS = ['moderated', 'open'] as const;
export type Moderation = (typeof MODERATIONS)[number];
/** The focustafel's two prompts: what sprouted, what got stuck. */
export const NOTE_PROMPTS = ['ontkiemd', 'knel'] as const;
export type NotePrompt = (typeof NOTE_PROMPTS)[number];
/** Who may quote a note: `none` never leaves the facilitator's view. */
export const NOTE_CONSENTS = ['none', 'lab', 'municipality', 'public'] as const;
export type NoteConsent = (typeof NOTE_CONSENTS)[number];
export const NOTE_STATUSES = ['pending', 'shown', 'hidden'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];
/** The focustafel's script of steps (part 1: the notes; questions and energy dots follow). */
export const FOCUSTAFEL_STEPS = ['welcome', 'sprouted', 'stuck', 'closing'] as const;

/** A live dialogue (tafel) of a lab, maybe tied to a cycle; closed, it is read-only and its code stops working. */
@Entity('dialogues')
export class Dialogue extends VersionedEntity {
  @Index('ix_dialogues_lab')
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

  @Column({ type: 'varchar', length: 20 })
  kind: DialogueKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: DialogueStatus;

  @Index('ux_dialogues_join_code', { unique: true })
  @Column({ name: 'join_code', type: 'varchar', length: 12 })
  joinCode: string;

  @Column({ type: 'varchar', length: 10, default: 'moderated' })
  moderation: Moderation;

  @Column({ type: 'integer', default: 0 })
  step: number;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;

  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt: Date | null;
}

/** Someone at the table, on their phone: a display name, no account; only the hash of their token is kept. */
@Entity('dialogue_joiners')
export class DialogueJoiner {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_dialogue_joiners_dialogue')
  @Column({ name: 'dialogue_id', type: 'integer' })
  dialogueId: number;

  @ManyToOne(() => Dialogue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dialogue_id' })
  dialogueRef?: Dialogue;

  @Column({ name: 'display_name', type: 'varchar', length: 60 })
  displayName: string;

  /** Self-described groups, as in attendance. */
  @Column({ type: 'json' })
  groups: string[];

  @Index('ux_dialogue_joiners_token', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/** A note on one of the prompts; `clientId` (made by the phone) makes a note sent twice one note. */
@Entity('dialogue_notes')
@Index('ux_dialogue_notes_client', ['joinerId', 'clientId'], { unique: true })
export class DialogueNote {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_dialogue_notes_dialogue')
  @Column({ name: 'dialogue_id', type: 'integer' })
  dialogueId: number;

  @ManyToOne(() => Dialogue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dialogue_id' })
  dialogueRef?: Dialogue;

  @Column({ name: 'joiner_id', type: 'integer' })
  joinerId: number;

  @ManyToOne(() => DialogueJoiner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'joiner_id' })
  joinerRef?: DialogueJoiner;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId: string;

  @Column({ type: 'varchar', length: 20 })
  prompt: NotePrompt;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 20 })
  consent: NoteConsent;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: NoteStatus;

  @Column({ type: 'varchar', length: 300, nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/**
 * What happened at the table, append-only, in id order: the Server-Sent Events streams read it from `Last-Event-ID`
 * on. It names the note or joiner and keeps only the state after the event (never a note's words).
 */
@Entity('dialogue_events')
@Index('ix_dialogue_events_dialogue', ['dialogueId', 'id'])
export class DialogueEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'dialogue_id', type: 'integer' })
  dialogueId: number;

  @ManyToOne(() => Dialogue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dialogue_id' })
  dialogueRef?: Dialogue;

  @Column({ type: 'varchar', length: 20 })
  type: 'note' | 'step' | 'joined' | 'closed';

  @Column({ name: 'note_id', type: 'integer', nullable: true })
  noteId: number | null;

  @Column({ name: 'joiner_id', type: 'integer', nullable: true })
  joinerId: number | null;

  @Column({ type: 'json' })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
