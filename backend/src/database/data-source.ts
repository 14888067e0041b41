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
      extra: { max: 10, options: config.DATABASE_SCHEMA ? `-c search_path=${config.DATABASE_SCHEMA}` : undefined },
    };
  }
  mkdirSync(dirname(config.SQLITE_PATH), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.SQLITE_PATH,
    enableWAL: true,
    // Writers wait for a lock instead of failing at once (a backup or a second process may hold it).
    timeout: 5000,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
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
