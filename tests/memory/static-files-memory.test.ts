import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { rawGet } from '../support/raw-get';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';

/**
 * In a jest process of its own (`npm test` runs this project after the others): a heap measurement shares the
 * process with nothing else, so what earlier suites left running cannot move it.
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe(`the dashboard's files on ${databaseKind}, memory`, () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><title>Proeftuin</title></head><body></body></html>',
  );
  writeFileSync(join(dir, 'main-ABCDEFGH.js'), 'console.log("proeftuin");\n'.repeat(100));

  beforeAll(async () => {
    t = await startTestApp({ STATIC_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a path that is not valid percent-encoding with 400 problem+json, never 500', async () => {
    for (const encoding of ['gzip', 'br']) {
      const res = await rawGet(`${t.baseUrl}/%E0%A4%A.js`, { 'accept-encoding': encoding });
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: 'bad_request' });
    }
    expect((await rawGet(`${t.baseUrl}/%E0%A4%A.js`, {})).status).toBeLessThan(500);
    expect((await rawGet(`${t.baseUrl}/main-ABCDEFGH.js`, { 'accept-encoding': 'gzip' })).status).toBe(200);
  });

  it('stays within a few megabytes after 10,000 requests for paths that do not exist', async () => {
    const padding = 'a'.repeat(1500);
    const ask = (i: number) => rawGet(`${t.baseUrl}/${padding}/${i}.js`, { 'accept-encoding': 'gzip' });
    // A first 10,000 warm the process (code loaded and compiled on first use, pools filled), so the measured
    // 10,000 show only what is kept per path: before the fix each 10,000 kept about 20 MB more.
    for (let i = 0; i < 10_000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => ask(-1 - i - j)));
    t.logs.length = 0;
    gc();
    const before = process.memoryUsage();
    for (let i = 0; i < 10_000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => ask(i + j)));
    // The test keeps the log lines; the server does not.
    t.logs.length = 0;
    gc();
    const after = process.memoryUsage();
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `static files: after 10,000 missing paths rss ${mb(before.rss)} → ` +
        `${mb(after.rss)} MB, heapUsed ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB\n`,
    );
    // Before the fix the kept paths alone added about 20 MB.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(12 * 1024 * 1024);
  });
});
