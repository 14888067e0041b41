import { ApiClient } from '../support/api-client';
import { databaseKind, sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';

/** Many writers for a sustained period: no errors surfaced, stale versions answered with 409, and no update lost. */
describe(`sustained concurrent writers on ${databaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000' });
  });
  afterAll(() => t.close());

  it('runs 16 writers for 5 seconds with zero errors and no lost update', async () => {
    const coordinator = await makeUser(t.dataSource);
    const lab = await makeLab(t.dataSource, { visibility: 'public' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    const client = new ApiClient(t.baseUrl);
    await client.login(coordinator.email!, PASSWORD);
    const experiment = (await client.post(`/api/labs/${lab.id}/experiments`, { title: 'Teller', description: 'x' }))
      .body;
    const until = Date.now() + 5000;
    const errors: string[] = [];
    let conflicts = 0;
    let increments = 0;
    let created = 0;

    // Half the writers update one shared record with optimistic locking (read, change, write, retry on 409)…
    const updater = async () => {
      while (Date.now() < until) {
        const current = (await client.get(`/api/experiments/${experiment.id}`)).body;
        const count = Number(current.description.split(':')[1] ?? 0);
        const r = await client.patch(`/api/experiments/${experiment.id}`, {
          version: current.version,
          description: `teller:${count + 1}`,
        });
        if (r.status === 200) increments++;
        else if (r.status === 409) conflicts++;
        else errors.push(`${r.status} ${r.text}`);
      }
    };
    // …the other half create records in transactions (record + history), iterations numbered within the transaction.
    const creator = async (w: number) => {
      while (Date.now() < until) {
        const r = await client.post(`/api/experiments/${experiment.id}/iterations`, {
          startsOn: '2025-01-01',
          plan: `schrijver ${w}`,
        });
        if (r.status === 201) created++;
        else errors.push(`${r.status} ${r.text}`);
      }
    };
    await Promise.all([...Array.from({ length: 8 }, updater), ...Array.from({ length: 8 }, (_, w) => creator(w))]);

    const final = (await client.get(`/api/experiments/${experiment.id}`)).body;
    const [{ n }] = await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM iterations WHERE experiment_id = $1', [
      experiment.id,
    ]);
    const numbers = await sql(
      t.dataSource,
      'SELECT COUNT(DISTINCT number) AS n FROM iterations WHERE experiment_id = $1',
      [experiment.id],
    );
    process.stdout.write(
      `concurrency: ${increments} updates (${conflicts} answered 409 and ` +
        `retried), ${created} iterations created, ${errors.length} errors\n`,
    );
    expect(errors).toEqual([]);
    expect(final.description).toBe(`teller:${increments}`);
    expect(final.version).toBe(1 + increments);
    expect(Number(n)).toBe(created);
    expect(Number(numbers[0].n)).toBe(created);
  });
});
