import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Db } from './db';

/** A fresh SQLite file with one table, and a Db over it. */
async function openDb(ddl: string): Promise<{ dataSource: DataSource; sut: Db; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'db-spec-'));
  const dataSource = new DataSource({ type: 'better-sqlite3', database: join(dir, 't.sqlite'), enableWAL: true });
  await dataSource.initialize();
  await dataSource.query(ddl);
  return {
    dataSource,
    sut: new Db(dataSource),
    close: async () => {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe(Db.name, () => {
  let dataSource: DataSource;
  let sut: Db;
  let close: () => Promise<void>;

  beforeEach(
    async () =>
      ({ dataSource, sut, close } = await openDb('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)')),
  );
  afterEach(() => close());

  it('fails without serialisation: overlapping transactions on the shared SQLite connection collide', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        dataSource.transaction(async (m) => {
          await m.query('INSERT INTO t (n) VALUES (?)', [i]);
          await new Promise((r) => setTimeout(r, 1));
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
  });

  it('runs 50 overlapping transactions one after another, every one committed', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sut.write(async (m) => {
          await m.query('INSERT INTO t (n) VALUES (?)', [i]);
          await new Promise((r) => setTimeout(r, 1));
          await m.query('UPDATE t SET n = n + 1000 WHERE n = ?', [i]);
        }),
      ),
    );
    const [{ count, total }] = await dataSource.query('SELECT COUNT(*) AS count, SUM(n) AS total FROM t');
    expect(count).toBe(50);
    expect(total).toBe(50 * 1000 + (49 * 50) / 2);
  });

  it('rolls back a failed write completely and keeps serving the writes after it', async () => {
    const failed = sut.write(async (m) => {
      await m.query('INSERT INTO t (n) VALUES (1)');
      throw new Error('boom');
    });
    const next = sut.write((m) => m.query('INSERT INTO t (n) VALUES (2)'));
    await expect(failed).rejects.toThrow('boom');
    await next;
    expect(await dataSource.query('SELECT n FROM t')).toEqual([{ n: 2 }]);
  });
});

describe(`${Db.name} group commit`, () => {
  let dataSource: DataSource;
  let sut: Db;
  let close: () => Promise<void>;

  beforeEach(
    async () =>
      ({ dataSource, sut, close } = await openDb('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL UNIQUE)')),
  );
  afterEach(() => close());

  it('shares commits between queued writes, and a failing write in a group leaves the others stored', async () => {
    const commits: string[] = [];
    const original = dataSource.driver.createQueryRunner.bind(dataSource.driver);
    jest.spyOn(dataSource.driver, 'createQueryRunner').mockImplementation((mode) => {
      const runner = original(mode);
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        if (sql === 'COMMIT') commits.push(sql);
        return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
      }) as typeof runner.query;
      return runner;
    });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        sut.write(async (m) => {
          await m.query('INSERT INTO t (n) VALUES (?)', [i % 29 === 0 && i > 0 ? 0 : i]);
          if (i === 7) throw new Error('seven fails');
          return i;
        }),
      ),
    );
    const rejected = results.map((r, i) => (r.status === 'rejected' ? i : -1)).filter((i) => i >= 0);
    // Write 7 threw, write 29 broke the unique rule (n = 0 again): both rejected, nothing of them stored.
    expect(rejected).toEqual([7, 29]);
    const rows = (await dataSource.query('SELECT n FROM t ORDER BY n')) as { n: number }[];
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 29 }, (_, i) => i).filter((i) => i !== 7));
    // Thirty writes, far fewer commits.
    expect(commits.length).toBeLessThan(10);
  });

  it(
    'writes in bulk beside the server: reads meanwhile see only what was committed, writes ' +
      'wait, a failure leaves nothing',
    async () => {
      const count = async () => Number((await sut.query<{ n: number }>('SELECT COUNT(*) AS n FROM t'))[0].n);
      const seen: number[] = [];
      const bulk = sut.bulk(async (exec) => {
        for (let i = 0; i < 20; i++) {
          await exec('INSERT INTO t (n) VALUES ($1), ($2)', [2 * i, 2 * i + 1]);
          seen.push(await count());
        }
      });
      const written = sut.write((m) => m.query('INSERT INTO t (n) VALUES (?)', [-1]));
      await Promise.all([bulk, written]);
      expect(new Set(seen)).toEqual(new Set([0]));
      expect(await count()).toBe(41);
      await expect(
        sut.bulk(async (exec) => {
          await exec('INSERT INTO t (n) VALUES ($1)', [1000]);
          await exec('INSERT INTO t (n) VALUES ($1)', [null]);
        }),
      ).rejects.toThrow(/NOT NULL/);
      expect(await count()).toBe(41);
    },
  );
});
