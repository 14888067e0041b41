import { Db } from '../../backend/src/database/db';
import { seedFirstStart } from '../../backend/src/demo/seed';
import { databaseKind, freshDatabase, sql, startTestApp, TestApp } from '../support/test-app';

const postgresOnly = databaseKind === 'postgres' ? describe : describe.skip;

/** Two instances starting at the same moment on an empty schema, as after a first deployment of two containers. */
postgresOnly('two instances starting together on an empty PostgreSQL schema', () => {
  for (let trial = 1; trial <= 5; trial++) {
    it(`both come up, with one first admin and one copy of the demo data (trial ${trial})`, async () => {
      const database = freshDatabase();
      const shared = { env: database.env, drop: async () => undefined };
      const env = { DEMO_DATA: 'true', ADMIN_EMAIL: 'eerste@beheer.nl', ADMIN_PASSWORD: 'eerste-beheer-wachtwoord' };
      const start = async () => {
        const t = await startTestApp(env, shared);
        return { t, seeded: await seedFirstStart(t.app.get(Db), t.config).catch((error: unknown) => error) };
      };
      const started = await Promise.allSettled([start(), start()]);
      const apps = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.t] : []));
      try {
        expect(started.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
        const seeded = started.map((s) => (s as PromiseFulfilledResult<{ seeded: unknown }>).value.seeded);
        expect(seeded.filter((s) => s instanceof Error)).toEqual([]);
        // One of them seeded, the other found it done.
        expect(seeded.filter((s) => s === null).length).toBe(1);
        const [t] = apps as TestApp[];
        const [{ n: admins }] = await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM users WHERE email = $1', [
          'eerste@beheer.nl',
        ]);
        expect(Number(admins)).toBe(1);
        const labs = await sql(t.dataSource, 'SELECT slug, COUNT(*) AS n FROM labs GROUP BY slug');
        expect(labs.length).toBeGreaterThan(0);
        expect(labs.filter((l) => Number(l['n']) !== 1)).toEqual([]);
      } finally {
        for (const app of apps) await app.close();
        await database.drop();
      }
    }, 120_000);
  }
});
