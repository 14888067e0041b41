import { ApiClient, expectProblem } from '../support/api-client';
import { databaseKind, sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';

/** Retrying an import (the answer got lost, the button pressed twice) must not store every row twice. */
describe(`importing the same file twice on ${databaseKind}`, () => {
  let t: TestApp;
  let client: ApiClient;
  let labId: number;
  beforeAll(async () => {
    t = await startTestApp();
    const coordinator = await makeUser(t.dataSource);
    const lab = await makeLab(t.dataSource);
    labId = lab.id;
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    client = new ApiClient(t.baseUrl);
    await client.login(coordinator.email!, PASSWORD);
  });
  afterAll(() => t.close());

  const stories = (word: string) =>
    [
      'kind;observed_on;story_text;perspective',
      ...[1, 2, 3].map((i) => `verhaal;2025-03-0${i};${word} ${i};resident`),
    ].join('\n');
  const send = (csv: string, headers: Record<string, string> = {}, query = '') =>
    client.request('POST', `/api/labs/${labId}/import/observations${query}`, csv, {
      'content-type': 'text/csv',
      ...headers,
    });
  const count = async (word: string) =>
    Number(
      (await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM observations WHERE story_text LIKE $1', [`${word} %`]))[0][
        'n'
      ],
    );

  it('imports a file once; the same file again answers 409 import_repeated and stores nothing', async () => {
    expect((await send(stories('Eerste'))).body.imported).toBe(3);
    const again = expectProblem(await send(stories('Eerste')), 409, 'import_repeated');
    expect(again.previous).toEqual({ rows: 3, importedAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(again.previous.importedAt))).toBe(false);
    // The preview says so too, before anyone presses import.
    expectProblem(await send(stories('Eerste'), {}, '?dryRun=true'), 409, 'import_repeated');
    expect(await count('Eerste')).toBe(3);
  });

  it('two identical imports at the same moment store the rows once', async () => {
    const answers = await Promise.all([send(stories('Tegelijk')), send(stories('Tegelijk'))]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await count('Tegelijk')).toBe(3);
  });

  it('an Idempotency-Key identifies the import: the same key is refused, a new key imports on purpose', async () => {
    expect((await send(stories('Sleutel'), { 'Idempotency-Key': 'upload-1' })).status).toBe(200);
    expectProblem(await send(stories('Sleutel'), { 'Idempotency-Key': 'upload-1' }), 409, 'import_repeated');
    expect((await send(stories('Sleutel'), { 'Idempotency-Key': 'upload-2' })).body.imported).toBe(3);
    expect(await count('Sleutel')).toBe(6);
    expectProblem(await send(stories('Sleutel'), { 'Idempotency-Key': 'x'.repeat(201) }), 400, 'validation_failed');
  });
});
