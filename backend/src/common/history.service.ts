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

/** A record of the history named in words; see HistoryService.subjectsOf. */
export interface HistorySubject {
  label: string | null;
  number: number | null;
  kind: string | null;
  date: string | null;
  parentId: number | null;
  parentLabel: string | null;
  deleted: boolean;
}

const LABEL_FIELDS = ['title', 'name', 'pseudonym', 'ifWe'];
const PARENT_FIELDS: Record<string, { field: string; type: string } | undefined> = {
  iteration: { field: 'experimentId', type: 'experiment' },
  hypothesis: { field: 'experimentId', type: 'experiment' },
  observation: { field: 'indicatorId', type: 'indicator' },
};
const stringOr = (v: unknown) => (typeof v === 'string' && v ? v : null);
const numberOr = (v: unknown) => (typeof v === 'number' ? v : null);
const labelOf = (values: Map<string, unknown>) =>
  LABEL_FIELDS.map((f) => stringOr(values.get(f))).find((v) => v !== null) ?? null;

/** Per record, each field's value as last recorded (newest entry first; a delete's "from"), and whether deleted. */
function lastKnown(rows: HistoryRow[]) {
  const out = new Map<string, { values: Map<string, unknown>; deleted: boolean }>();
  for (const row of rows) {
    const key = `${row.entityType}:${row.entityId}`;
    const record = out.get(key) ?? { values: new Map<string, unknown>(), deleted: false };
    out.set(key, record);
    if (row.action === 'delete') record.deleted = true;
    for (const [field, change] of Object.entries(row.changes)) {
      const value = row.action === 'delete' ? change.from : change.to;
      if (!record.values.has(field) && value !== null && value !== undefined) record.values.set(field, value);
    }
  }
  return out;
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
    const subjects = await this.subjectsOf(labId, items);
    return { total, items: items.map((i) => ({ ...i, subject: subjects.get(`${i.entityType}:${i.entityId}`)! })) };
  }

  /**
   * Names each record of a page in words, from what the history itself last recorded of it (so an erased
   * participant's entries, emptied by erasure, name no one): a title, name, pseudonym or the "if we" of a hypothesis;
   * a cycle's number; an observation's kind and date; the experiment of a cycle or hypothesis and the indicator of a
   * measure. Never a story's words or a contact.
   */
  private async subjectsOf(labId: number, items: { entityType: string; entityId: number }[]) {
    const records = items.map((i) => ({ type: i.entityType, id: i.entityId }));
    const known = lastKnown(await this.repo.entriesOf(labId, records));
    const parentOf = (type: string, values: Map<string, unknown>) => {
      const field = PARENT_FIELDS[type];
      const id = field ? values.get(field.field) : undefined;
      return typeof id === 'number' ? { type: field!.type, id } : null;
    };
    const parents = records.flatMap((r) => {
      const p = parentOf(r.type, known.get(`${r.type}:${r.id}`)?.values ?? new Map());
      return p ? [p] : [];
    });
    const knownParents = lastKnown(await this.repo.entriesOf(labId, parents));
    const subjects = new Map<string, HistorySubject>();
    for (const r of records) {
      const key = `${r.type}:${r.id}`;
      const record = known.get(key) ?? { values: new Map<string, unknown>(), deleted: false };
      const parent = parentOf(r.type, record.values);
      const parentValues = parent ? knownParents.get(`${parent.type}:${parent.id}`)?.values : undefined;
      subjects.set(key, {
        label: labelOf(record.values),
        number: numberOr(record.values.get('number')),
        kind: stringOr(record.values.get('kind')),
        date: stringOr(record.values.get('observedOn')),
        parentId: parent?.id ?? null,
        parentLabel: parentValues ? labelOf(parentValues) : null,
        deleted: record.deleted,
      });
    }
    return subjects;
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
