import { ApiClient } from '../support/api-client';
import { countQueries } from '../support/query-counter';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';
import { makeLab, makeUser, PASSWORD } from '../factories';
import type { Lab } from '../../backend/src/labs/lab.entity';

/**
 * No N+1 queries: the main endpoints run a fixed number of queries whatever the amount of data.
 * Each endpoint is measured on a small lab and on a lab ten times bigger; the counts must be equal.
 */
describe(`queries per request on ${databaseKind}`, () => {
  let t: TestApp;
  let client: ApiClient;
  let counter: { count(): number };

  beforeAll(async () => {
    // Kept answers would hide the queries: this test counts the work of an uncached request.
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000', LAB_CACHE: 'false' });
    counter = countQueries(t.dataSource);
    const admin = await makeUser(t.dataSource, { installationRole: 'admin' });
    client = new ApiClient(t.baseUrl);
    await client.login(admin.email!, PASSWORD);
  });
  afterAll(() => t.close());

  async function fill(lab: Lab, size: number): Promise<{ experimentId: number; roundId: number; learningId: number }> {
    const experiment = (
      await client.post(`/api/labs/${lab.id}/experiments`, {
        title: 'Proef',
        description: 'x',
        workingIngredients: ['a'],
      })
    ).body;
    const indicator = (
      await client.post(`/api/labs/${lab.id}/indicators`, { name: 'Bezoekers', unit: 'personen', signalOf: 'bereik' })
    ).body;
    const participants = [];
    for (let i = 0; i < size; i++)
      participants.push(
        (
          await client.post(`/api/labs/${lab.id}/participants`, {
            pseudonym: `P${i}`,
            groups: [`g${i % 3}`],
            consent: { participation: true, quote: true, photo: false, contact: false, textVersion: 'v1' },
          })
        ).body.id,
      );
    const iterations = [];
    for (let i = 0; i < size; i++) {
      const it = (
        await client.post(`/api/experiments/${experiment.id}/iterations`, {
          startsOn: `2025-01-${String(i + 1).padStart(2, '0')}`,
          plan: 'x',
        })
      ).body;
      iterations.push(it.id);
      await client.put(`/api/iterations/${it.id}/attendance`, { participantIds: participants.slice(0, i + 1) });
      await client.post(`/api/labs/${lab.id}/observations`, {
        kind: 'measure',
        iterationId: it.id,
        observedOn: it.startsOn,
        indicatorId: indicator.id,
        value: i,
      });
      await client.post(`/api/labs/${lab.id}/observations`, {
        kind: 'story',
        iterationId: it.id,
        observedOn: it.startsOn,
        storyText: `Verhaal ${i}`,
        perspective: 'resident',
        participantId: participants[i],
        audience: 'public',
      });
      const h = (
        await client.post(`/api/experiments/${experiment.id}/hypotheses`, { ifWe: 'a', then: 'b', because: 'c' })
      ).body;
      await client.post(`/api/hypotheses/${h.id}/status`, {
        version: h.version,
        status: 'testing',
        rationale: 'x',
        iterationId: it.id,
      });
    }
    const round = (
      await client.post(`/api/labs/${lab.id}/rounds`, {
        title: 'Ronde',
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        iterationIds: iterations,
        dimensions: ['trust', 'wellbeing'],
      })
    ).body;
    await client.put(`/api/rounds/${round.id}/contribution`, {
      stakeholderGroup: 'resident',
      appreciations: [{ dimension: 'trust', score: 4 }],
      answers: [{ prompt: 0, text: 'x' }],
    });
    await client.post(`/api/rounds/${round.id}/close`, { version: round.version });
    const learning = (
      await client.post(`/api/labs/${lab.id}/learnings`, {
        title: 'Les',
        body: 'Iets geleerd',
        type: 'pitfall',
        themes: ['encounter'],
        evidence: iterations.map((id) => ({ kind: 'iteration', id })),
      })
    ).body;
    await client.post(`/api/learnings/${learning.id}/publish`, { version: learning.version });
    return { experimentId: experiment.id, roundId: round.id, learningId: learning.id };
  }

  it('runs the same number of queries for a lab with 2 and with 20 of everything', async () => {
    const small = await makeLab(t.dataSource, { visibility: 'public' });
    const big = await makeLab(t.dataSource, { visibility: 'public' });
    const ids = { small: await fill(small, 2), big: await fill(big, 20) };
    const endpoints = (lab: Lab, r: { experimentId: number; roundId: number; learningId: number }) => [
      `/api/labs/${lab.id}`,
      `/api/labs/${lab.id}/timeline`,
      `/api/labs/${lab.id}/charts`,
      `/api/labs/${lab.id}/experiments`,
      `/api/labs/${lab.id}/iterations`,
      `/api/labs/${lab.id}/hypotheses`,
      `/api/labs/${lab.id}/observations`,
      `/api/labs/${lab.id}/participants`,
      `/api/labs/${lab.id}/indicators`,
      `/api/rounds/${r.roundId}`,
      `/api/rounds/${r.roundId}/results`,
      `/api/learnings/${r.learningId}`,
      `/api/labs/${lab.id}/learnings`,
      `/api/labs/${lab.id}/export`,
      `/api/labs?limit=50`,
      '/api/library?q=geleerd',
    ];
    const counts: Record<string, [number, number]> = {};
    const smallList = endpoints(small, ids.small);
    const bigList = endpoints(big, ids.big);
    for (let i = 0; i < smallList.length; i++) {
      const measure = async (path: string) => {
        // TypeORM's queries and the reads Db runs on the driver directly.
        const before = counter.count();
        expect((await client.get(path)).status).toBe(200);
        return counter.count() - before;
      };
      counts[smallList[i].replace(/\d+/g, ':id')] = [await measure(smallList[i]), await measure(bigList[i])];
    }
    process.stdout.write(`queries per request (small lab, big lab): ${JSON.stringify(counts)}\n`);
    for (const [path, [a, b]] of Object.entries(counts)) {
      expect({ path, same: a === b }).toEqual({ path, same: true });
      expect({ path, bounded: b <= 20 }).toEqual({ path, bounded: true });
    }
  });
});
