import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawGet } from '../support/raw-get';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';

describe(`the dashboard's files on ${databaseKind}`, () => {
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
});
