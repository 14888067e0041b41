import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { closeApp, createApp } from '../../backend/src/app.factory';
import { JsonLogger } from '../../backend/src/common/json-logger';
import { AppConfig } from '../../backend/src/config/app-config';

export const POSTGRES_URL = process.env['DATABASE_URL'];
export const databaseKind = POSTGRES_URL ? 'postgres' : 'sqlite';

export interface TestApp {
  baseUrl: string;
  app: INestApplication;
  dataSource: DataSource;
  config: AppConfig;
  logs: string[];
  close(): Promise<void>;
}

/** A fresh database: a new SQLite file, or a new schema on the PostgreSQL server named by DATABASE_URL. */
export function freshDatabase(): { env: Record<string, string>; drop(): Promise<void> } {
  if (POSTGRES_URL) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    return {
      env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema },
      drop: async () => {
        const ds = new DataSource({ type: 'postgres', url: POSTGRES_URL });
        await ds.initialize();
        await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await ds.destroy();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lab-test-'));
  return {
    env: { SQLITE_PATH: join(dir, 'test.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Boots the real application (real migrations, real middleware) on a free port. */
export async function startTestApp(
  overrides: Record<string, string> = {},
  database = freshDatabase(),
): Promise<TestApp> {
  const logs: string[] = [];
  const config = AppConfig.fromEnv({
    DEMO_DATA: 'false',
    STATIC_DIR: '/nonexistent',
    LOG_LEVEL: 'info',
    ...database.env,
    ...overrides,
  });
  const { app, dataSource } = await createApp(config, { logger: new JsonLogger('info', (line) => logs.push(line)) });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    app,
    dataSource,
    config,
    logs,
    close: async () => {
      await closeApp(app, dataSource);
      await database.drop();
    },
  };
}

/** SQL with $1-style placeholders on both databases. */
export function sql(dataSource: DataSource, query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const text = dataSource.options.type === 'postgres' ? query : query.replace(/\$\d+/g, '?');
  return dataSource.query(text, params);
}
