import { Injectable, Logger, OnApplicationShutdown, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { BulkWriter } from './bulk-writer';
import { WalCheckpointer } from './wal-checkpointer';

/** A write's transaction, as `Db.write` hands it out: repositories take it, services only pass it on. */
export type Tx = EntityManager;

interface Job {
  work: (manager: EntityManager) => Promise<unknown>;
  /** Runs on its own, outside the group's transaction (a bulk write on its own connection). */
  alone?: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** What `make` gives for `key`, made once and kept; the oldest entry goes when `max` are kept. */
function remember<K, V>(map: Map<K, V>, key: K, max: number, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size >= max) map.delete(map.keys().next().value as K);
    map.set(key, value);
  }
  return value;
}

/** The rewrite of each statement, done once (the statements are constants; their values are parameters). */
const rewritten = new Map<string, { text: string; order: number[] }>();

/**
 * $1, $2 … placeholders as SQLite's positional ?, with the parameters in that order (a placeholder may repeat)
 * and booleans as 1 and 0 (better-sqlite3 binds no booleans).
 */
function positional(sql: string, params: unknown[]): { text: string; ordered: unknown[] } {
  const known = remember(rewritten, sql, 1000, () => {
    const order: number[] = [];
    return { text: sql.replace(/\$(\d+)/g, (_, n: string) => (order.push(Number(n) - 1), '?')), order };
  });
  const ordered = new Array<unknown>(known.order.length);
  for (let i = 0; i < ordered.length; i++) {
    const value = params[known.order[i]];
    ordered[i] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  return { text: known.text, ordered };
}

/**
 * Plain SQL with $1-style placeholders inside a write's transaction (the manager Db.write hands out), on both
 * databases.
 */
export function managerQuery<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (manager.connection.options.type === 'postgres') return manager.query(sql, params);
  // SQLite has one connection: the write's transaction is on it, so its kept statement runs inside that transaction.
  return runNow<T>(connectionOf(manager.connection), sql, params);
}

/** `run` with $n placeholders, as a settled promise: an error rejects it, as an asynchronous driver's would. */
function runNow<T>(connection: Connection, sql: string, params: unknown[], asArrays = false): Promise<T[]> {
  const { text, ordered } = positional(sql, params);
  try {
    return Promise.resolve(run<T>(connection, text, ordered, asArrays));
  } catch (error) {
    return Promise.reject(error);
  }
}

interface Statement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
  raw(toggle: boolean): Statement;
}
interface Connection {
  prepare(sql: string): Statement;
  pragma(sql: string): unknown;
}
const connectionOf = (dataSource: DataSource) =>
  (dataSource.driver as unknown as { databaseConnection: Connection }).databaseConnection;
/** Each connection's prepared statements, by their text: one map for rows as objects, one for rows as arrays. */
const kept = new WeakMap<Connection, { objects: Map<string, Statement>; arrays: Map<string, Statement> }>();

/**
 * A statement on better-sqlite3 (parameters already positional, see `positional`), prepared once per connection
 * and kept (at most 500 of each kind), counted for the query-count test.
 */
