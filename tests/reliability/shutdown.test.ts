import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { databaseKind, freshDatabase, POSTGRES_URL } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('SIGTERM under load (the built server)', () => {
  it('stops taking requests, answers or refuses those in flight, closes the database, exits within 10 s', async () => {
    const database = freshDatabase();
    const port = await freePort();
    const server = spawn(process.execPath, [join(ROOT, 'dist', 'backend', 'main.js')], {
      env: {
        ...process.env,
        ...database.env,
        PORT: String(port),
        DEMO_DATA: 'false',
        ADMIN_EMAIL: 'stop@test.nl',
        ADMIN_PASSWORD: 'stop-wachtwoord-lang',
        LOG_LEVEL: 'silent',
        LOGIN_RATE_LIMIT: '1000',
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; ; i++) {
        const up = await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) break;
        if (i > 300) throw new Error('server did not start');
        await sleep(100);
      }
      const admin = new ApiClient(base);
      await admin.login('stop@test.nl', 'stop-wachtwoord-lang');
      const lab = (
        await admin.post('/api/labs', {
          name: 'Stoplab',
          question: 'Stopt het?',
          aim: 'Niets kwijt.',
          municipality: 'Utrecht',
          themes: [],
        })
      ).body;
      const acknowledged: number[] = [];
      const statuses: Record<string, number> = {};
      let going = true;
      const writer = async (w: number) => {
        for (let i = 0; going; i++) {
          try {
            const r = await admin.post(`/api/labs/${lab.id}/experiments`, { title: `w${w}-${i}`, description: 'x' });
            statuses[r.status] = (statuses[r.status] ?? 0) + 1;
            if (r.status === 201) acknowledged.push(r.body.id);
          } catch {
            statuses['refused'] = (statuses['refused'] ?? 0) + 1;
            await sleep(20); // the server no longer takes connections
          }
        }
      };
      const writers = Array.from({ length: 20 }, (_, w) => writer(w));
      await sleep(1500);
      const signalled = Date.now();
      server.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(15_000).then(() => 'still running' as const)]);
      const exitMs = Date.now() - signalled;
      going = false;
      await Promise.all(writers);
      expect(code).toBe(0);
      expect(exitMs).toBeLessThan(10_000);
      expect(acknowledged.length).toBeGreaterThan(20);

      // Every acknowledged write is in the database.
      const check = POSTGRES_URL
        ? new DataSource({ type: 'postgres', url: POSTGRES_URL, schema: database.env['DATABASE_SCHEMA'] })
        : new DataSource({ type: 'better-sqlite3', database: database.env['SQLITE_PATH'] });
      await check.initialize();
      const table = POSTGRES_URL ? `"${database.env['DATABASE_SCHEMA']}".experiments` : 'experiments';
      const stored = new Set((await check.query(`SELECT id FROM ${table}`)).map((r: { id: number }) => Number(r.id)));
      await check.destroy();
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      // On SQLite the closed database is one file: the log was copied into it and removed.
      if (databaseKind === 'sqlite') expect(existsSync(`${database.env['SQLITE_PATH']}-wal`)).toBe(false);
      process.stdout.write(
        `SIGTERM under 20 writers (${databaseKind}): exit ${code} after ${exitMs} ms; ` +
          `answers ${JSON.stringify(statuses)}; ` +
          `${acknowledged.length} acknowledged, ${lost.length} lost\n`,
      );
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
      await exited;
      await database.drop();
    }
  }, 90_000);
});
