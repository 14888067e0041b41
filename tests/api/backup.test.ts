import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupSqlite } from '../../backend/src/cli/backup';
import { ApiClient } from '../support/api-client';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';

const sqliteOnly = databaseKind === 'sqlite' ? describe : describe.skip;

sqliteOnly('online backup of the SQLite database', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'backup-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is consistent while writes go on, and restores into a working installation', async () => {
    const coordinator = await makeUser(t.dataSource);
    const lab = await makeLab(t.dataSource, { visibility: 'public', name: 'Voor de back-up' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    const client = new ApiClient(t.baseUrl);
    await client.login(coordinator.email!, PASSWORD);
    for (let i = 0; i < 20; i++)
      expect(
        (await client.post(`/api/labs/${lab.id}/experiments`, { title: `Voor ${i}`, description: 'x' })).status,
      ).toBe(201);
    // Writes keep coming while the backup runs.
    const writing = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.post(`/api/labs/${lab.id}/experiments`, { title: `Tijdens ${i}`, description: 'x' }),
      ),
    );
    const target = join(dir, 'backup.sqlite');
    const result = await backupSqlite(t.config.SQLITE_PATH, target);
    expect((await writing).every((r) => r.status === 201)).toBe(true);
    expect(result.pages).toBeGreaterThan(0);

    const copy = new Database(target, { readonly: true });
    const [{ integrity_check }] = copy.pragma('integrity_check') as { integrity_check: string }[];
    const before = copy.prepare("SELECT COUNT(*) AS n FROM experiments WHERE title LIKE 'Voor %'").get() as {
      n: number;
    };
    const during = copy.prepare("SELECT COUNT(*) AS n FROM experiments WHERE title LIKE 'Tijdens %'").get() as {
      n: number;
    };
    copy.close();
    expect(integrity_check).toBe('ok');
    expect(before.n).toBe(20);
    expect(during.n).toBeLessThanOrEqual(40);

    const restored = await startTestApp({}, { env: { SQLITE_PATH: target }, drop: async () => undefined });
    try {
      const labs = (await new ApiClient(restored.baseUrl).get('/api/labs')).body.items.map(
        (l: { name: string }) => l.name,
      );
      expect(labs).toContain('Voor de back-up');
      const again = new ApiClient(restored.baseUrl);
      await again.login(coordinator.email!, PASSWORD);
      expect(
        (await again.post(`/api/labs/${lab.id}/experiments`, { title: 'Na het terugzetten', description: 'x' })).status,
      ).toBe(201);
    } finally {
      await restored.close();
    }
  });
});
