import { Injectable, Logger, OnApplicationShutdown, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Client as PgClient, Pool as PgPool, PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config';
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
  /** When it was queued: it waits for a lock held elsewhere at most SQLITE_BUSY_TIMEOUT_MS from then. */
  since?: number;
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
  readonly inTransaction: boolean;
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

/** SQLite's answer when another connection holds the lock (SQLITE_BUSY and its extended codes). */
const isBusy = (error: unknown) =>
  /^SQLITE_BUSY/.test(String((error as { driverError?: { code?: string } })?.driverError?.code ?? ''));

/** How long the server's own connection waits on its thread for a lock, outside `Db.begin`'s wait. */
const THREAD_BUSY_MS = 50;

/** node-postgres' words for a statement that got no answer: the connection it was sent on is not used again. */
const SILENT = /Query read timeout/;

/** Rejects with "database unreachable" when `work` has not settled in `ms`. */
function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database unreachable: no answer in ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** TypeORM's view of the shared query runner's transaction, kept in step with the one Db opens itself. */
type RunnerState = { isTransactionActive: boolean; transactionDepth: number };

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
  private readonly busyTimeoutMs: number;
  private readonly synchronous: 'NORMAL' | 'FULL';
  private readonly logger = new Logger('Db');

  constructor(
    readonly dataSource: DataSource,
    @Optional() config?: AppConfig,
  ) {
    this.serialised = dataSource.options.type !== 'postgres';
    this.busyTimeoutMs = config?.SQLITE_BUSY_TIMEOUT_MS ?? 5000;
    this.synchronous = config?.SQLITE_SYNCHRONOUS ?? 'NORMAL';
  }

  /** On a SQLite file, the write-ahead log is copied into the database by a worker thread (see WalCheckpointer). */
  onModuleInit(): void {
    if (!this.serialised) return this.guardPool();
    const file = this.dataSource.options.database;
    if (!this.serialised || typeof file !== 'string' || file === ':memory:' || file === '') return;
    // Writes wait for a lock held elsewhere in Db.begin, between turns of the event loop; the thread itself waits
    // only briefly, so reads go on while another process holds the write lock.
    connectionOf(this.dataSource).pragma(`busy_timeout = ${THREAD_BUSY_MS}`);
    this.checkpointer = WalCheckpointer.start(file, connectionOf(this.dataSource), (message) =>
      this.logger.warn(`WAL checkpoint: ${message}`),
    );
  }

  private get pool(): PgPool & { _clients?: PoolClient[] } {
    return (this.dataSource.driver as unknown as { master: PgPool & { _clients?: PoolClient[] } }).master;
  }

  /**
   * A connection whose statement got no answer in time (a black-holed network) is closed, so the pool opens a new
   * one (or fails to, within DATABASE_CONNECT_TIMEOUT_MS) instead of queueing the next request behind the silence.
   * TypeORM hands such a connection back to the pool as if it were fine.
   */
  private guardPool(): void {
    const guard = (client: PoolClient) => {
      const marked = client as PoolClient & { guarded?: boolean };
      if (marked.guarded) return;
      marked.guarded = true;
      const query = client.query as (...args: unknown[]) => unknown;
      const drop = (error: unknown) => {
        if (SILENT.test(String((error as Error | undefined)?.message))) Db.cut(client);
      };
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = function (...args: unknown[]) {
        const last = args.length - 1;
        const callback = args[last];
        if (typeof callback === 'function')
          args[last] = (error: unknown, result: unknown) => (drop(error), callback(error, result));
        const result = query.apply(this, args);
        if (result instanceof Promise) result.catch(drop);
        return result;
      };
    };
    this.pool._clients?.forEach(guard);
    this.pool.on('connect', guard);
  }

  /** Ends a pooled connection at once, without waiting for the other side (which may never answer). */
  private static cut(client: PoolClient): void {
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  }

  /**
   * Does the database answer within `ms`: for the health check, which must say "unreachable" quickly. On PostgreSQL,
   * when the pool does not answer in time, a fresh connection tells a busy pool from a lost server; a lost server's
   * pooled connections are all closed, so the requests waiting on them are answered 503 now.
   */
  async ping(ms: number): Promise<void> {
    try {
      await within(this.dataSource.query('SELECT 1'), ms);
    } catch (error) {
      if (this.serialised) throw error;
      const options = this.pool.options;
      const fresh = new PgClient({ ...options, connectionTimeoutMillis: ms, query_timeout: ms } as object);
      const reachable = await within(
        fresh.connect().then(() => fresh.query('SELECT 1')),
        ms + 100,
      ).then(
        () => true,
        () => false,
      );
      void fresh.end().catch(() => undefined);
      if (reachable) return;
      this.pool._clients?.forEach((client) => Db.cut(client));
      throw error;
    }
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
        const writer = BulkWriter.open(file, { synchronous: this.synchronous, busyTimeoutMs: this.busyTimeoutMs });
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
    job.since = Date.now();
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
    const connection = connectionOf(this.dataSource);
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      // The oldest write of the group sets how long it waits for the lock: no write waits much longer than
      // SQLITE_BUSY_TIMEOUT_MS in all, also when groups before it waited too.
      await this.begin(connection, runner, Math.min(...group.map((job) => job.since ?? Date.now())));
      // A savepoint per write: one that fails leaves no trace and does not touch the others. Kept statements on the
      // one connection (the group's transaction is on it), instead of the ORM preparing each savepoint anew.
      for (const job of group) {
        run(connection, 'SAVEPOINT write', []);
        try {
          const value = await job.work(runner.manager);
          run(connection, 'RELEASE write', []);
          outcomes.push({ ok: true, value });
        } catch (error) {
          // Some failures (a full disk, an I/O error) end the whole transaction: then none of the group is stored.
          if (!connection.inTransaction) throw error;
          run(connection, 'ROLLBACK TO write', []);
          run(connection, 'RELEASE write', []);
          outcomes.push({ ok: false, value: error });
        }
        if (!connection.inTransaction) throw new Error('the transaction ended before its commit');
      }
      run(connection, 'COMMIT', []);
      Db.track(runner, false);
    } catch (error) {
      // The commit itself failed (a full disk, a lock held elsewhere): nothing of the group was stored, and no
      // transaction or savepoint stays open, so later writes start afresh and nothing is acknowledged unstored.
      this.abandon(connection, runner, error);
      group.forEach((job) => job.reject(error));
      return;
    } finally {
      await runner.release();
    }
    group.forEach((job, i) => (outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value)));
  }

  /**
   * Opens the group's transaction with the write lock taken (BEGIN IMMEDIATE). When another process holds the
   * lock (a backup tool, a `sqlite3` shell), it tries again between turns of the event loop until
   * SQLITE_BUSY_TIMEOUT_MS has passed since `since` (at least once), then fails with SQLITE_BUSY (answered 503
   * with Retry-After).
   */
  private async begin(connection: Connection, runner: QueryRunner, since: number): Promise<void> {
    const until = since + this.busyTimeoutMs;
    // A transaction left open by a rollback that failed before is ended first: a write never joins it.
    if (connection.inTransaction) run(connection, 'ROLLBACK', []);
    for (;;) {
      try {
        run(connection, 'BEGIN IMMEDIATE', []);
        Db.track(runner, true);
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= until) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  /** Rolls back whatever is left of a failed group's transaction on the connection. */
  private abandon(connection: Connection, runner: QueryRunner, cause: unknown): void {
    try {
      if (connection.inTransaction) run(connection, 'ROLLBACK', []);
    } catch (error) {
      this.logger.error({ msg: 'rollback after a failed commit failed', cause: String(cause), error: String(error) });
    }
    Db.track(runner, connection.inTransaction);
  }

  /** Tells TypeORM's shared runner whether a transaction is open, so its own saves run inside the group's. */
  private static track(runner: QueryRunner, open: boolean): void {
    const state = runner as unknown as RunnerState;
    state.isTransactionActive = open;
    state.transactionDepth = open ? 1 : 0;
  }
}
