import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way to write. TypeORM's SQLite driver shares a single connection, so two overlapping
 * transactions fail with "cannot start a transaction within a transaction" (typeorm #8668, #1884).
 * On SQLite every write therefore waits its turn in a queue; on PostgreSQL each gets its own
 * pooled connection and transaction.
 */
@Injectable()
export class Db {
  private queue: Promise<unknown> = Promise.resolve();
  readonly serialised: boolean;

  constructor(readonly dataSource: DataSource) {
    this.serialised = dataSource.options.type !== 'postgres';
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
    if (!this.serialised) return this.dataSource.query(sql, params);
    const ordered: unknown[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      ordered.push(params[Number(n) - 1]);
      return '?';
    });
    return this.dataSource.query(text, ordered);
  }

  /** Runs `work` in a transaction; all of it is committed or none of it. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialised) return this.dataSource.transaction(work);
    const run = this.queue.then(() => this.dataSource.transaction(work));
    // The queue continues whatever the outcome; the caller still sees the failure.
    this.queue = run.catch(() => undefined);
    return run;
  }
}
