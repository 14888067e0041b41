import { get } from 'node:http';
import { DataSource } from 'typeorm';
import { LabCache } from '../../backend/src/common/lab-cache';
import { ApiClient } from '../support/api-client';
import { countQueries } from '../support/query-counter';
import { databaseKind, freshDatabase, startTestApp, TestApp } from '../support/test-app';
import { makeLab, makeUser, PASSWORD } from '../factories';
import type { Lab } from '../../backend/src/labs/lab.entity';

/** A conditional GET as a browser sends it (fetch() would add Cache-Control: no-cache, which forbids a 304). */
function conditional(url: string, etag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'if-none-match': etag } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    }).on('error', reject);
  });
}

/**
 * Kept answers (charts, timeline, round results, counts, library searches) are never served after a change:
 * through the API, through a write that bypasses the application, and on another instance alike.
 */
describe(`kept answers on ${databaseKind}`, () => {
  let t: TestApp;
  let client: ApiClient;
  let lab: Lab;
  let indicatorId: number;
  let counter: { count(): number };
  const database = freshDatabase();

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000' }, database);
    counter = countQueries(t.dataSource);
    const admin = await makeUser(t.dataSource, { installationRole: 'admin' });
    client = new ApiClient(t.baseUrl);
    await client.login(admin.email!, PASSWORD);
    lab = await makeLab(t.dataSource, { visibility: 'public' });
    indicatorId = (
      await client.post(`/api/labs/${lab.id}/indicators`, { name: 'Bezoekers', unit: 'personen', signalOf: 'bereik' })
    ).body.id;
    await client.post(`/api/labs/${lab.id}/observations`, {
      kind: 'measure',
      observedOn: '2025-03-01',
      indicatorId,
      value: 10,
    });
  });
  afterAll(() => t.close());

  const measures = async () => {
    const res = await client.get(`/api/labs/${lab.id}/charts`);
    expect(res.status).toBe(200);
    return (res.body.indicators[0].points as { count: number }[]).reduce((n, p) => n + p.count, 0);
  };

  it('serves a repeated request from what it kept, with only the session and access queries', async () => {
    expect(await measures()).toBe(1);
    const before = counter.count();
    expect(await measures()).toBe(1);
    expect(counter.count() - before).toBeLessThanOrEqual(2);
    expect(t.app.get(LabCache).hits).toBeGreaterThan(0);
  });

  it('answers again after a write through the API', async () => {
    await client.post(`/api/labs/${lab.id}/observations`, {
      kind: 'measure',
      observedOn: '2025-03-02',
      indicatorId,
      value: 20,
    });
    expect(await measures()).toBe(2);
  });

  it(
    'answers again after a write that bypasses the application ' + '(database triggers raise the data version)',
    async () => {
      const before = await measures();
      await t.dataSource.query(
        `INSERT INTO observations (lab_id, kind, observed_on, indicator_id, value, ` +
          `audience, dimensions, hypothesis_ids, created_by) ` +
          `VALUES (${lab.id}, 'measure', '2025-03-03', ${indicatorId}, 5, 'public', '[]', '[]', NULL)`,
      );
      expect(await measures()).toBe(before + 1);
      await t.dataSource.query(`DELETE FROM observations WHERE lab_id = ${lab.id} AND observed_on = '2025-03-03'`);
      expect(await measures()).toBe(before);
    },
  );

  it(
    'lets a database session with another search path write ' +
      'too (PostgreSQL: the trigger functions keep their schema)',
    async () => {
      if (databaseKind !== 'postgres') return;
      const schema = database.env['DATABASE_SCHEMA'];
      const other = new DataSource({ type: 'postgres', url: database.env['DATABASE_URL'] });
      await other.initialize();
      try {
        const before = await measures();
        await other.query(
          `INSERT INTO "${schema}".observations (lab_id, kind, observed_on, indicator_id, ` +
            `value, audience, dimensions, hypothesis_ids) ` +
            `VALUES (${lab.id}, 'measure', '2025-03-04', ${indicatorId}, 5, 'public', '[]', '[]')`,
        );
        expect(await measures()).toBe(before + 1);
        await other.query(
          `DELETE FROM "${schema}".observations WHERE lab_id = ${lab.id} AND observed_on = '2025-03-04'`,
        );
        expect(await measures()).toBe(before);
      } finally {
        await other.destroy();
      }
    },
  );

  it('shows a partner organisation’s new name on the charts of every lab it works with', async () => {
    const org = (await client.post('/api/organisations', { name: 'Buurthuis De Linde', kind: 'ngo' })).body;
    expect((await client.post(`/api/labs/${lab.id}/partners`, { organisationId: org.id })).status).toBe(201);
    expect(
      (await client.get(`/api/labs/${lab.id}/charts`)).body.partners.map((p: { label: string }) => p.label),
    ).toContain('Buurthuis De Linde');
    await t.dataSource.query(`UPDATE organisations SET name = 'Buurthuis De Eik' WHERE id = ${org.id}`);
    expect(
      (await client.get(`/api/labs/${lab.id}/charts`)).body.partners.map((p: { label: string }) => p.label),
    ).toContain('Buurthuis De Eik');
  });

  it('keeps the timeline until an iteration is logged, and the observation count until one is added', async () => {
    const experiment = (
      await client.post(`/api/labs/${lab.id}/experiments`, {
        title: 'Proef',
        description: 'x',
        workingIngredients: ['a'],
      })
    ).body;
    const events = async () => (await client.get(`/api/labs/${lab.id}/timeline`)).body.events.length as number;
    const first = await events();
    await client.post(`/api/experiments/${experiment.id}/iterations`, { startsOn: '2025-04-01', plan: 'Samen eten' });
    expect(await events()).toBe(first + 1);
    // A page of the most recent events, oldest first, with the number of all of them.
    const all = (await client.get(`/api/labs/${lab.id}/timeline?limit=5000`)).body;
    const page = (await client.get(`/api/labs/${lab.id}/timeline?limit=1`)).body;
    expect(page.total).toBe(first + 1);
    expect(page.events).toEqual([all.events[all.events.length - 1]]);
    const bad = await client.get(`/api/labs/${lab.id}/timeline?limit=0`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
    const total = async () => (await client.get(`/api/labs/${lab.id}/observations`)).body.total as number;
    const n = await total();
    await client.post(`/api/labs/${lab.id}/observations`, {
      kind: 'measure',
      observedOn: '2025-04-02',
      indicatorId,
      value: 1,
    });
    expect(await total()).toBe(n + 1);
  });

  it('gives late pages by offset that match a walk by cursor, also after a change moves every row', async () => {
    // 2,500 measures on 500 days (five a day): pages past 1,000 and 2,000 start from kept anchors.
    const day = (i: number) =>
      new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 5) * 86_400_000).toISOString().slice(0, 10);
    const csv = [
      'kind;observed_on;indicator;value',
      ...Array.from({ length: 2500 }, (_, i) => `meting;${day(i)};Bezoekers;${i}`),
    ].join('\n');
    expect(
      (await client.request('POST', `/api/labs/${lab.id}/import/observations`, csv, { 'content-type': 'text/csv' }))
        .body.imported,
    ).toBe(2500);
    const walk = async () => {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: number }[]; nextCursor: string | null } = (
          await client.get(
            `/api/labs/${lab.id}/observations?kind=measure&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).body;
        ids.push(...page.items.map((o) => o.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const byOffset = async (offset: number) =>
      (await client.get(`/api/labs/${lab.id}/observations?kind=measure&limit=50&offset=${offset}`)).body.items.map(
        (o: { id: number }) => o.id,
      ) as number[];
    const all = await walk();
    for (const offset of [999, 1000, 1001, 1475, 2000, 2460])
      expect(await byOffset(offset)).toEqual(all.slice(offset, offset + 50));
    // A newer observation moves every row one place further: the anchors of the old version are not used.
    await client.post(`/api/labs/${lab.id}/observations`, {
      kind: 'measure',
      observedOn: '2030-01-01',
      indicatorId,
      value: 1,
    });
    const after = await walk();
    expect(after.slice(1)).toEqual(all);
    for (const offset of [1000, 2000]) expect(await byOffset(offset)).toEqual(after.slice(offset, offset + 50));
  });

  it('sends an ETag that changes with the lab, and 304 when nothing changed', async () => {
    const first = await fetch(`${t.baseUrl}/api/labs/${lab.id}/charts`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await conditional(`${t.baseUrl}/api/labs/${lab.id}/charts`, etag)).toBe(304);
    await client.post(`/api/labs/${lab.id}/observations`, {
      kind: 'measure',
      observedOn: '2025-04-03',
      indicatorId,
      value: 1,
    });
    expect(await conditional(`${t.baseUrl}/api/labs/${lab.id}/charts`, etag)).toBe(200);
    expect((await fetch(`${t.baseUrl}/api/labs/${lab.id}/charts`)).headers.get('etag')).not.toBe(etag);
  });

  it('finds a learning in the library as soon as it is published, and not after it is withdrawn', async () => {
    const search = async () => (await client.get('/api/library?q=zonnebloemen')).body.total as number;
    expect(await search()).toBe(0);
    const learning = (
      await client.post(`/api/labs/${lab.id}/learnings`, {
        title: 'Zonnebloemen verbinden',
        body: 'Samen zonnebloemen zaaien bracht buren bij elkaar.',
        type: 'advice',
        themes: ['encounter'],
        evidence: [],
      })
    ).body;
    expect(await search()).toBe(0);
    const published = (await client.post(`/api/learnings/${learning.id}/publish`, { version: learning.version })).body;
    expect(await search()).toBe(1);
    await client.post(`/api/learnings/${learning.id}/unpublish`, { version: published.version });
    expect(await search()).toBe(0);
  });

  it('is the same answer another instance on the same database gives after a change there', async () => {
    // Two applications on one database: a change through B is seen by A's kept charts.
    const b = await startTestApp({ LOGIN_RATE_LIMIT: '1000' }, { env: database.env, drop: async () => undefined });
    try {
      const other = new ApiClient(b.baseUrl);
      const admin = await makeUser(b.dataSource, { installationRole: 'admin' });
      await other.login(admin.email!, PASSWORD);
      const before = await measures();
      expect(
        (
          await other.post(`/api/labs/${lab.id}/observations`, {
            kind: 'measure',
            observedOn: '2025-05-01',
            indicatorId,
            value: 3,
          })
        ).status,
      ).toBe(201);
      expect(await measures()).toBe(before + 1);
    } finally {
      await b.close();
    }
  });
});
