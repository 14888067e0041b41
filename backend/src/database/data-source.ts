import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions, getMetadataArgsStorage } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

/** `entities` come from the application (src/data-source.ts): this layer imports no feature. */
export function dataSourceOptions(config: AppConfig, entities: DataSourceOptions['entities']): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (config.databaseKind === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.DATABASE_URL,
      schema: config.DATABASE_SCHEMA,
      extra: {
        max: 10,
        options: config.DATABASE_SCHEMA ? `-c search_path=${config.DATABASE_SCHEMA}` : undefined,
        // Bounded waits (docs/deployment.md): a lost or stalled database answers 503 instead of holding requests.
        connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
        statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
        lock_timeout: config.DATABASE_LOCK_TIMEOUT_MS,
        idle_in_transaction_session_timeout: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        // No answer at all (a black-holed connection): the client gives up a little after the server would have.
        query_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS + 1000,
        keepAlive: true,
        keepAliveInitialDelayMillis: 5000,
      },
    };
  }
  mkdirSync(dirname(config.SQLITE_PATH), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.SQLITE_PATH,
    enableWAL: true,
    // Writers wait for a lock instead of failing at once (a backup or a second process may hold it); once the
    // server runs, Db waits for the write lock without holding its thread (see Db.begin).
    timeout: config.SQLITE_BUSY_TIMEOUT_MS,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma(`busy_timeout = ${config.SQLITE_BUSY_TIMEOUT_MS}`);
      db.pragma(`synchronous = ${config.SQLITE_SYNCHRONOUS}`);
      db.pragma('foreign_keys = ON');
    },
  };
}

/**
 * Entities declare points in time as 'datetime' (SQLite's name); PostgreSQL gets 'timestamptz'.
 * One process talks to one kind of database, so the column types are set once before the metadata is built.
 */
function applyDialect(kind: AppConfig['databaseKind']): void {
  for (const column of getMetadataArgsStorage().columns) {
    const type = column.options.type;
    if (type === 'datetime' || type === 'timestamptz')
      column.options.type = kind === 'postgres' ? 'timestamptz' : 'datetime';
  }
}

export function buildDataSource(config: AppConfig, entities: DataSourceOptions['entities']): DataSource {
  applyDialect(config.databaseKind);
  return new DataSource(dataSourceOptions(config, entities));
}
