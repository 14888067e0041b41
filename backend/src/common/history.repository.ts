import { Injectable } from '@nestjs/common';
import { Db, managerQuery, type Tx } from '../database/db';
import { HistoryEntry } from './history.entity';

/** A history entry as stored: `changes` parsed, the author's name beside it. */
export interface HistoryRow {
  id: number;
  entityType: string;
  entityId: number;
  action: 'create' | 'update' | 'delete';
  changes: Record<string, { from: unknown; to: unknown }>;
  createdAt: string;
  userId: number | null;
  userName: string | null;
}

/** What the consent rules need to know of the people named in a page of history. */
export interface ConsentRow {
  id: number;
  quote: boolean;
  contact: boolean;
}

export type Exec = (sql: string, params: unknown[]) => Promise<unknown>;
export type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

const truthy = (v: unknown) => v === true || v === 1 || v === '1';
export function parseChanges(value: unknown): Record<string, { from: unknown; to: unknown }> {
  return (typeof value === 'string' ? JSON.parse(value) : (value ?? {})) as Record<
    string,
    { from: unknown; to: unknown }
  >;
}
const toRow = (r: Record<string, unknown>): HistoryRow => ({
  id: Number(r['id']),
  entityType: r['entity_type'] as string,
  entityId: Number(r['entity_id']),
  action: r['action'] as HistoryRow['action'],
  changes: parseChanges(r['changes']),
  createdAt: new Date(r['created_at'] as string).toISOString(),
  userId: r['user_id'] === null || r['user_id'] === undefined ? null : Number(r['user_id']),
  userName: (r['user_name'] as string) ?? null,
});

/**
 * The history table's SQL. The history is a copy of what the features wrote, so besides its own table it reads the
 * two facts its consent rule needs (who told a story, and their consent) from observations and participants.
 */
@Injectable()
export class HistoryRepository {
  constructor(private readonly db: Db) {}

  /** Statements run inside a write's transaction (the manager Db.write hands out). */
  static inTransaction(tx: Tx): Exec {
    return (sql, params) => managerQuery(tx, sql, params);
  }

  /** A plain insert: every write in the product passes here, and the ORM would read the row back for nothing. */
  async insert(
    exec: Exec,
    entry: { entityType: string; entityId: number; labId: number | null; userId: number | null },
    action: string,
    changes: object,
  ): Promise<void> {
    await exec(
      `INSERT INTO history (entity_type, entity_id, lab_id, action, user_id, changes)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.entityType, entry.entityId, entry.labId, action, entry.userId, JSON.stringify(changes)],
    );
  }

  /** Observation entries whose changes may name the participant (a coarse LIKE; the caller confirms by parsing). */
  async observationEntriesMentioning(query: Query, labId: number, participantId: number): Promise<HistoryRow[]> {
    const rows = await query(
      `SELECT id, entity_type, entity_id, action, changes, created_at FROM history
       WHERE lab_id = $1 AND entity_type = 'observation' AND CAST(changes AS TEXT) LIKE $2 ORDER BY id`,
      [labId, `%"participantId":%${Number(participantId)}%`],
    );
    return rows.map(toRow);
  }

  /** Keeps the events of records' history but drops their values (erasure, deleted accounts). */
  async emptyValues(tx: Tx, entityType: string, entityIds: number[]): Promise<void> {
    await managerQuery(
      tx,
      `UPDATE history SET changes = $1
       WHERE entity_type = $2 AND entity_id IN (${entityIds.map((_, i) => `$${i + 3}`).join(', ')})`,
      [JSON.stringify({}), entityType, ...entityIds],
    );
  }

  /** Empties the given entries' values (erasure of the stories that named a participant). */
  async emptyEntries(tx: Tx, ids: number[]): Promise<void> {
    if (!ids.length) return;
    await managerQuery(
      tx,
      `UPDATE history SET changes = $1 WHERE id IN (${ids.map((_, i) => `$${i + 2}`).join(', ')})`,
      [JSON.stringify({}), ...ids],
    );
  }

  /** A record's own history, oldest first (the personal-data export). */
  async ofRecord(entityType: string, entityId: number): Promise<HistoryRow[]> {
    const rows = await this.db.query(
      `SELECT id, entity_type, entity_id, action, changes, created_at, user_id FROM history
       WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
      [entityType, entityId],
    );
    return rows.map(toRow);
  }

