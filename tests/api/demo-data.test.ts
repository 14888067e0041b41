import { Db } from '../../backend/src/database/db';
import { DEMO_CASES, DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { seedFirstStart } from '../../backend/src/demo/seed';
import { ApiClient } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';

describe('first start: the first admin and the demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      DEMO_DATA: 'true',
      ADMIN_EMAIL: 'beheer@gemeente.nl',
      ADMIN_PASSWORD: 'een-lang-beheerwachtwoord',
    });
  });
  afterAll(() => t.close());

  it('creates the admin from the environment and the six cases from the report, once', async () => {
    const db = t.app.get(Db);
    const first = await seedFirstStart(db, t.config);
    expect(first).toMatchObject({ admin: { email: 'beheer@gemeente.nl', fromEnvironment: true }, labs: 6 });
    expect(first!.admin!.password).toBeUndefined();
    expect(await seedFirstStart(db, t.config)).toBeNull();

    const [round] = await sql(
      t.dataSource,
      "SELECT id, status FROM evaluation_rounds WHERE title = 'Terugblik op de eerste maaltijden'",
    );
    expect(round['status']).toBe('closed');
    const groups = await sql(
      t.dataSource,
      'SELECT stakeholder_group, COUNT(*) AS n FROM contributions WHERE round_id = $1 ' +
        'GROUP BY stakeholder_group ORDER BY stakeholder_group',
      [round['id']],
    );
    expect(groups.map((g) => [g['stakeholder_group'], Number(g['n'])])).toEqual([
      ['municipality', 1],
      ['partner', 2],
      ['resident', 5],
    ]);
    const labs = await sql(t.dataSource, 'SELECT name FROM labs ORDER BY id');
    expect(labs.map((r) => r['name'])).toEqual(DEMO_CASES.map((c) => c.lab.name));
    for (const table of [
      'experiments',
      'iterations',
      'hypotheses',
      'hypothesis_events',
      'participants',
      'attendance',
      'indicators',
      'observations',
    ]) {
      const perLab = await sql(t.dataSource, `SELECT lab_id, COUNT(*) AS n FROM ${table} GROUP BY lab_id`);
      expect({ table, labs: perLab.length }).toEqual({ table, labs: 6 });
    }
    const [{ n }] = await sql(t.dataSource, "SELECT COUNT(*) AS n FROM observations WHERE kind = 'story'");
    expect(Number(n)).toBeGreaterThanOrEqual(6);
  });

  it(
    'lets the admin and the demo coordinator log in; ' + 'the Maastricht case is there with its 2,500 children',
    async () => {
      await new ApiClient(t.baseUrl).login('beheer@gemeente.nl', 'een-lang-beheerwachtwoord');
      const client = new ApiClient(t.baseUrl);
      const me = (await client.login('sdg@demo.nl', DEMO_PASSWORD)).body.user;
      expect(me.memberships).toEqual([
        expect.objectContaining({ labName: 'SDG-lessen in de klas', role: 'coordinator' }),
      ]);
      const [{ total }] = await sql(
        t.dataSource,
        'SELECT SUM(o.value) AS total FROM observations o JOIN indicators i ON i.id = o.indicator_id ' +
          "WHERE i.name = 'Kinderen bereikt'",
      );
      expect(Number(total)).toBe(2500);
    },
  );
});
