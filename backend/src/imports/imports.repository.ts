import { Injectable } from '@nestjs/common';
import { Db, managerQuery, Tx } from '../database/db';

/** An iteration an import's rows may name: by its experiment's title and its number. */
export interface IterationRef {
  id: number;
  number: number;
  experimentTitle: string;
}

export interface IndicatorRef {
  id: number;
  name: string;
}

/** An earlier import of the same file (or the same Idempotency-Key) into a lab. */
export interface EarlierImport {
  importedAt: string;
  rows: number;
}

/** Runs one statement with $n placeholders: Db.bulk's `exec`, or a write's transaction. */
export type Exec = (sql: string, params?: unknown[]) => Promise<unknown>;

export interface ParticipantRef {
  id: number;
  pseudonym: string;
}

/**
 * All of the imports feature's SQL: what a lab's files may refer to. The rows themselves are written by the features
 * that own them (observations, attendance), inside the write this repository opens.
 */
@Injectable()
export class ImportsRepository {
  constructor(private readonly db: Db) {}

  async iterations(labId: number): Promise<IterationRef[]> {
    const rows = await this.db.query(
      `SELECT i.id, i.number, e.title FROM iterations i JOIN experiments e ON e.id = i.experiment_id
       WHERE i.lab_id = $1`,
      [labId],
    );
    return rows.map((r) => ({ id: Number(r['id']), number: Number(r['number']), experimentTitle: String(r['title']) }));
  }

  async indicators(labId: number): Promise<IndicatorRef[]> {
    const rows = await this.db.query('SELECT id, name FROM indicators WHERE lab_id = $1', [labId]);
    return rows.map((r) => ({ id: Number(r['id']), name: String(r['name']) }));
  }

  async valueDimensions(labId: number): Promise<string[]> {
    const [lab] = await this.db.query('SELECT value_dimensions FROM labs WHERE id = $1', [labId]);
    const dims = lab['value_dimensions'];
    return typeof dims === 'string' ? (JSON.parse(dims) as string[]) : (dims as string[]);
  }

  /** The lab's participants who may still be named (not erased). */
  async participants(labId: number): Promise<ParticipantRef[]> {
    const rows = await this.db.query('SELECT id, pseudonym FROM participants WHERE lab_id = $1 AND erased_at IS NULL', [
      labId,
    ]);
    return rows.map((r) => ({ id: Number(r['id']), pseudonym: String(r['pseudonym']) }));
  }

  /** The import of this kind into this lab with this idempotency key, if there was one. */
  async earlier(labId: number, kind: string, key: string): Promise<EarlierImport | null> {
    const [row] = await this.db.query(
      'SELECT row_count, imported_at FROM import_keys WHERE lab_id = $1 AND kind = $2 AND import_key = $3',
      [labId, kind, key],
    );
    if (!row) return null;
    const at = row['imported_at'];
    const importedAt =
      at instanceof Date ? at.toISOString() : new Date(`${String(at).replace(' ', 'T')}Z`).toISOString();
    return { importedAt, rows: Number(row['row_count']) };
  }

  /**
   * Remembers the import in its own transaction; a second import with the same key at the same moment then fails on
   * the primary key (409) and is rolled back whole.
   */
  async remember(exec: Exec, labId: number, kind: string, key: string, rows: number): Promise<void> {
    await exec('INSERT INTO import_keys (lab_id, kind, import_key, row_count) VALUES ($1, $2, $3, $4)', [
      labId,
      kind,
      key,
      rows,
    ]);
  }

  /** A write's transaction as an `exec`. */
  static execIn(tx: Tx): Exec {
    return (sql, params = []) => managerQuery(tx, sql, params);
  }

  /**
   * A large write, all or nothing, while other requests are served (Db.bulk: on a SQLite file a connection of its own
   * in a worker thread): `work` hands its statements to `exec`.
   */
  bulk<T>(work: (exec: (sql: string, params?: unknown[]) => Promise<void>) => Promise<T>): Promise<T> {
    return this.db.bulk(work);
  }
}
