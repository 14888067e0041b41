import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedEntity } from '../database/base.entity';
import { Iteration } from '../iterations/iteration.entity';
import { Lab } from '../labs/lab.entity';

/** The report's three tables, and an open round of prompts. */
export const DIALOGUE_KINDS = ['focustafel', 'verdiepingstafel', 'werkplaats', 'open'] as const;
export type DialogueKind = (typeof DIALOGUE_KINDS)[number];
export const DIALOGUE_STATUSES = ['open', 'closed'] as const;
export type DialogueStatus = (typeof DIALOGUE_STATUSES)[number];
export const MODERATIONS = ['moderated', 'open'] as const;
export type Moderation = (typeof MODERATIONS)[number];
/**
 * What a note answers. Focustafel: what sprouted, what got stuck, "Hoe kunnen we …?" (energy dots go on those).
 * Verdiepingstafel: a good example (ingredients are tagged on it). Werkplaats: a case, and tips and questions for it
 * (upvoted; its owner marks what they take on). An open round: its own prompts `open-1` … `open-9`.
 */
export const NOTE_PROMPTS = [
  'ontkiemd',
  'knel',
  'hkw',
  'example',
  'case',
  'tip',
  'question',
  'open-1',
  'open-2',
  'open-3',
  'open-4',
  'open-5',
  'open-6',
  'open-7',
  'open-8',
  'open-9',
] as const;
export type NotePrompt = (typeof NOTE_PROMPTS)[number];
/** Energy dots go on "Hoe kunnen we …?" questions; upvotes on a case's tips and questions; ingredients on examples. */
export const DOT_PROMPTS: readonly NotePrompt[] = ['hkw'];
export const VOTE_PROMPTS: readonly NotePrompt[] = ['tip', 'question'];
export const TAG_PROMPTS: readonly NotePrompt[] = ['example'];
/** Who may quote a note: `none` never leaves the facilitator's view. */
export const NOTE_CONSENTS = ['none', 'lab', 'municipality', 'public'] as const;
export type NoteConsent = (typeof NOTE_CONSENTS)[number];
/** `merged`: a duplicate folded into another note (`mergedInto`), with the reason its author sees. */
export const NOTE_STATUSES = ['pending', 'shown', 'hidden', 'merged'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

/**
 * What a step of the script does: `welcome` and `closing` frame it; `notes` collects notes on its prompts; `cluster`
 * is the facilitator grouping them; `dots` the energy dots; `tags` tagging ingredients; `matrix` shows which recur;
 * `queue` is the werkplaats' tips and questions, upvoted, with what the owner takes on.
 */
export const STEP_TYPES = ['welcome', 'notes', 'cluster', 'dots', 'tags', 'matrix', 'queue', 'closing'] as const;
export type StepType = (typeof STEP_TYPES)[number];
export interface DialogueStep {
  type: StepType;
  /** For `notes`: the prompts it collects. */
  prompts?: NotePrompt[];
  /** The facilitator's own wording; without it the dashboard shows the step's standard name. */
  title?: string;
}

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

  /** The edited script; null: the kind's own (`SCRIPTS`). */
  @Column({ type: 'json', nullable: true })
  steps: DialogueStep[] | null;

  @Column({ name: 'dots_per_person', type: 'integer', default: 3 })
  dotsPerPerson: number;

  /** The "Hoe kunnen we …?" question the room chose, when it chose one. */
  @Column({ name: 'chosen_note_id', type: 'integer', nullable: true })
  chosenNoteId: number | null;

  /** What closing wrote into the lab, in words for the phones (the links are in `dialogue_outcomes`). */
  @Column({ type: 'json', nullable: true })
  outcome: Record<string, unknown> | null;
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

  /** Set for the facilitator's own place at the table (notes they post); such a joiner is not counted as attendance. */
  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

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

  @Column({ name: 'cluster_id', type: 'integer', nullable: true })
  clusterId: number | null;

  /** For a merged duplicate: the note it was folded into. */
  @Column({ name: 'merged_into', type: 'integer', nullable: true })
  mergedInto: number | null;

  /** For a werkplaats' tip or question: the case it is for. */
  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId: number | null;

  /** For a tip or question: the case owner takes it on. */
  @Column({ name: 'taken_on', type: 'boolean', default: false })
  takenOn: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/**
 * `note`: a note's state changed (posted, moderated, clustered, merged, taken on); `cluster`: a cluster was made,
 * renamed or removed; `marks`: the dots or votes on a note; `tags`: the ingredients on an example; `settings`: the
 * script or moderation; `step`, `joined`, `closed`.
 */
export type DialogueEventType = 'note' | 'cluster' | 'marks' | 'tags' | 'settings' | 'step' | 'joined' | 'closed';

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
  type: DialogueEventType;

  @Column({ name: 'note_id', type: 'integer', nullable: true })
  noteId: number | null;

  @Column({ name: 'joiner_id', type: 'integer', nullable: true })
  joinerId: number | null;

  @Column({ type: 'json' })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/** A group of notes the facilitator made, with its label. */
@Entity('dialogue_clusters')
export class DialogueCluster {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_dialogue_clusters_dialogue')
  @Column({ name: 'dialogue_id', type: 'integer' })
  dialogueId: number;

  @ManyToOne(() => Dialogue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dialogue_id' })
  dialogueRef?: Dialogue;

  @Column({ type: 'varchar', length: 120 })
  label: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/** A person's energy dots (`dot`, a count) on a question, or their upvote (`vote`) of a tip or question. */
@Entity('dialogue_marks')
@Index('ux_dialogue_marks', ['noteId', 'joinerId', 'kind'], { unique: true })
export class DialogueMark {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_dialogue_marks_dialogue')
  @Column({ name: 'dialogue_id', type: 'integer' })
  dialogueId: number;

  @ManyToOne(() => Dialogue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dialogue_id' })
  dialogueRef?: Dialogue;

  @Column({ name: 'note_id', type: 'integer' })
  noteId: number;

  @ManyToOne(() => DialogueNote, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'note_id' })
  noteRef?: DialogueNote;

  @Column({ name: 'joiner_id', type: 'integer' })
  joinerId: number;

  @ManyToOne(() => DialogueJoiner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'joiner_id' })
  joinerRef?: DialogueJoiner;

  @Column({ type: 'varchar', length: 10 })
  kind: 'dot' | 'vote';

  @Column({ type: 'integer', default: 1 })
  count: number;
}

/** A working ingredient the room tagged on a good example. */
@Entity('dialogue_tags')
@Index('ux_dialogue_tags', ['noteId', 'ingredient'], { unique: true })
export class DialogueTag {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_dialogue_tags_dialogue')
  @Column({ name: 'dialogue_id', type: 'integer' })
  dialogueId: number;

  @ManyToOne(() => Dialogue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dialogue_id' })
  dialogueRef?: Dialogue;

  @Column({ name: 'note_id', type: 'integer' })
  noteId: number;

  @ManyToOne(() => DialogueNote, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'note_id' })
  noteRef?: DialogueNote;

  @Column({ type: 'varchar', length: 120 })
  ingredient: string;

  @Column({ name: 'joiner_id', type: 'integer', nullable: true })
  joinerId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/** What closing a dialogue wrote into the lab: a lab question, a story, a draft learning, a cycle, a participant. */
@Entity('dialogue_outcomes')
@Index('ix_dialogue_outcomes_entity', ['entityType', 'entityId'])
export class DialogueOutcome {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_dialogue_outcomes_dialogue')
  @Column({ name: 'dialogue_id', type: 'integer' })
  dialogueId: number;

  @ManyToOne(() => Dialogue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dialogue_id' })
  dialogueRef?: Dialogue;

  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @Column({ name: 'entity_type', type: 'varchar', length: 30 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'integer' })
  entityId: number;

  /** The note it came from, when it came from one. */
  @Column({ name: 'note_id', type: 'integer', nullable: true })
  noteId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
