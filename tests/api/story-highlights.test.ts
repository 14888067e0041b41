import { Db } from '../../backend/src/database/db';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { seedFirstStart } from '../../backend/src/demo/seed';
import { ApiClient, expectProblem } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';

interface Story {
  id: number;
  storyText: string;
  observedOn: string;
  nominations?: number;
  groups?: string[];
}

/** The story page's stories: the newest a viewer may read, and (for members) those chosen in closed rounds. */
describe('story highlights', () => {
  let t: TestApp;
  let labId: number;
  let membersLabId: number;
  let coordinator: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_DATA: 'true' });
    await seedFirstStart(t.app.get(Db), t.config);
    const labs = await sql(t.dataSource, 'SELECT id, name, visibility FROM labs ORDER BY id');
    labId = Number(labs.find((l) => l['name'] === 'Samen eten in de buurt')!['id']);
    membersLabId = Number(labs.find((l) => l['visibility'] === 'members')!['id']);
    coordinator = new ApiClient(t.baseUrl);
    await coordinator.login('coordinator@demo.nl', DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  it('gives a member the newest stories and the ones chosen most often in closed rounds', async () => {
    const res = await coordinator.get<{ recent: Story[]; significant: Story[] }>(`/api/labs/${labId}/story-highlights`);
    expect(res.status).toBe(200);
    const { recent, significant } = res.body;
    expect(recent).toHaveLength(3);
    const dates = recent.map((s) => s.observedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const [newest] = await sql(
      t.dataSource,
      "SELECT MAX(observed_on) AS d FROM observations WHERE lab_id = $1 AND kind = 'story'",
      [labId],
    );
    expect(recent[0].observedOn).toBe(newest['d']);
    expect(significant.length).toBeGreaterThan(0);
    const counts = significant.map((s) => s.nominations!);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const [chosen] = await sql(
      t.dataSource,
      `SELECT c.nominated_observation_id AS id, COUNT(*) AS n FROM contributions c
       JOIN evaluation_rounds r ON r.id = c.round_id WHERE r.lab_id = $1 AND r.status = 'closed'
       AND c.nominated_observation_id IS NOT NULL GROUP BY c.nominated_observation_id ORDER BY COUNT(*) DESC`,
      [labId],
    );
    expect(significant[0]).toMatchObject({ id: Number(chosen['id']), nominations: Number(chosen['n']) });
    expect(significant[0].groups!.length).toBeGreaterThan(0);
  });

  it('shows the public only public stories and nothing of the rounds', async () => {
    const visitor = new ApiClient(t.baseUrl);
    const res = await visitor.get<{ recent: Story[]; significant: Story[] }>(`/api/labs/${labId}/story-highlights`);
    expect(res.status).toBe(200);
    expect(res.body.significant).toEqual([]);
    const publicIds = (
      await sql(t.dataSource, "SELECT id FROM observations WHERE lab_id = $1 AND audience = 'public'", [labId])
    ).map((r) => Number(r['id']));
    for (const s of res.body.recent) expect(publicIds).toContain(s.id);
    expectProblem(await visitor.get(`/api/labs/${membersLabId}/story-highlights`), 404);
  });

  it('leaves out a story as soon as its teller withdraws consent to be quoted', async () => {
    const before = (await coordinator.get<{ significant: Story[] }>(`/api/labs/${labId}/story-highlights`)).body;
    const [teller] = await sql(
      t.dataSource,
      'SELECT p.id, p.version, p.consent_participation, p.consent_photo, p.consent_contact FROM participants p ' +
        'JOIN observations o ON o.participant_id = p.id WHERE o.id = $1',
      [before.significant[0].id],
    );
    expect(teller).toBeDefined();
    const truthy = (v: unknown) => v === true || v === 1;
    const withdrawn = await coordinator.put(`/api/participants/${teller['id']}/consent`, {
      version: Number(teller['version']),
      participation: truthy(teller['consent_participation']),
      quote: false,
      photo: truthy(teller['consent_photo']),
      contact: truthy(teller['consent_contact']),
      textVersion: 'demo',
    });
    expect(withdrawn.status).toBe(200);
    const after = (
      await coordinator.get<{ recent: Story[]; significant: Story[] }>(`/api/labs/${labId}/story-highlights`)
    ).body;
    const told = (await sql(t.dataSource, 'SELECT id FROM observations WHERE participant_id = $1', [teller['id']])).map(
      (r) => Number(r['id']),
    );
    for (const s of [...after.recent, ...after.significant]) expect(told).not.toContain(s.id);
  });
});