function run<T>(connection: Connection, sql: string, params: unknown[], asArrays = false): T[] {
  Db.directQueries++;
  let statements = kept.get(connection);
  if (!statements) kept.set(connection, (statements = { objects: new Map(), arrays: new Map() }));
  try {
    const statement = asArrays
      ? remember(statements.arrays, sql, 500, () => connection.prepare(sql).raw(true))
      : remember(statements.objects, sql, 500, () => connection.prepare(sql));
    if (statement.reader) return statement.all(...params) as T[];
    statement.run(...params);
    return [];
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}

/** Plain reads (SELECT or WITH … SELECT): the statements Db.query may run on the driver directly. */
const READ = /^\s*(SELECT|WITH)\b/i;

/** At most this many writes share one commit. */
const GROUP = 64;

/**
 * The one way to write. TypeORM's SQLite driver shares a single connection, so two overlapping
 * transactions fail with "cannot start a transaction within a transaction" (typeorm #8668, #1884).
 * On SQLite every write therefore waits its turn in a queue, and the writes that queued up while one
 * commit was running share the next (group commit): each runs in its own savepoint, so a failing write
 * is rolled back alone, and none is answered before the commit that holds it. On PostgreSQL each write
 * gets its own pooled connection and transaction.
 */
@Injectable()
export class Db implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly jobs: Job[] = [];
  private checkpointer?: WalCheckpointer;
  private draining = false;
  private scheduled = false;
  readonly serialised: boolean;

  constructor(readonly dataSource: DataSource) {
    this.serialised = dataSource.options.type !== 'postgres';
  }

  /** On a SQLite file, the write-ahead log is copied into the database by a worker thread (see WalCheckpointer). */
  onModuleInit(): void {
    const file = this.dataSource.options.database;
    if (!this.serialised || typeof file !== 'string' || file === ':memory:' || file === '') return;
    const logger = new Logger('Db');
    this.checkpointer = WalCheckpointer.start(file, connectionOf(this.dataSource), (message) =>
      logger.warn(`WAL checkpoint: ${message}`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.checkpointer?.stop();
  }

  /**
   * On a signal (SIGTERM, Ctrl-C) the connection is closed before the process ends: on SQLite the last
   * connection to close copies the log into the file and removes it, so a stopped server leaves one file.
   */
  async onApplicationShutdown(signal?: string): Promise<void> {
    if (signal && this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  get isPostgres(): boolean {
    return !this.serialised;
  }

  /**
   * Plain SQL with PostgreSQL-style $1, $2 … placeholders on both databases; on SQLite each
   * occurrence becomes a positional ? (a placeholder may be used more than once).
   */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!this.serialised) return READ.test(sql) ? this.prepared<T>(sql, params) : this.dataSource.query(sql, params);
    // Reads go straight to better-sqlite3 with a kept prepared statement: the same connection TypeORM uses,
    // without its query-runner round for every statement (the benchmark's ratio against the raw driver).
    if (READ.test(sql)) return runNow<T>(connectionOf(this.dataSource), sql, params);
    const { text, ordered } = positional(sql, params);
    return this.dataSource.query(text, ordered);
  }

  /**
   * A read whose rows come as arrays of their columns, in the order selected: for the aggregations that read
   * thousands of rows (charts, round results), where making an object per row is a fifth of the driver's time.
   */
  rows(sql: string, params: unknown[] = []): Promise<unknown[][]> {
    if (!this.serialised) return this.prepared<unknown[]>(sql, params, true);
    return runNow<unknown[]>(connectionOf(this.dataSource), sql, params, true);
  }

  /** Statements run directly on the driver (counted by the query-count test alongside TypeORM's). */
  static directQueries = 0;

  /**
   * A read on PostgreSQL as a named prepared statement: each pooled connection parses and plans it once
   * (and may settle on a generic plan), instead of planning every request's statements again.
   */
  private async prepared<T>(sql: string, params: unknown[], asArrays = false): Promise<T[]> {
    Db.directQueries++;
    const name = remember(this.names, sql, 1000, () => `q_${createHash('sha1').update(sql).digest('hex')}`);
    const pool = (
      this.dataSource.driver as unknown as {
        master: {
          query(q: { name: string; text: string; values: unknown[]; rowMode?: 'array' }): Promise<{ rows: T[] }>;
        };
      }
    ).master;
    try {
      return (await pool.query({ name, text: sql, values: params, ...(asArrays ? { rowMode: 'array' as const } : {}) }))
        .rows;
    } catch (error) {
      throw new QueryFailedError(sql, params, error as Error);
    }
  }

  private readonly names = new Map<string, string>();

  /** Runs `work` in a transaction; all of it is committed or none of it. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialised) return this.dataSource.transaction(work);
    return new Promise<T>((resolve, reject) =>
      this.enqueue({ work, resolve: resolve as (value: unknown) => void, reject }),
    );
  }

  /** Statements that `work` hands to `exec`, one after another. */
  private static statements =
    (exec: (sql: string, params: unknown[]) => Promise<unknown>) =>
    (sql: string, params: unknown[] = []) =>
      exec(sql, params).then(() => undefined);

  /**
   * A large write, all or nothing, during which other requests are served: `work` hands its statements to `exec`
   * (plain SQL with $n placeholders) a batch at a time, awaiting each. On PostgreSQL one transaction on a pooled
   * connection of its own. On a SQLite file one transaction on a connection of its own in a worker thread
   * (BulkWriter): the server's thread stays free, its reads see what was committed before, and its writes wait
   * in the queue until the bulk write is done, as SQLite has one writer at a time.
   */
  bulk<T>(work: (exec: (sql: string, params?: unknown[]) => Promise<void>) => Promise<T>): Promise<T> {
    if (!this.serialised)
      return this.dataSource.transaction((m) => work(Db.statements((sql, params) => m.query(sql, params))));
    const file = this.dataSource.options.database;
    if (typeof file !== 'string' || file === ':memory:' || file === '')
      return this.write((m) => work(Db.statements((sql, params) => managerQuery(m, sql, params))));
    return new Promise<T>((resolve, reject) => {
      const alone = async () => {
        const writer = BulkWriter.open(file);
        try {
          await writer.run('BEGIN IMMEDIATE');
          const value = await work(
            Db.statements((sql, params) => {
              const { text, ordered } = positional(sql, params);
              return writer.run(text, ordered);
            }),
          );
          await writer.run('COMMIT');
          return value;
        } catch (error) {
          await writer.run('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          await writer.close();
        }
      };
      this.enqueue({
        work: () => Promise.reject(new Error('runs alone')),
        alone,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }

  private enqueue(job: Job): void {
    this.jobs.push(job);
    // The commit waits for the requests that arrived together with this one (the rest of this turn of the event
    // loop): on SQLite each statement is synchronous, so without the wait every group would hold a single write.
    if (!this.draining && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.drain();
      });
    }
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.jobs.length) {
        const alone = this.jobs.findIndex((job) => job.alone);
        if (alone === 0) {
          const job = this.jobs.shift()!;
          await job.alone!().then(job.resolve, job.reject);
          continue;
        }
        await this.commitGroup(this.jobs.splice(0, alone === -1 ? GROUP : Math.min(GROUP, alone)));
        if (this.checkpointer?.catchUpWanted) this.checkpointer.catchUp();
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(group: Job[]): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await runner.startTransaction();
      // A savepoint per write: one that fails leaves no trace and does not touch the others. Kept statements on the
      // one connection (the group's transaction is on it), instead of the ORM preparing each savepoint anew.
      const connection = connectionOf(this.dataSource);
      for (const job of group) {
        run(connection, 'SAVEPOINT write', []);
        try {
          const value = await job.work(runner.manager);
          run(connection, 'RELEASE write', []);
          outcomes.push({ ok: true, value });
        } catch (error) {
          run(connection, 'ROLLBACK TO write', []);
          run(connection, 'RELEASE write', []);
          outcomes.push({ ok: false, value: error });
        }
      }
      await runner.commitTransaction();
    } catch (error) {
      // The commit itself failed: nothing of the group was stored.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      group.forEach((job) => job.reject(error));
      return;
    } finally {
      await runner.release();
    }
    group.forEach((job, i) => (outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value)));
  }
}
