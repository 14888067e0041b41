import { AppConfig } from '../../backend/src/config/app-config';
import { createDataSource } from '../../backend/src/data-source';
import { runMigrations } from '../../backend/src/database/migrate';
import { MIGRATIONS } from '../../backend/src/database/migrations';
import { databaseKind, freshDatabase, sql, startTestApp } from '../support/test-app';

describe(`migrations on ${databaseKind}`, () => {
  it('run exactly once when two instances start at the same moment, and both serve', async () => {
    const database = freshDatabase();
    // SQLite is a single local file served by one process; the pair still must not double-apply.
    const [a, b] = await Promise.all([
      startTestApp({}, { env: database.env, drop: async () => undefined }),
      startTestApp({}, { env: database.env, drop: async () => undefined }),
    ]);
    try {
      const applied = await sql(a.dataSource, 'SELECT name FROM migrations ORDER BY id');
      expect(applied.map((r) => r['name'])).toEqual(MIGRATIONS.map((m) => new m().name));
      expect((await fetch(`${a.baseUrl}/api/health`)).status).toBe(200);
      expect((await fetch(`${b.baseUrl}/api/health`)).status).toBe(200);
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });

  it('can be reverted and applied again (every migration has a working down)', async () => {
    const database = freshDatabase();
    const config = AppConfig.fromEnv({ ...database.env, DEMO_DATA: 'false' });
    const ds = createDataSource(config);
    if (config.DATABASE_SCHEMA) {
      const { DataSource } = await import('typeorm');
      const boot = new DataSource({ type: 'postgres', url: config.DATABASE_URL });
      await boot.initialize();
      await boot.query(`CREATE SCHEMA "${config.DATABASE_SCHEMA}"`);
      await boot.destroy();
    }
    await ds.initialize();
    try {
      expect(await runMigrations(ds)).toHaveLength(MIGRATIONS.length);
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'all' });
      expect(await sql(ds, 'SELECT COUNT(*) AS n FROM migrations')).toEqual([
        { n: databaseKind === 'postgres' ? '0' : 0 },
      ]);
      expect(await runMigrations(ds)).toHaveLength(MIGRATIONS.length);
      expect(await runMigrations(ds)).toEqual([]);
    } finally {
      await ds.destroy();
      await database.drop();
    }
  });

  it('leave no difference between the migrated schema and the entities', async () => {
    const t = await startTestApp();
    try {
      const pending = await t.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('never synchronises the schema from the entities', () => {
    const config = AppConfig.fromEnv({ SQLITE_PATH: '/tmp/unused.sqlite' });
    expect(createDataSource(config).options.synchronize).toBe(false);
  });
});
