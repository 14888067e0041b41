import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';
import { type Exec, HistoryRepository, type HistoryRow, type Query } from './history.repository';

export type Snapshot = Record<string, unknown>;

export interface HistoryRecord {
  entityType: string;
  entityId: number;
  labId: number | null;
  userId: number | null;
  before: Snapshot | null;
  after: Snapshot | null;
}

type Change = { from: unknown; to: unknown; withheld?: boolean };

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

/**
 * The one way into the history: every create, change and delete is recorded here, inside the same transaction as
 * the change, and erasure empties the history here too. What is and is not recorded: docs/architecture.md, "History".
 */
@Injectable()
export class HistoryService {
  constructor(private readonly repo: HistoryRepository) {}

  async record(tx: Tx, entry: HistoryRecord): Promise<void> {
    await this.recordWith(HistoryRepository.inTransaction(tx), entry);
  }

  /** Like record, for a write that runs its statements itself (Db.bulk). */
  async recordWith(exec: Exec, entry: HistoryRecord): Promise<void> {
    const action = entry.before === null ? 'create' : entry.after === null ? 'delete' : 'update';
    const changes = diff(entry.before, entry.after);
    if (action === 'update' && Object.keys(changes).length === 0) return;
    await this.repo.insert(exec, entry, action, changes);
  }

  /**
   * The history entries of observations that ever named this participant (created, changed or deleted), found in the
   * JSON by a coarse LIKE and confirmed by parsing. Erasure empties them; the personal-data export lists them.
   */
  async mentioningParticipant(query: Query, labId: number, participantId: number) {
    const rows = await this.repo.observationEntriesMentioning(query, labId, participantId);
    return rows
      .map((r) => ({ id: r.id, entityId: r.entityId, action: r.action, createdAt: r.createdAt, changes: r.changes }))
      .filter((r) => {
        const change = r.changes['participantId'];
        return !!change && (Number(change.from) === participantId || Number(change.to) === participantId);
      });
  }

  /** Erasure: the record's history keeps its events (what happened, when, by whom) but none of its values. */
  async forgetValues(tx: Tx, entityType: string, entityIds: number | number[]): Promise<void> {
    const ids = Array.isArray(entityIds) ? entityIds : [entityIds];
    if (ids.length) await this.repo.emptyValues(tx, entityType, ids);
  }

  /** Erasure: the given entries (found with mentioningParticipant) keep their events but none of their values. */
  async forgetEntries(tx: Tx, ids: number[]): Promise<void> {
    await this.repo.emptyEntries(tx, ids);
  }

  /** A record's own history, oldest first (for the personal-data export). */
  ofRecord(entityType: string, entityId: number): Promise<HistoryRow[]> {
    return this.repo.ofRecord(entityType, entityId);
  }

  async forLab(labId: number, limit: number, offset: number, entity?: { type: string; id: number }) {
    const { total, rows } = await this.repo.pageOfLab(labId, limit, offset, entity);
    const items = rows.map((r) => ({
      id: r.id,
      entityType: r.entityType,
      entityId: r.entityId,
      action: r.action,
      changes: r.changes as Record<string, Change>,
      at: r.createdAt,
      userId: r.userId,
      userName: r.userName,
    }));
    await this.withholdWithoutConsent(labId, items);
    return { total, items };
  }

  /**
   * The history is a copy of what was written, so it follows consent as the records do: a story's words only with the
   * quote consent of everyone it was ever attributed to, a contact only with contact consent, both as consent is now.
   */
  private async withholdWithoutConsent(
    labId: number,
    items: { entityType: string; entityId: number; changes: Record<string, Change> }[],
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
      for (const t of await this.repo.tellersInHistory(labId, observationIds)) {
        add(t.observationId, t.from);
        add(t.observationId, t.to);
      }
      for (const t of await this.repo.tellersNow(labId, observationIds)) add(t.observationId, t.participantId);
    }
    const participantIds = [
      ...new Set([...[...tellers.values()].flatMap((s) => [...s]), ...contacts.map((i) => i.entityId)]),
    ];
    const consent = new Map<number, { quote: boolean; contact: boolean }>();
    if (participantIds.length) for (const c of await this.repo.consentOf(labId, participantIds)) consent.set(c.id, c);
    const withhold = (change: Change) => Object.assign(change, { from: null, to: null, withheld: true });
    for (const item of stories) {
      const ids = [...(tellers.get(item.entityId) ?? [])];
      if (ids.some((id) => !consent.get(id)?.quote)) withhold(item.changes['storyText']);
    }
    for (const item of contacts) if (!consent.get(item.entityId)?.contact) withhold(item.changes['contact']);
  }
}
