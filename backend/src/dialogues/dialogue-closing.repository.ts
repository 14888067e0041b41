import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Db, managerQuery, type Tx } from '../database/db';
import { DialogueReturnLink } from './dialogue-return-link.entity';
import {
  Dialogue,
  DialogueJoiner,
  DialogueOutcome,
  type NoteConsent,
  type NotePrompt,
  type NoteStatus,
} from './dialogue.entity';

/** A note with everything the closing, its preview and the export need of it. */
export interface ClosingNoteRow {
  id: number;
  joinerId: number;
  prompt: NotePrompt;
  text: string;
  consent: NoteConsent;
  status: NoteStatus;
  reason: string | null;
  mergedInto: number | null;
  parentId: number | null;
  takenOn: boolean;
  clusterLabel: string | null;
  displayName: string;
  /** Posted by the facilitator from their own place at the table. */
  byFacilitator: boolean;
  createdAt: Date;
  tags: string[];
  /** Energy dots per self-described group of those who placed them ("" for no group). */
  dotsByGroup: Record<string, number>;
  dots: number;
  votes: number;
}

export interface ModerationRow {
  at: Date;
  noteId: number;
  status: string;
  reason: string | null;
  mergedInto: number | null;
}

export interface OutcomeRow {
  dialogueId: number;
  title: string;
  entityType: string;
  entityId: number;
  noteId: number | null;
  /** For `lab_question`: the question as it was written into the lab. */
  question: string | null;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The closing's SQL: reads of the dialogue's own tables in a fixed number of statements, and its links back. */
@Injectable()
export class DialogueClosingRepository {
  constructor(private readonly db: Db) {}

  /** Every note of the dialogue, with its author, cluster, tags, dots per group and votes: three statements. */
  async notes(m: Tx | null, dialogueId: number): Promise<ClosingNoteRow[]> {
    const query = (sql: string, params: unknown[]) => (m ? managerQuery(m, sql, params) : this.db.query(sql, params));
    // One after another: inside a transaction the statements share one connection.
    const notes = await query(
      `SELECT n.id, n.joiner_id, n.prompt, n.text, n.consent, n.status, n.reason, n.merged_into, n.parent_id,
                n.taken_on, n.created_at, c.label AS cluster_label, j.display_name, j.user_id
         FROM dialogue_notes n JOIN dialogue_joiners j ON j.id = n.joiner_id
         LEFT JOIN dialogue_clusters c ON c.id = n.cluster_id
         WHERE n.dialogue_id = $1 ORDER BY n.id`,
      [dialogueId],
    );
    const tags = await query('SELECT note_id, ingredient FROM dialogue_tags WHERE dialogue_id = $1 ORDER BY id', [
      dialogueId,
    ]);
    const marks = await query(
      `SELECT m.note_id, m.kind, m.count, j.groups FROM dialogue_marks m
         JOIN dialogue_joiners j ON j.id = m.joiner_id WHERE m.dialogue_id = $1 ORDER BY m.id`,
      [dialogueId],
    );
    const rows = new Map<number, ClosingNoteRow>();
    for (const r of notes)
      rows.set(Number(r['id']), {
        id: Number(r['id']),
        joinerId: Number(r['joiner_id']),
        prompt: r['prompt'] as NotePrompt,
        text: r['text'] as string,
        consent: r['consent'] as NoteConsent,
        status: r['status'] as NoteStatus,
        reason: (r['reason'] as string) ?? null,
        mergedInto: numOrNull(r['merged_into']),
        parentId: numOrNull(r['parent_id']),
        takenOn: r['taken_on'] === true || Number(r['taken_on']) === 1,
        clusterLabel: (r['cluster_label'] as string) ?? null,
        displayName: r['display_name'] as string,
        byFacilitator: r['user_id'] !== null && r['user_id'] !== undefined,
        createdAt: new Date(r['created_at'] as string),
        tags: [],
        dotsByGroup: {},
        dots: 0,
        votes: 0,
      });
    for (const t of tags) rows.get(Number(t['note_id']))?.tags.push(t['ingredient'] as string);
    for (const mark of marks) {
      const row = rows.get(Number(mark['note_id']));
      if (!row) continue;
      const count = Number(mark['count']);
      if (mark['kind'] === 'vote') row.votes += count;
      else {
        row.dots += count;
        const groups = (json(mark['groups']) as string[] | null) ?? [];
        for (const group of groups.length ? groups : [''])
          row.dotsByGroup[group] = (row.dotsByGroup[group] ?? 0) + count;
      }
    }
    return [...rows.values()];
  }

  /** The people who joined on a phone: not the facilitator's own place at the table. */
  joiners(m: Tx | null, dialogueId: number): Promise<DialogueJoiner[]> {
    return (m ?? this.db.manager).find(DialogueJoiner, {
      where: { dialogueId, userId: IsNull() },
      order: { id: 'ASC' },
    });
  }

  /** Each change of a note's state (let through, hidden, merged, clustered, taken on), in order: the moderation log. */
  async moderation(dialogueId: number): Promise<ModerationRow[]> {
    const rows = await this.db.query(
      "SELECT created_at, note_id, data FROM dialogue_events WHERE dialogue_id = $1 AND type = 'note' ORDER BY id",
      [dialogueId],
    );
    return rows.map((r) => {
      const data = (json(r['data']) ?? {}) as Record<string, unknown>;
      return {
        at: new Date(r['created_at'] as string),
        noteId: Number(r['note_id']),
        status: String(data['status'] ?? ''),
        reason: (data['reason'] as string | null) ?? null,
        mergedInto: (data['mergedInto'] as number | null) ?? null,
      };
    });
  }

  async setOutcome(tx: Tx, id: number, outcome: object): Promise<void> {
    await tx.update(Dialogue, { id }, { outcome: outcome as never });
  }

  async addOutcomes(tx: Tx, rows: Omit<DialogueOutcome, 'id' | 'createdAt' | 'dialogueRef'>[]): Promise<void> {
    if (rows.length) await tx.insert(DialogueOutcome, rows);
  }

  /** What the lab's closed tables wrote into it, with each table's title. */
  async outcomesOfLab(labId: number): Promise<OutcomeRow[]> {
    const rows = await this.db.query(
      `SELECT o.dialogue_id, d.title, o.entity_type, o.entity_id, o.note_id,
              CASE WHEN o.entity_type = 'lab_question' THEN n.text END AS question
       FROM dialogues d JOIN dialogue_outcomes o ON o.dialogue_id = d.id
       LEFT JOIN dialogue_notes n ON n.id = o.note_id
       WHERE d.lab_id = $1 ORDER BY o.id`,
      [labId],
    );
    return rows.map((r) => ({
      dialogueId: Number(r['dialogue_id']),
      title: r['title'] as string,
      entityType: r['entity_type'] as string,
      entityId: Number(r['entity_id']),
      noteId: numOrNull(r['note_id']),
      question: (r['question'] as string) ?? null,
    }));
  }

  /** Makes (or replaces) the joiner's personal link. */
  async setReturnLink(joinerId: number, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.db.write(async (tx) => {
      await tx.delete(DialogueReturnLink, { joinerId });
      await tx.insert(DialogueReturnLink, { joinerId, tokenHash, expiresAt });
    });
  }

  async returnLink(tokenHash: string): Promise<DialogueReturnLink | null> {
    return this.db.manager.findOneBy(DialogueReturnLink, { tokenHash });
  }

  joiner(id: number): Promise<DialogueJoiner | null> {
    return this.db.manager.findOneBy(DialogueJoiner, { id });
  }
}
