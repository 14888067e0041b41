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

interface Statement {
  run(...params: unknown[]): unknown;
}
interface Connection {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  inTransaction: boolean;
}
const connectionOf = (dataSource: DataSource) =>
  (dataSource.driver as unknown as { databaseConnection: Connection }).databaseConnection;

/** Calls `before` ahead of every COMMIT on the server's connection (which may throw instead, as a full disk does). */
function onCommit(dataSource: DataSource, before: (connection: Connection) => void): void {
  const connection = connectionOf(dataSource);
  const prepare = connection.prepare.bind(connection);
  connection.prepare = (sql: string) => {
    const statement = prepare(sql);
    if (sql !== 'COMMIT') return statement;
    const run = statement.run.bind(statement);
    statement.run = (...params: unknown[]) => (before(connection), run(...params));
    return statement;
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
    onCommit(dataSource, () => commits.push('COMMIT'));
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
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.length).toBeLessThan(10);
  });

  it('leaves no transaction open when a commit fails (a full disk), and the writes after it are durable', async () => {
    let full = true;
    onCommit(dataSource, (connection) => {
      if (!full) return;
      // As SQLite may on SQLITE_FULL: the transaction is rolled back, and the commit fails.
      connection.exec('ROLLBACK');
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    const failed = await Promise.allSettled(
      [1, 2, 3].map((n) => sut.write((m) => m.query('INSERT INTO t (n) VALUES (?)', [n]))),
    );
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason.driverError.code).toBe('SQLITE_FULL');
    // Neither SQLite nor TypeORM's shared runner thinks a transaction is open.
    expect(connectionOf(dataSource).inTransaction).toBe(false);
    const runner = dataSource.createQueryRunner() as unknown as { isTransactionActive: boolean };
    expect(runner.isTransactionActive).toBe(false);
    full = false;
    await Promise.all([4, 5].map((n) => sut.write((m) => m.query('INSERT INTO t (n) VALUES (?)', [n]))));
    expect(connectionOf(dataSource).inTransaction).toBe(false);
    // Durable: another connection sees exactly the writes that were acknowledged.
    const other = new DataSource({ type: 'better-sqlite3', database: dataSource.options.database as string });
    await other.initialize();
    expect(await other.query('SELECT n FROM t ORDER BY n')).toEqual([{ n: 4 }, { n: 5 }]);
    await other.destroy();
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
