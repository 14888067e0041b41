import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { Db } from '../database/db';

/** The statements of the dialogues' fan-out: the log's last ids, and the NOTIFY sent inside a write. */
@Injectable()
export class DialogueFanoutRepository {
  constructor(private readonly db: Db) {}

  /** The last event id of each of the dialogues that has one. */
  async latest(dialogueIds: number[]): Promise<Map<number, number>> {
    if (!dialogueIds.length) return new Map();
    const rows = this.db.isPostgres
      ? await this.db.rows(
          'SELECT dialogue_id, MAX(id) FROM dialogue_events WHERE dialogue_id = ANY($1::int[]) GROUP BY dialogue_id',
          [dialogueIds],
        )
      : await this.db.rows(
          `SELECT dialogue_id, MAX(id) FROM dialogue_events WHERE dialogue_id IN (SELECT value FROM json_each($1))
           GROUP BY dialogue_id`,
          [JSON.stringify(dialogueIds)],
        );
    return new Map(rows.map(([dialogue, id]) => [Number(dialogue), Number(id)]));
  }

  /** The last event id of every dialogue (read at boot on SQLite, before any write of this process). */
  async latestOfAll(): Promise<Map<number, number>> {
    const rows = await this.db.rows('SELECT dialogue_id, MAX(id) FROM dialogue_events GROUP BY dialogue_id');
    return new Map(rows.map(([dialogue, id]) => [Number(dialogue), Number(id)]));
  }

  /** NOTIFY inside the write's transaction (PostgreSQL delivers it when, and only if, the transaction commits). */
  async notify(runner: QueryRunner, channel: string, payload: string): Promise<void> {
    await runner.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }
}
