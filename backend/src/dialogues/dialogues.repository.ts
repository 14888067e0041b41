import { Injectable } from '@nestjs/common';
import { Db, managerQuery, Tx } from '../database/db';
import {
  Dialogue,
  DialogueEvent,
  DialogueJoiner,
  DialogueNote,
  type NoteConsent,
  type NotePrompt,
  type NoteStatus,
} from './dialogue.entity';

export type { Tx };

/** An event of the log with what its viewers may need of the note it names (filtered per viewer by the service). */
export interface EventRow {
  id: number;
  type: DialogueEvent['type'];
  data: Record<string, unknown>;
  noteId: number | null;
  joinerId: number | null;
  prompt: NotePrompt | null;
  text: string | null;
  consent: NoteConsent | null;
  clientId: string | null;
  displayName: string | null;
  groups: string[];
}

export interface DialogueListRow {
  id: number;
  title: string;
  kind: string;
  status: string;
  iterationId: number | null;
  createdAt: Date;
  joiners: number;
  notes: number;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** The dialogues' SQL and TypeORM calls. */
@Injectable()
export class DialoguesRepository {
  constructor(private readonly db: Db) {}

  insert(tx: Tx, values: Partial<Dialogue>): Promise<Dialogue> {
    return tx.save(tx.create(Dialogue, values));
  }

  /** The dialogue, its row locked on PostgreSQL until the write commits: events of one dialogue commit in id order. */
  async lock(tx: Tx, id: number): Promise<Dialogue | null> {
    if (this.db.isPostgres) await managerQuery(tx, 'SELECT id FROM dialogues WHERE id = $1 FOR UPDATE', [id]);
    return tx.findOneBy(Dialogue, { id });
  }

  find(id: number): Promise<Dialogue | null> {
    return this.db.manager.findOneBy(Dialogue, { id });
  }

  byCode(code: string): Promise<Dialogue | null> {
    return this.db.manager.findOneBy(Dialogue, { joinCode: code });
  }

  async codeTaken(tx: Tx, code: string): Promise<boolean> {
    return (await tx.countBy(Dialogue, { joinCode: code })) > 0;
  }

  async update(tx: Tx, id: number, values: Partial<Dialogue>): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(Dialogue)
      .set({ ...values, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  async list(labId: number): Promise<DialogueListRow[]> {
    const rows = await this.db.query(
      `SELECT d.id, d.title, d.kind, d.status, d.iteration_id, d.created_at,
              (SELECT COUNT(*) FROM dialogue_joiners j WHERE j.dialogue_id = d.id) AS joiners,
              (SELECT COUNT(*) FROM dialogue_notes n WHERE n.dialogue_id = d.id) AS notes
       FROM dialogues d WHERE d.lab_id = $1 ORDER BY d.id DESC`,
      [labId],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      title: r['title'] as string,
      kind: r['kind'] as string,
      status: r['status'] as string,
      iterationId: r['iteration_id'] === null || r['iteration_id'] === undefined ? null : Number(r['iteration_id']),
      createdAt: new Date(r['created_at'] as string),
      joiners: Number(r['joiners']),
      notes: Number(r['notes']),
    }));
  }

  /** Whether the cycle belongs to the lab (read from the iterations below). */
  async iterationInLab(iterationId: number, labId: number): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 AS found FROM iterations WHERE id = $1 AND lab_id = $2', [
      iterationId,
      labId,
    ]);
    return rows.length > 0;
  }

  async labName(labId: number): Promise<string> {
    const [row] = await this.db.query('SELECT name FROM labs WHERE id = $1', [labId]);
    return (row?.['name'] as string) ?? '';
  }

  async joinerCount(dialogueId: number): Promise<number> {
    const [row] = await this.db.query('SELECT COUNT(*) AS n FROM dialogue_joiners WHERE dialogue_id = $1', [
      dialogueId,
    ]);
    return Number(row?.['n'] ?? 0);
  }

  insertJoiner(tx: Tx, values: Omit<DialogueJoiner, 'id' | 'createdAt' | 'dialogueRef'>): Promise<DialogueJoiner> {
    return tx.save(tx.create(DialogueJoiner, values));
  }

  joinerByToken(tokenHash: string): Promise<DialogueJoiner | null> {
    return this.db.manager.findOneBy(DialogueJoiner, { tokenHash });
  }

  noteByClientId(tx: Tx, joinerId: number, clientId: string): Promise<DialogueNote | null> {
    return tx.findOneBy(DialogueNote, { joinerId, clientId });
  }

  note(tx: Tx, dialogueId: number, id: number): Promise<DialogueNote | null> {
    return tx.findOneBy(DialogueNote, { id, dialogueId });
  }

  insertNote(tx: Tx, values: Omit<DialogueNote, 'id' | 'createdAt' | 'dialogueRef' | 'joinerRef'>) {
    return tx.save(tx.create(DialogueNote, values));
  }

  async moderate(tx: Tx, id: number, status: NoteStatus, reason: string | null): Promise<void> {
    await tx.update(DialogueNote, { id }, { status, reason });
  }

  /** Appends an event to the log; returns its id. */
  async append(
    tx: Tx,
    event: Pick<DialogueEvent, 'dialogueId' | 'type' | 'data'> & Partial<Pick<DialogueEvent, 'noteId' | 'joinerId'>>,
  ): Promise<number> {
    const saved = await tx.save(tx.create(DialogueEvent, { noteId: null, joinerId: null, ...event }));
    return saved.id;
  }

  async lastEventId(dialogueId: number): Promise<number> {
    const [row] = await this.db.query('SELECT MAX(id) AS id FROM dialogue_events WHERE dialogue_id = $1', [dialogueId]);
    return Number(row?.['id'] ?? 0);
  }

  /** The log's events after `after` up to `upTo`, in id order, with their notes and joiners. */
  async events(dialogueId: number, after: number, upTo: number, limit = 500): Promise<EventRow[]> {
    const rows = await this.db.query(
      `SELECT e.id, e.type, e.data, e.note_id, COALESCE(n.joiner_id, e.joiner_id) AS joiner_id,
              n.prompt, n.text, n.consent, n.client_id,
              j.display_name, j.groups
       FROM dialogue_events e
       LEFT JOIN dialogue_notes n ON n.id = e.note_id
       LEFT JOIN dialogue_joiners j ON j.id = COALESCE(n.joiner_id, e.joiner_id)
       WHERE e.dialogue_id = $1 AND e.id > $2 AND e.id <= $3 ORDER BY e.id LIMIT $4`,
      [dialogueId, after, upTo, limit],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      type: r['type'] as DialogueEvent['type'],
      data: (json(r['data']) ?? {}) as Record<string, unknown>,
      noteId: r['note_id'] === null || r['note_id'] === undefined ? null : Number(r['note_id']),
      joinerId: r['joiner_id'] === null || r['joiner_id'] === undefined ? null : Number(r['joiner_id']),
      prompt: (r['prompt'] as NotePrompt) ?? null,
      text: (r['text'] as string) ?? null,
      consent: (r['consent'] as NoteConsent) ?? null,
      clientId: (r['client_id'] as string) ?? null,
      displayName: (r['display_name'] as string) ?? null,
      groups: (json(r['groups']) as string[] | null) ?? [],
    }));
  }
}