  /** A page of a lab's history, newest first, with the total; optionally of one record. */
  async pageOfLab(
    labId: number,
    limit: number,
    offset: number,
    entity?: { type: string; id: number },
  ): Promise<{ total: number; rows: HistoryRow[] }> {
    const qb = this.db.manager
      .createQueryBuilder(HistoryEntry, 'h')
      .leftJoin('users', 'u', 'u.id = h.user_id')
      .select([
        'h.id AS id',
        'h.entity_type AS entity_type',
        'h.entity_id AS entity_id',
        'h.action AS action',
        'h.changes AS changes',
        'h.created_at AS created_at',
        'h.user_id AS user_id',
        'u.display_name AS user_name',
      ])
      .where('h.lab_id = :labId', { labId });
    if (entity) qb.andWhere('h.entity_type = :type AND h.entity_id = :id', entity);
    const total = await qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: string | number }>();
    const rows = await qb.orderBy('h.id', 'DESC').limit(limit).offset(offset).getRawMany<Record<string, unknown>>();
    return { total: Number(total?.n ?? 0), rows: rows.map(toRow) };
  }

  /**
   * Every entry of the given records in a lab, newest first: what the history page needs to name a record in words
   * (its last known title, number or date) and to know whether it was deleted since.
   */
  async entriesOf(labId: number, records: { type: string; id: number }[]): Promise<HistoryRow[]> {
    if (!records.length) return [];
    const types = [...new Set(records.map((r) => r.type))];
    const ids = [...new Set(records.map((r) => Number(r.id)))];
    const rows = await this.db.query(
      `SELECT id, entity_type, entity_id, action, changes, created_at, user_id FROM history
       WHERE lab_id = $1 AND entity_type IN (${types.map((_, i) => `$${i + 2}`).join(', ')})
       AND entity_id IN (${ids.join(',')}) ORDER BY id DESC`,
      [labId, ...types],
    );
    const wanted = new Set(records.map((r) => `${r.type}:${r.id}`));
    return rows.map(toRow).filter((r) => wanted.has(`${r.entityType}:${r.entityId}`));
  }

  /** Every participant id an observation's history ever named, per observation. */
  async tellersInHistory(
    labId: number,
    observationIds: number[],
  ): Promise<{ observationId: number; from: unknown; to: unknown }[]> {
    const rows = await this.db.query(
      `SELECT entity_id, changes FROM history
       WHERE lab_id = $1 AND entity_type = 'observation' AND entity_id IN (${observationIds.map(Number).join(',')})`,
      [labId],
    );
    return rows.flatMap((r) => {
      const change = parseChanges(r['changes'])['participantId'];
      return change ? [{ observationId: Number(r['entity_id']), from: change.from, to: change.to }] : [];
    });
  }

  /** The participant each observation is attributed to now. */
  async tellersNow(
    labId: number,
    observationIds: number[],
  ): Promise<{ observationId: number; participantId: unknown }[]> {
    const rows = await this.db.query(
      `SELECT id, participant_id FROM observations
       WHERE lab_id = $1 AND id IN (${observationIds.map(Number).join(',')})`,
      [labId],
    );
    return rows.map((r) => ({ observationId: Number(r['id']), participantId: r['participant_id'] }));
  }

  /** Quote and contact consent as it is now; an erased participant has neither. */
  async consentOf(labId: number, participantIds: number[]): Promise<ConsentRow[]> {
    const rows = await this.db.query(
      `SELECT id, consent_quote, consent_contact, erased_at FROM participants
       WHERE lab_id = $1 AND id IN (${participantIds.map(Number).join(',')})`,
      [labId],
    );
    return rows.map((r) => {
      const erased = r['erased_at'] !== null;
      return {
        id: Number(r['id']),
        quote: !erased && truthy(r['consent_quote']),
        contact: !erased && truthy(r['consent_contact']),
      };
    });
  }
}
