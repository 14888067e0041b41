import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, ApiResponse, expectProblem } from '../support/api-client';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';

const sqliteOnly = databaseKind === 'sqlite' ? describe : describe.skip;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Titles of the experiments another connection sees in the file: what is durable, not what the server says. */
function titlesInFile(file: string, prefix: string): Set<string> {
  const other = new Database(file, { readonly: true });
  try {
    const rows = other.prepare('SELECT title FROM experiments WHERE title LIKE ?').all(`${prefix}%`) as {
      title: string;
    }[];
    return new Set(rows.map((r) => r.title));
  } finally {
    other.close();
  }
}

async function coordinatorOf(t: TestApp): Promise<{ client: ApiClient; labId: number }> {
  const coordinator = await makeUser(t.dataSource);
  const lab = await makeLab(t.dataSource, { name: 'Storingen' });
  await addMember(t.dataSource, lab, coordinator, 'coordinator');
  const client = new ApiClient(t.baseUrl);
  await client.login(coordinator.email!, PASSWORD);
  return { client, labId: lab.id };
}

/** Writers that keep writing until `stop()`; every answer is kept with the title it wrote. */
function writers(client: ApiClient, labId: number, prefix: string, count: number) {
  const answers: { title: string; response: ApiResponse; ms: number }[] = [];
  let going = true;
  let n = 0;
  const loops = Array.from({ length: count }, async () => {
    while (going) {
      const title = `${prefix}${n++}`;
      const at = Date.now();
      const response = await client.post(`/api/labs/${labId}/experiments`, { title, description: 'x' });
      answers.push({ title, response, ms: Date.now() - at });
    }
  });
  return {
    answers,
    stop: async () => {
      going = false;
      await Promise.all(loops);
    },
  };
}

sqliteOnly('a SQLite file locked by another process', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000', SQLITE_BUSY_TIMEOUT_MS: '3000' });
  });
  afterAll(() => t.close());

  it('waits within the busy timeout, then answers 503 with Retry-After; reads go on; never 500', async () => {
    const { client, labId } = await coordinatorOf(t);
    const holder = new Database(t.config.SQLITE_PATH);
    holder.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    const run = writers(client, labId, 'Op slot ', 8);
    // Reads are served while the writes wait (the server's thread is not held by the wait).
    const readTimes: number[] = [];
    while (Date.now() - started < 8000) {
      const before = Date.now();
      expect((await client.get(`/api/labs/${labId}/experiments`)).status).toBe(200);
      readTimes.push(Date.now() - before);
      await sleep(200);
    }
    holder.exec('COMMIT');
    holder.close();
    const released = Date.now();
    // After the lock is released, writes go through again by themselves.
    while (!run.answers.some((a) => a.response.status === 201)) await sleep(20);
    const recovery = Date.now() - released;
    await sleep(300);
    await run.stop();

    const statuses = run.answers.map((a) => a.response.status);
    const count = (status: number) => statuses.filter((s) => s === status).length;
    const refused = run.answers.filter((a) => a.response.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const { response } of refused.slice(0, 5)) {
      expectProblem(response, 503, 'database_busy');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    const acknowledged = run.answers.filter((a) => a.response.status === 201).map((a) => a.title);
    const present = titlesInFile(t.config.SQLITE_PATH, 'Op slot ');
    expect(acknowledged.filter((title) => !present.has(title))).toEqual([]);
    expect(Math.max(...readTimes)).toBeLessThan(1000);
    // No write waited much longer than the busy timeout (3 s here), also those queued behind a group that waited.
    const slowest = Math.max(...run.answers.map((a) => a.ms));
    expect(slowest).toBeLessThan(3800);
    expect(recovery).toBeLessThan(2000);
    process.stdout.write(
      `locked 8 s: ${count(201)} × 201, ${count(503)} × 503, ${acknowledged.length} acknowledged, ` +
        `${present.size} present; slowest read ${Math.max(...readTimes)} ms, slowest write ${slowest} ms; ` +
        `writes back after ${recovery} ms\n`,
    );
  }, 60_000);
});

/** A small filesystem of its own (tmpfs), when this machine lets the test mount one. */
function smallFilesystem(dir: string, size: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

sqliteOnly('a full disk under the SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'full-disk-'));
  const mount = join(dir, 'small');
  const mounted = smallFilesystem(mount, '24m');
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    if (mounted) execFileSync('umount', ['-l', mount], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });

  if (!mounted) {
    it.skip('NEEDS ROOT: could not mount a small tmpfs, so the full-disk test did not run (see db.spec.ts)', () => {});
    process.stderr.write('\n*** full-disk test SKIPPED: this machine does not allow mounting a tmpfs ***\n\n');
    return;
  }

  it('answers 507 while full, acknowledges only what is in the file, resumes when space is freed', async () => {
    const file = join(mount, 'lab.sqlite');
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000' }, { env: { SQLITE_PATH: file }, drop: async () => undefined });
    const { client, labId } = await coordinatorOf(t);
    // Fill the filesystem until only a little room is left, keep the filler to free it later.
    const filler = join(mount, 'filler');
    const chunk = Buffer.alloc(1024 * 1024, 1);
    let size = 0;
    try {
      for (;;) {
        writeFileSync(filler, chunk, { flag: 'a' });
        size++;
      }
    } catch {
      /* full */
    }
    const run = writers(client, labId, 'Vol ', 20);
    const filled = Date.now();
    while (run.answers.filter((a) => a.response.status === 507).length < 50 && Date.now() - filled < 15_000)
      await sleep(50);
    await sleep(1000);
    const whileFull = run.answers.length;
    // Free the space: writes resume by themselves.
    rmSync(filler);
    const freed = Date.now();
    let recovery = -1;
    for (;;) {
      const later = run.answers.slice(whileFull);
      if (later.filter((a) => a.response.status === 201).length >= 20) {
        recovery = Date.now() - freed;
        break;
      }
      if (Date.now() - freed > 10_000) break;
      await sleep(50);
    }
    await run.stop();

    const statuses = run.answers.map((a) => a.response.status);
    const count = (status: number) => statuses.filter((s) => s === status).length;
    expect(statuses.filter((s) => s !== 201 && s !== 507)).toEqual([]);
    const full = run.answers.find((a) => a.response.status === 507)!;
    expectProblem(full.response, 507, 'storage_full');
    expect(Number(full.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(recovery).toBeGreaterThanOrEqual(0);
    // What the server acknowledged is in the file, seen by another connection; the server holds no open transaction.
    const driver = t.dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean } };
    expect(driver.databaseConnection.inTransaction).toBe(false);
    const acknowledged = run.answers.filter((a) => a.response.status === 201).map((a) => a.title);
    const present = titlesInFile(file, 'Vol ');
    expect(acknowledged.filter((title) => !present.has(title))).toEqual([]);
    process.stdout.write(
      `full disk (${size} MB filler): ${count(201)} × 201, ${count(507)} × 507, ${acknowledged.length} acknowledged, ` +
        `${present.size} present; writes back ${recovery} ms after space was freed\n`,
    );
  }, 120_000);
});
