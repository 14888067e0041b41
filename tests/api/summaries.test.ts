import { Db } from '../../backend/src/database/db';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { seedFirstStart } from '../../backend/src/demo/seed';
import { ApiClient, expectProblem } from '../support/api-client';
import { databaseKind, sql, startTestApp, TestApp } from '../support/test-app';

interface Summary {
  question: string;
  aim: string;
  audience: string;
  cycles: { number: number; line: string | null; attendees: number }[];
  reach: { attendances: number; newcomers: number; cycles: number };
  round: {
    title: string;
    dimensions: { dimension: string; groups: { group: string; median: number | null }[] }[];
  } | null;
  quotes: { text: string }[];
  learnings: { title: string; maturity: string }[];
}

/** The council summary: the lab on one page for an audience, live or frozen as a dated snapshot. */
describe(`the council summary on ${databaseKind}`, () => {
  let t: TestApp;
  let coordinator: ApiClient, observer: ApiClient, anonymous: ApiClient;
  let meals: number, members: number;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_DATA: 'true' });
    await seedFirstStart(t.app.get(Db), t.config);
    coordinator = new ApiClient(t.baseUrl);
    await coordinator.login('coordinator@demo.nl', DEMO_PASSWORD);
    observer = new ApiClient(t.baseUrl);
    await observer.login('gemeente@demo.nl', DEMO_PASSWORD);
    anonymous = new ApiClient(t.baseUrl);
    [{ id: meals }] = (await sql(t.dataSource, "SELECT id FROM labs WHERE name = 'Samen eten in de buurt'")) as {
      id: number;
    }[];
    [{ id: members }] = (await sql(
      t.dataSource,
      "SELECT id FROM labs WHERE name = 'Gezonde geest in een gezond lichaam'",
    )) as {
      id: number;
    }[];
    meals = Number(meals);
    members = Number(members);
  });
  afterAll(() => t.close());

  const storiesFor = async (audiences: string[]) =>
    (
      await sql(
        t.dataSource,
        `SELECT o.story_text FROM observations o LEFT JOIN participants p ON p.id = o.participant_id
         WHERE o.lab_id = $1 AND o.kind = 'story' AND o.audience IN (${audiences.map((_, i) => `$${i + 2}`).join(', ')})
           AND (p.id IS NULL OR (p.consent_quote = ${databaseKind === 'postgres' ? 'true' : '1'}
                AND p.consent_withdrawn_at IS NULL AND p.erased_at IS NULL))`,
        [meals, ...audiences],
      )
    ).map((r) => r['story_text'] as string);

  it("gives the municipality the question, the cycles line by line, reach, the groups' views, two quotes", async () => {
    const response = await coordinator.get(`/api/labs/${meals}/summary?audience=municipality`);
    expect(response.status).toBe(200);
    const summary = response.body as Summary;
    expect(summary.question).toMatch(/^Hoe kunnen we/);
    expect(summary.aim).toBeTruthy();
    expect(summary.cycles.length).toBeGreaterThan(0);
    expect(summary.cycles.every((c) => (c.line ?? '').length <= 110)).toBe(true);
    expect(summary.reach.cycles).toBe(summary.cycles.length);
    expect(summary.reach.attendances).toBe(summary.cycles.reduce((s, c) => s + c.attendees, 0));
    expect(summary.round?.title).toBe('Terugblik op de eerste maaltijden');
    expect(summary.round!.dimensions.length).toBeGreaterThan(0);
    expect(summary.round!.dimensions[0].groups.length).toBeGreaterThan(1);
    expect(summary.quotes.length).toBeLessThanOrEqual(2);
    const allowed = await storiesFor(['municipality', 'public']);
    for (const quote of summary.quotes) expect(allowed).toContain(quote.text);
    expect(JSON.stringify(summary)).not.toMatch(/"(score|total|rank)"/);
  });

  it('gives the public only what a visitor may read; no public summary of a lab that is not public', async () => {
    const summary = (await coordinator.get(`/api/labs/${meals}/summary?audience=public`)).body as Summary;
    const allowed = await storiesFor(['public']);
    for (const quote of summary.quotes) expect(allowed).toContain(quote.text);
    const other = new ApiClient(t.baseUrl);
    await other.login('gezond@demo.nl', DEMO_PASSWORD);
    const refused = await other.get(`/api/labs/${members}/summary?audience=public`);
    expectProblem(refused, 400, 'validation_failed');
    expect(JSON.stringify(refused.body)).toContain('audience');
    expectProblem(await coordinator.get(`/api/labs/${meals}/summary`), 400, 'validation_failed');
    expectProblem(await coordinator.get(`/api/labs/${meals}/summary?audience=iedereen`), 400, 'validation_failed');
  });

  it("is made by the lab's team only", async () => {
    expectProblem(await observer.get(`/api/labs/${meals}/summary?audience=municipality`), 403);
    expectProblem(await anonymous.get(`/api/labs/${meals}/summary?audience=public`), 401);
  });

  it('freezes as a dated snapshot that never changes, and says when newer data exists', async () => {
    const frozen = await coordinator.post(`/api/labs/${meals}/summaries`, { audience: 'public' });
    expect(frozen.status).toBe(201);
    const id = (frozen.body as { id: number }).id;
    const first = await anonymous.get(`/api/summaries/${id}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ audience: 'public', newerDataExists: false });
    const before = JSON.stringify((first.body as { summary: unknown }).summary);

    await sql(t.dataSource, "UPDATE labs SET aim = 'Een nieuw doel', data_version = data_version + 1 WHERE id = $1", [
      meals,
    ]);
    const later = await anonymous.get(`/api/summaries/${id}`);
    expect(later.body).toMatchObject({ newerDataExists: true });
    expect(JSON.stringify((later.body as { summary: unknown }).summary)).toBe(before);

    // One for the municipality: its members and observers only; for anyone else it does not exist.
    const forCouncil = await coordinator.post(`/api/labs/${meals}/summaries`, { audience: 'municipality' });
    const councilId = (forCouncil.body as { id: number }).id;
    expect((await observer.get(`/api/summaries/${councilId}`)).status).toBe(200);
    expectProblem(await anonymous.get(`/api/summaries/${councilId}`), 404, 'summary_not_found');
    const list = await coordinator.get(`/api/labs/${meals}/summaries`);
    expect((list.body as { items: { id: number }[] }).items.map((i) => i.id)).toEqual([councilId, id]);
  });

  it('summarises one closed round, and refuses a round that is not closed or not of the lab', async () => {
    const [{ id: roundId }] = await sql(
      t.dataSource,
      "SELECT id FROM evaluation_rounds WHERE title = 'Terugblik op de eerste maaltijden'",
    );
    const response = await coordinator.get(`/api/rounds/${roundId}/summary?audience=municipality`);
    expect(response.status).toBe(200);
    expect((response.body as Summary).round?.title).toBe('Terugblik op de eerste maaltijden');
  });
});
