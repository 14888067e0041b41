import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db, managerQuery } from '../database/db';
import { HistoryEntry } from './history.entity';

export type Snapshot = Record<string, unknown>;

export interface HistoryRecord {
  entityType: string;
  entityId: number;
  labId: number | null;
  userId: number | null;
  before: Snapshot | null;
  after: Snapshot | null;
}

const IGNORED = new Set(['createdAt', 'updatedAt', 'version']);

/** What changed between two snapshots, field by field. */
export function diff(before: Snapshot | null, after: Snapshot | null): Record<string, { from: unknown; to: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    if (IGNORED.has(key) || key.endsWith('Ref')) continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

/** The one mechanism that records every create, change and delete, inside the same transaction as the change. */
@Injectable()
export class HistoryService {
  constructor(private readonly db: Db) {}

  async record(manager: EntityManager, entry: HistoryRecord): Promise<void> {
    await this.recordWith((sql, params) => managerQuery(manager, sql, params), entry);
  }

  /** Like record, for a write that runs its statements itself (Db.bulk). */
  async recordWith(exec: (sql: string, params: unknown[]) => Promise<unknown>, entry: HistoryRecord): Promise<void> {
    const action = entry.before === null ? 'create' : entry.after === null ? 'delete' : 'update';
    const changes = diff(entry.before, entry.after);
    if (action === 'update' && Object.keys(changes).length === 0) return;
    // A plain insert: every write in the product passes here, and the ORM would read the row back for nothing.
    await exec(
      'INSERT INTO history (entity_type, entity_id, lab_id, action, user_id, changes) VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.entityType, entry.entityId, entry.labId, action, entry.userId, JSON.stringify(changes)],
    );
  }

  /**
   * The history entries of observations that ever named this participant (created, changed or deleted), found in the
   * JSON by a coarse LIKE and confirmed by parsing. Erasure empties them; the personal-data export lists them.
   */
  async mentioningParticipant(
    query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
    labId: number,
    participantId: number,
  ) {
    const rows = await query(
      `SELECT id, entity_type, entity_id, action, changes, created_at FROM history
       WHERE lab_id = $1 AND entity_type = 'observation' AND CAST(changes AS TEXT) LIKE $2 ORDER BY id`,
      [labId, `%"participantId":%${Number(participantId)}%`],
    );
    return rows
      .map((r) => ({
        id: Number(r['id']),
        entityId: Number(r['entity_id']),
        action: r['action'] as string,
        createdAt: r['created_at'],
        changes: parse(r['changes']),
      }))
      .filter((r) => {
        const change = r.changes['participantId'];
        return !!change && (Number(change.from) === participantId || Number(change.to) === participantId);
      });
  }

  async forLab(labId: number, limit: number, offset: number, entity?: { type: string; id: number }) {
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
    const items = rows.map((r) => ({
      id: Number(r['id']),
      entityType: r['entity_type'] as string,
      entityId: Number(r['entity_id']),
      action: r['action'] as 'create' | 'update' | 'delete',
      changes: parse(r['changes']) as Record<string, { from: unknown; to: unknown; withheld?: boolean }>,
      at: new Date(r['created_at'] as string).toISOString(),
      userId: r['user_id'] === null ? null : Number(r['user_id']),
      userName: (r['user_name'] as string) ?? null,
    }));
    await this.withholdWithoutConsent(labId, items);
    return { total: Number(total?.n ?? 0), items };
  }

  /**
   * The history is a copy of what was written, so it follows consent as the records do: a story's words only with the
   * quote consent of everyone it was ever attributed to, a contact only with contact consent, both as consent is now.
   */
  private async withholdWithoutConsent(
    labId: number,
    items: {
      entityType: string;
      entityId: number;
      changes: Record<string, { from: unknown; to: unknown; withheld?: boolean }>;
    }[],
  ): Promise<void> {
    const stories = items.filter((i) => i.entityType === 'observation' && i.changes['storyText']);
    const contacts = items.filter((i) => i.entityType === 'participant' && i.changes['contact']);
    if (!stories.length && !contacts.length) return;
    const observationIds = [...new Set(stories.map((i) => i.entityId))];
    const tellers = new Map<number, Set<number>>();
    const add = (observationId: number, participantId: unknown) => {
      if (participantId === null || participantId === undefined) return;
      if (!tellers.has(observationId)) tellers.set(observationId, new Set());
      tellers.get(observationId)!.add(Number(participantId));
    };
    if (observationIds.length) {
      const list = observationIds.join(',');
      for (const r of await this.db.query(
        `SELECT entity_id, changes FROM history WHERE lab_id = $1 AND entity_type = 'observation' AND entity_id IN (${list})`,
        [labId],
      )) {
        const change = parse(r['changes'])['participantId'];
        if (change) {
          add(Number(r['entity_id']), change.from);
          add(Number(r['entity_id']), change.to);
        }
      }
      for (const r of await this.db.query(
        `SELECT id, participant_id FROM observations WHERE lab_id = $1 AND id IN (${list})`,
        [labId],
      ))
        add(Number(r['id']), r['participant_id']);
    }
    const participantIds = [
      ...new Set([...[...tellers.values()].flatMap((s) => [...s]), ...contacts.map((i) => i.entityId)]),
    ];
    const consent = new Map<number, { quote: boolean; contact: boolean }>();
    if (participantIds.length) {
      for (const r of await this.db.query(
        `SELECT id, consent_quote, consent_contact, erased_at FROM participants WHERE lab_id = $1 AND id IN (${participantIds.join(',')})`,
        [labId],
      )) {
        const erased = r['erased_at'] !== null;
        consent.set(Number(r['id']), {
          quote: !erased && truthy(r['consent_quote']),
          contact: !erased && truthy(r['consent_contact']),
        });
      }
    }
    const withhold = (change: { from: unknown; to: unknown; withheld?: boolean }) =>
      Object.assign(change, { from: null, to: null, withheld: true });
    for (const item of stories) {
      const ids = [...(tellers.get(item.entityId) ?? [])];
      if (ids.some((id) => !consent.get(id)?.quote)) withhold(item.changes['storyText']);
    }
    for (const item of contacts) if (!consent.get(item.entityId)?.contact) withhold(item.changes['contact']);
  }
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1';
function parse(value: unknown): Record<string, { from: unknown; to: unknown }> {
  return (typeof value === 'string' ? JSON.parse(value) : (value ?? {})) as Record<
    string,
    { from: unknown; to: unknown }
  >;
}
