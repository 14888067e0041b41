import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { ApiClient } from '../support/api-client';
import { databaseKind } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const sqliteOnly = databaseKind === 'sqlite' ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function boot(sqlitePath: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'backend', 'main.js')], {
    env: {
      ...process.env,
      SQLITE_PATH: sqlitePath,
      PORT: String(port),
      DEMO_DATA: 'false',
      ADMIN_EMAIL: 'crash@test.nl',
      ADMIN_PASSWORD: 'crash-wachtwoord-lang',
      LOG_LEVEL: 'silent',
      LOGIN_RATE_LIMIT: '1000',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

sqliteOnly('a crash in the middle of concurrent writes (SIGKILL)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'loses no acknowledged write, leaves nothing half-written, ' + 'and the database passes its integrity check',
    async () => {
      const file = join(dir, 'crash.sqlite');
      const port = await freePort();
      let server = await boot(file, port);
      const base = `http://127.0.0.1:${port}`;
      const admin = new ApiClient(base);
      await admin.login('crash@test.nl', 'crash-wachtwoord-lang');
      const lab = (
        await admin.post('/api/labs', {
          name: 'Crashlab',
          question: 'Hoe kunnen we dit overleven?',
          aim: 'Niets kwijt.',
          municipality: 'Utrecht',
          themes: [],
        })
      ).body;
      const acknowledged: number[] = [];
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const r = await admin.post(`/api/labs/${lab.id}/experiments`, {
              title: `w${w}-${i}`,
              description: 'x',
              workingIngredients: ['a', 'b'],
            });
            if (r.status === 201) acknowledged.push(r.body.id);
          } catch {
            return; // the connection died with the server: that write was not acknowledged
          }
        }
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      await new Promise((r) => setTimeout(r, 1500));
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await exited;
      expect(acknowledged.length).toBeGreaterThan(20);

      const db = new Database(file);
      const [{ integrity_check }] = db.pragma('integrity_check') as { integrity_check: string }[];
      expect(integrity_check).toBe('ok');
      const stored = new Set((db.prepare('SELECT id FROM experiments').all() as { id: number }[]).map((r) => r.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      // Every experiment and its history entry were written in one transaction: never one without the other.
      const halfWritten = db
        .prepare(
          'SELECT COUNT(*) AS n FROM experiments e WHERE NOT EXISTS (SELECT 1 FROM history h ' +
            "WHERE h.entity_type = 'experiment' AND h.entity_id = e.id AND h.action = 'create')",
        )
        .get() as { n: number };
      db.close();
      process.stdout.write(
        `crash: ${acknowledged.length} writes acknowledged before SIGKILL, ` +
          `${stored.size} stored, ${lost.length} lost\n`,
      );
      expect(lost).toEqual([]);
      expect(halfWritten.n).toBe(0);

      server = await boot(file, port);
      try {
        expect((await new ApiClient(base).get('/api/health')).body.status).toBe('ok');
      } finally {
        const done = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await done;
      }
      // Stopped by a signal, the server closes its database: the log is copied into the file and removed.
      expect(existsSync(`${file}-wal`)).toBe(false);
    },
  );
});
