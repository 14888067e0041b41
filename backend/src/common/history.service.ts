import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db, managerQuery } from '../database/db.service';
import { HistoryEntry } from './history.entity';

export type Snapshot = Record<string, unknown>;

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

  async record(
    manager: EntityManager,
    entry: { entityType: string; entityId: number; labId: number | null; userId: number | null; before: Snapshot | null; after: Snapshot | null },
  ): Promise<void> {
    const action = entry.before === null ? 'create' : entry.after === null ? 'delete' : 'update';
    const changes = diff(entry.before, entry.after);
    if (action === 'update' && Object.keys(changes).length === 0) return;
    // A plain insert: every write in the product passes here, and the ORM would read the row back for nothing.
    await managerQuery(manager, 'INSERT INTO history (entity_type, entity_id, lab_id, action, user_id, changes) VALUES ($1, $2, $3, $4, $5, $6)', [
      entry.entityType, entry.entityId, entry.labId, action, entry.userId, JSON.stringify(changes),
    ]);
  }

  async forLab(labId: number, limit: number, offset: number, entity?: { type: string; id: number }) {
    const qb = this.db.manager
      .createQueryBuilder(HistoryEntry, 'h')
      .leftJoin('users', 'u', 'u.id = h.user_id')
      .select(['h.id AS id', 'h.entity_type AS entity_type', 'h.entity_id AS entity_id', 'h.action AS action', 'h.changes AS changes', 'h.created_at AS created_at', 'h.user_id AS user_id', 'u.display_name AS user_name'])
      .where('h.lab_id = :labId', { labId });
    if (entity) qb.andWhere('h.entity_type = :type AND h.entity_id = :id', entity);
    const total = await qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: string | number }>();
    const rows = await qb.orderBy('h.id', 'DESC').limit(limit).offset(offset).getRawMany<Record<string, unknown>>();
    return {
      total: Number(total?.n ?? 0),
      items: rows.map((r) => ({
        id: Number(r['id']),
        entityType: r['entity_type'] as string,
        entityId: Number(r['entity_id']),
        action: r['action'] as 'create' | 'update' | 'delete',
        changes: typeof r['changes'] === 'string' ? JSON.parse(r['changes'] as string) : r['changes'],
        at: new Date(r['created_at'] as string).toISOString(),
        userId: r['user_id'] === null ? null : Number(r['user_id']),
        userName: (r['user_name'] as string) ?? null,
      })),
    };
  }
}
