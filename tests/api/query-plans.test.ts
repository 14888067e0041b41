import { resultsQueries } from '../../backend/src/evaluations/round-results.repository';
import { chartQueries } from '../../backend/src/story/story.service';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';

/**
 * Every list, filter and aggregation behind the main pages finds its rows through an index: verified with
 * EXPLAIN on the migrated schema. On PostgreSQL sequential scans are switched off for the check, so a plan
 * that still scans a table has no index to use (an empty test table would otherwise always be scanned).
 */
const QUERIES: [string, string][] = [
  [
    'observation page (ids)',
    'SELECT o.id FROM observations o WHERE o.lab_id = 1 ' +
      "AND o.kind = 'story' ORDER BY o.observed_on DESC, o.id DESC LIMIT 51",
  ],
  [
    'observation page after a cursor',
    "SELECT o.id FROM observations o WHERE o.lab_id = 1 AND o.kind = 'story' " +
      "AND (o.observed_on, o.id) < ('2025-01-01', 1000) " +
      'ORDER BY o.observed_on DESC, o.id DESC LIMIT 51',
  ],
  [
    'observation page, every kind',
    'SELECT o.id FROM observations o WHERE o.lab_id = 1 ORDER BY o.observed_on DESC, o.id DESC LIMIT 51',
  ],
  ['observation count by kind', "SELECT COUNT(*) FROM observations o WHERE o.lab_id = 1 AND o.kind = 'story'"],
  [
    'a story for a measure (needs its story)',
    "SELECT 1 FROM observations s WHERE s.kind = 'story' AND s.iteration_id = 5",
  ],
  [
    'access check through an observation',
    'SELECT l.id, l.visibility, l.data_version, m.role FROM observations r ' +
      'JOIN labs l ON l.id = r.lab_id ' +
      'LEFT JOIN lab_members m ON m.lab_id = l.id AND m.user_id = 2 WHERE r.id = 1',
  ],
  ['history of a lab', 'SELECT id FROM history WHERE lab_id = 1 ORDER BY id DESC LIMIT 50'],
  ['status changes of a lab', 'SELECT id FROM hypothesis_events WHERE lab_id = 1'],
  ['rounds of a lab', 'SELECT id FROM evaluation_rounds WHERE lab_id = 1'],
  [
    'published learnings, newest first',
    "SELECT id FROM learnings WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT 20",
  ],
  // A lab's charts, as the API runs them (lab 1).
  ...chartQueries(databaseKind).map((sql, i): [string, string] => [
    `charts: statement ${i + 1}`,
    sql.replace(/\$1/g, '1'),
  ]),
  // A round's results, as the API runs them (round 1, lab 1, every audience).
  ...Object.entries(resultsQueries(databaseKind, 3)).map(([name, sql]): [string, string] => [
    `round results: ${name}`,
    sql.replace(/\$(\d+)/g, (_, n: string) => ['1', '1', "'lab'", "'municipality'", "'public'"][Number(n) - 1]),
  ]),
];

/** Tables that grow with use; a scan of one of them is a missing index. */
const BIG = [
  'observations',
  'attendance',
  'participants',
  'iterations',
  'appreciations',
  'contributions',
  'history',
  'hypothesis_events',
  'evaluation_rounds',
  'learnings',
  'lab_members',
];

describe(`query plans on ${databaseKind}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    if (databaseKind === 'postgres') await t.dataSource.query('ANALYZE');
  });
  afterAll(() => t.close());

  it("counts a round's appreciations from the index alone", async () => {
    if (databaseKind !== 'sqlite') return;
    const plan = (
      (await t.dataSource.query(`EXPLAIN QUERY PLAN ${resultsQueries('sqlite', 3).scores.replace('$1', '1')}`)) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    expect(plan).toEqual(['SEARCH appreciations USING COVERING INDEX ix_appreciations_round_scores (round_id=?)']);
  });

  it("reads a lab's attendance per iteration from the index alone", async () => {
    if (databaseKind !== 'sqlite') return;
    const plan = (
      (await t.dataSource.query(`EXPLAIN QUERY PLAN ${chartQueries('sqlite')[5].replace('$1', '1')}`)) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    expect(plan).toEqual(['SEARCH attendance USING COVERING INDEX ix_attendance_lab_iteration (lab_id=?)']);
  });

  it.each(QUERIES)('%s uses an index', async (_name, sql) => {
    if (databaseKind === 'sqlite') {
      const plan = ((await t.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`)) as { detail: string }[]).map(
        (r) => r.detail,
      );
      const scans = plan.filter(
        (d) =>
          BIG.some((table) => new RegExp(`^SCAN ${table}\\b|^SCAN \\w+ \\(${table}\\)|^SCAN (o|r|s|m|c)$`).test(d)) &&
          !/USING (COVERING )?INDEX/.test(d),
      );
      expect({ sql, plan, scans }).toEqual({ sql, plan, scans: [] });
      expect(plan.some((d) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(d))).toBe(true);
    } else {
      const runner = t.dataSource.createQueryRunner();
      try {
        await runner.query('SET enable_seqscan = off');
        const [{ 'QUERY PLAN': plan }] = (await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`)) as {
          'QUERY PLAN': unknown;
        }[];
        const text = JSON.stringify(plan);
        const scans = [...text.matchAll(/"Node Type":"Seq Scan"[^}]*?"Relation Name":"(\w+)"/g)]
          .map((m) => m[1])
          .filter((table) => BIG.includes(table));
        expect({ sql, scans }).toEqual({ sql, scans: [] });
      } finally {
        await runner.query('RESET enable_seqscan');
        await runner.release();
      }
    }
  });

  it('searches the library through its full-text index', async () => {
    if (databaseKind === 'sqlite') {
      const plan = (
        (await t.dataSource.query(
          `EXPLAIN QUERY PLAN SELECT l.id FROM learnings l ` +
            `JOIN learnings_fts f ON f.rowid = l.id AND learnings_fts MATCH '"positi"*' ` +
            `WHERE l.status = 'published'`,
        )) as { detail: string }[]
      ).map((r) => r.detail);
      expect(plan.join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
    } else {
      const runner = t.dataSource.createQueryRunner();
      try {
        await runner.query('SET enable_seqscan = off');
        const rows = (await runner.query(
          `EXPLAIN SELECT l.id FROM learnings l ` +
            `WHERE to_tsvector('dutch', coalesce(l.title, '') || ' ' || coalesce(l.body, '')) ` +
            `@@ websearch_to_tsquery('dutch', 'positief doel')`,
        )) as { 'QUERY PLAN': string }[];
        expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/ix_learnings_fts/);
      } finally {
        await runner.query('RESET enable_seqscan');
        await runner.release();
      }
    }
  });
});
