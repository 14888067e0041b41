import { Injectable } from '@nestjs/common';
import { Db, managerQuery, Tx } from '../database/db';
import {
  Dialogue,
  DialogueCluster,
  DialogueEvent,
  DialogueJoiner,
  DialogueMark,
  DialogueNote,
  DialogueTag,
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
  /** The note's status now (the event's own `data` holds the status right after it). */
  noteStatus: NoteStatus | null;
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

  async update(tx: Tx, id: number, values: Partial<Omit<Dialogue, 'outcome' | 'steps'>>): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(Dialogue)
      .set({ ...values, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  async setSteps(tx: Tx, id: number, steps: Dialogue['steps']): Promise<void> {
    await tx.update(Dialogue, { id }, { steps: steps as never });
  }

  async list(labId: number): Promise<DialogueListRow[]> {
    const rows = await this.db.query(
      `SELECT d.id, d.title, d.kind, d.status, d.iteration_id, d.created_at,
              (SELECT COUNT(*) FROM dialogue_joiners j WHERE j.dialogue_id = d.id AND j.user_id IS NULL) AS joiners,
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
    const [row] = await this.db.query(
      'SELECT COUNT(*) AS n FROM dialogue_joiners WHERE dialogue_id = $1 AND user_id IS NULL',
      [dialogueId],
    );
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

  async updateNote(tx: Tx, id: number, values: Partial<Omit<DialogueNote, 'id' | 'dialogueRef' | 'joinerRef'>>) {
    await tx.update(DialogueNote, { id }, values);
  }

  /** The facilitator's own place at the table (for notes they post), made the first time. */
  async facilitatorJoiner(tx: Tx, dialogueId: number, userId: number, name: string, tokenHash: string) {
    const found = await tx.findOneBy(DialogueJoiner, { dialogueId, userId });
    return (
      found ?? tx.save(tx.create(DialogueJoiner, { dialogueId, userId, displayName: name, groups: [], tokenHash }))
    );
  }

  async userName(userId: number): Promise<string> {
    const [row] = await this.db.query('SELECT display_name FROM users WHERE id = $1', [userId]);
    return (row?.['display_name'] as string) ?? '';
  }

  insertCluster(tx: Tx, dialogueId: number, label: string): Promise<DialogueCluster> {
    return tx.save(tx.create(DialogueCluster, { dialogueId, label }));
  }

  cluster(tx: Tx, dialogueId: number, id: number): Promise<DialogueCluster | null> {
    return tx.findOneBy(DialogueCluster, { id, dialogueId });
  }

  async renameCluster(tx: Tx, id: number, label: string): Promise<void> {
    await tx.update(DialogueCluster, { id }, { label });
  }

  /** Removes a cluster; its notes are no longer in one. Returns their ids. */
  async removeCluster(tx: Tx, dialogueId: number, id: number): Promise<number[]> {
    const notes = await tx.findBy(DialogueNote, { dialogueId, clusterId: id });
    if (notes.length) await tx.update(DialogueNote, { dialogueId, clusterId: id }, { clusterId: null });
    await tx.delete(DialogueCluster, { id });
    return notes.map((n) => n.id);
  }

  mark(tx: Tx, noteId: number, joinerId: number, kind: DialogueMark['kind']): Promise<DialogueMark | null> {
    return tx.findOneBy(DialogueMark, { noteId, joinerId, kind });
  }

  /** Sets a person's dots or vote on a note (0 removes it). */
  async setMark(
    tx: Tx,
    dialogueId: number,
    noteId: number,
    joinerId: number,
    kind: DialogueMark['kind'],
    count: number,
  ) {
    if (count <= 0) await tx.delete(DialogueMark, { noteId, joinerId, kind });
    else {
      const found = await tx.findOneBy(DialogueMark, { noteId, joinerId, kind });
      if (found) await tx.update(DialogueMark, { id: found.id }, { count });
      else await tx.save(tx.create(DialogueMark, { dialogueId, noteId, joinerId, kind, count }));
    }
  }

  /** The dots a person has placed on the dialogue's questions still shown, other than `except`. */
  async dotsElsewhere(tx: Tx, dialogueId: number, joinerId: number, except: number): Promise<number> {
    const [row] = await managerQuery(
      tx,
      `SELECT COALESCE(SUM(m.count), 0) AS n FROM dialogue_marks m JOIN dialogue_notes n ON n.id = m.note_id
       WHERE m.dialogue_id = $1 AND m.joiner_id = $2 AND m.kind = 'dot' AND m.note_id <> $3 AND n.status = 'shown'`,
      [dialogueId, joinerId, except],
    );
    return Number(row?.['n'] ?? 0);
  }

  /** A note's marks with the groups of the people who placed them. */
  async marksOf(tx: Tx, noteId: number): Promise<{ kind: DialogueMark['kind']; count: number; groups: string[] }[]> {
    const rows = await managerQuery(
      tx,
      `SELECT m.kind, m.count, j.groups FROM dialogue_marks m JOIN dialogue_joiners j ON j.id = m.joiner_id
       WHERE m.note_id = $1 ORDER BY m.id`,
      [noteId],
    );
    return rows.map((r) => ({
      kind: r['kind'] as DialogueMark['kind'],
      count: Number(r['count']),
      groups: (json(r['groups']) as string[] | null) ?? [],
    }));
  }

  async addTag(tx: Tx, dialogueId: number, noteId: number, ingredient: string, joinerId: number | null) {
    const found = await tx.findOneBy(DialogueTag, { noteId, ingredient });
    if (!found) await tx.save(tx.create(DialogueTag, { dialogueId, noteId, ingredient, joinerId }));
    return !found;
  }

  async removeTag(tx: Tx, noteId: number, ingredient: string): Promise<boolean> {
    const result = await tx.delete(DialogueTag, { noteId, ingredient });
    return (result.affected ?? 0) > 0;
  }

  async tagsOf(tx: Tx, noteId: number): Promise<string[]> {
    const tags = await tx.find(DialogueTag, { where: { noteId }, order: { id: 'ASC' } });
    return tags.map((t) => t.ingredient);
  }

  /** The lab's working ingredients: those its experiments lean on and its learnings of that type, once each. */
  async labIngredients(labId: number): Promise<string[]> {
    const experiments = await this.db.query('SELECT working_ingredients FROM experiments WHERE lab_id = $1', [labId]);
    const learnings = await this.db.query(
      "SELECT title FROM learnings WHERE lab_id = $1 AND type = 'working_ingredient' ORDER BY id",
      [labId],
    );
    const all = [
      ...experiments.flatMap((r) => (json(r['working_ingredients']) as string[] | null) ?? []),
      ...learnings.map((r) => r['title'] as string),
    ];
    const seen = new Map<string, string>();
    for (const name of all.map((n) => n.trim()).filter(Boolean))
      if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
    return [...seen.values()];
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
              n.prompt, n.text, n.consent, n.client_id, n.status AS note_status,
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
      noteStatus: (r['note_status'] as NoteStatus) ?? null,
      clientId: (r['client_id'] as string) ?? null,
      displayName: (r['display_name'] as string) ?? null,
      groups: (json(r['groups']) as string[] | null) ?? [],
    }));
  }
}
