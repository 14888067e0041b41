import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../../backend/src/config/app-config';
import { Db } from '../../backend/src/database/db';
import { ApiClient } from '../support/api-client';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';

const sqliteOnly = databaseKind === 'sqlite' ? describe : describe.skip;

/**
 * How writes reach the SQLite file: together in one commit, and copied from the log into the file off the request
 * thread.
 */
sqliteOnly('writes on SQLite', () => {
  let t: TestApp;
  let dir: string;
  let client: ApiClient;
  let labId: number;
  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'wal-'));
    const coordinator = await makeUser(t.dataSource);
    const lab = await makeLab(t.dataSource, { name: 'Schrijven' });
    labId = lab.id;
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    client = new ApiClient(t.baseUrl);
    await client.login(coordinator.email!, PASSWORD);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits writes that arrive together in one transaction, each answered after its commit', async () => {
    const db = t.app.get(Db);
    const internals = db as unknown as { commitGroup(group: unknown[]): Promise<void> };
    const sizes: number[] = [];
    const commitGroup = internals.commitGroup.bind(db);
    internals.commitGroup = (group) => (sizes.push(group.length), commitGroup(group));
    try {
      // Ten writes asked for in the same turn of the event loop, as requests that arrive together are.
      const ids = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          db.write(
            async (m) =>
              (
                await m.query('INSERT INTO organisations (name, kind) VALUES (?, ?) RETURNING id', [
                  `Samen ${i}`,
                  'civil_society',
                ])
              )[0].id as number,
          ),
        ),
      );
      expect(new Set(ids).size).toBe(10);
      // Over HTTP too, every write is answered and stored.
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          client.post(`/api/labs/${labId}/experiments`, { title: `Samen ${i}`, description: 'x' }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    } finally {
      internals.commitGroup = commitGroup;
    }
    expect(sizes[0]).toBe(10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30);
  });

  it("copies the log into the database file in a worker, not in the server's commits", async () => {
    expect(await t.dataSource.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }]);
    for (let i = 0; i < 10; i++)
      expect(
        (await client.post(`/api/labs/${labId}/experiments`, { title: `Later ${i}`, description: 'x' })).status,
      ).toBe(201);
    // The database file alone, without its log: what is in it was copied there by a checkpoint.
    const count = () => {
      const copy = join(dir, `file-only-${Date.now()}.sqlite`);
      copyFileSync(t.config.SQLITE_PATH, copy);
      const file = new Database(copy, { readonly: true });
      try {
        return (file.prepare("SELECT COUNT(*) AS n FROM experiments WHERE title LIKE 'Later %'").get() as { n: number })
          .n;
      } finally {
        file.close();
      }
    };
    let copied = count();
    for (let i = 0; i < 50 && copied < 10; i++) {
      await new Promise((r) => setTimeout(r, 100));
      copied = count();
    }
    expect(copied).toBe(10);
  });
});

/** SQLITE_SYNCHRONOUS: NORMAL (default) is safe against a crash of the process, FULL also against a power cut. */
sqliteOnly('SQLITE_SYNCHRONOUS', () => {
  it('is NORMAL by default and FULL when set, on the server connection; anything else stops the start', async () => {
    const perSetting: Record<string, number> = {};
    for (const setting of [undefined, 'FULL'] as const) {
      const t = await startTestApp(setting ? { SQLITE_SYNCHRONOUS: setting } : {});
      try {
        // 1 is NORMAL, 2 is FULL.
        expect(await t.dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: setting ? 2 : 1 }]);
        // What it costs: writes one after another (no group commit to share a flush), each answered after it.
        const coordinator = await makeUser(t.dataSource);
        const lab = await makeLab(t.dataSource, { name: 'Synchroon' });
        await addMember(t.dataSource, lab, coordinator, 'coordinator');
        const client = new ApiClient(t.baseUrl);
        await client.login(coordinator.email!, PASSWORD);
        for (let i = 0; i < 20; i++)
          await client.post(`/api/labs/${lab.id}/experiments`, { title: `W ${i}`, description: 'x' });
        const started = performance.now();
        for (let i = 0; i < 100; i++)
          expect(
            (await client.post(`/api/labs/${lab.id}/experiments`, { title: `S ${i}`, description: 'x' })).status,
          ).toBe(201);
        perSetting[setting ?? 'NORMAL'] = (performance.now() - started) / 100;
      } finally {
        await t.close();
      }
    }
    process.stdout.write(
      `one write after another: NORMAL ${perSetting['NORMAL'].toFixed(2)} ms, ` +
        `FULL ${perSetting['FULL'].toFixed(2)} ms\n`,
    );
    expect(() => AppConfig.fromEnv({ SQLITE_SYNCHRONOUS: 'OFF' })).toThrow(/SQLITE_SYNCHRONOUS/);
  });
});
