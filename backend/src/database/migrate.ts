import { DataSource, EntityManager, MigrationExecutor, QueryRunner } from 'typeorm';

/** An arbitrary, fixed key: every instance of this product takes the same advisory lock. */
const MIGRATION_LOCK_KEY = 7_341_002;

/**
 * Runs pending migrations exactly once, even when several instances start at the same moment:
 * on PostgreSQL the instances queue on an advisory lock and the later ones find nothing pending.
 * SQLite is one process by design (the database file is local), so no lock is needed.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') {
    return (await dataSource.runMigrations({ transaction: 'all' })).map((m) => m.name);
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    // On the lock's own connection, without the statement and lock timeouts every other session has: a migration
    // on a large database (an index over every observation) may take longer than a request ever should.
    const restore = await withoutTimeouts(lockRunner);
    try {
      const executor = new MigrationExecutor(dataSource, lockRunner);
      executor.transaction = 'all';
      return (await executor.executePendingMigrations()).map((m) => m.name);
    } finally {
      await restore();
    }
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}

/** Lifts the session's statement and lock timeouts, and the client's read timeout; gives back their restoring. */
async function withoutTimeouts(runner: QueryRunner): Promise<() => Promise<void>> {
  const client = (runner as unknown as { databaseConnection?: { connectionParameters?: { query_timeout?: unknown } } })
    .databaseConnection?.connectionParameters;
  const readTimeout = client?.query_timeout;
  if (client) client.query_timeout = false;
  await runner.query('SET statement_timeout = 0');
  await runner.query('SET lock_timeout = 0');
  return async () => {
    if (client) client.query_timeout = readTimeout;
    await runner.query('RESET statement_timeout').catch(() => undefined);
    await runner.query('RESET lock_timeout').catch(() => undefined);
  };
}

/**
 * Inside a first-start step's transaction (the first admin, the demo data): on PostgreSQL waits for the migrations'
 * advisory lock and holds it until the transaction ends, so of several instances starting together one does the
 * step and the others, checking again after the wait, find it done.
 */
export async function holdFirstStartLock(manager: EntityManager): Promise<void> {
  if (manager.connection.options.type !== 'postgres') return;
  await manager.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
}
