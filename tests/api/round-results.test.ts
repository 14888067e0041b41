import { ApiClient } from '../support/api-client';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { aggregate, CountRow } from '../../backend/src/evaluations/aggregate';
import { Appreciation } from '../../backend/src/evaluations/appreciation.entity';
import { Contribution, STAKEHOLDER_GROUPS } from '../../backend/src/evaluations/contribution.entity';
import { DIVERGENCE_CALLOUT } from '../../backend/src/evaluations/evaluations.service';
import { Experiment } from '../../backend/src/experiments/experiment.entity';
import { Iteration } from '../../backend/src/iterations/iteration.entity';
import { Observation } from '../../backend/src/observations/observation.entity';
import { Participant } from '../../backend/src/participants/participant.entity';
import type { Lab } from '../../backend/src/labs/lab.entity';
import type { User } from '../../backend/src/users/user.entity';

/**
 * A round's results (counted in SQL, medians and distances derived in aggregate.ts, ordered and grouped by both)
 * checked against a plain JavaScript reading of the same contributions, for seeded random rounds of every size: from
 * none at all to sixty people in six groups, with "don't know", ties between pairs of groups, a dimension nobody
 * scored, nominated stories whose words may or may not be shown, and text that JSON must escape. It guards every
 * rewrite of the results' SQL on both databases (one such rewrite built the whole answer in SQL; the PostgreSQL
 * medians it got wrong were found here).
 */
const GROUPS = STAKEHOLDER_GROUPS;
const ODD_TEXTS = ['Zei "hoi" en \\ ging', 'Regel één\nregel twee\ttab', 'Café 🙂 — ü', '</script><b>vet</b>', "l'été", ''];

function random(seed: number): () => number {
  // mulberry32: the same rounds on every run.
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Made {
  id: number;
  group: string;
  answers: { prompt: number; text: string }[];
  scores: [string, number | null][];
  nominated: number | null;
  reason: string | null;
}

interface Story { id: number; text: string; perspective: string; readable: boolean; visible: boolean }

function expected(roundId: number, dimensions: string[], prompts: string[], made: Made[], stories: Map<number, Story>) {
  const order = (g: string) => GROUPS.indexOf(g as (typeof GROUPS)[number]);
  const count = new Map<string, number>();
  for (const c of made) count.set(c.group, (count.get(c.group) ?? 0) + 1);
  const rows = new Map<string, CountRow>();
  for (const c of made) {
    for (const [dimension, score] of c.scores) {
      const key = `${dimension}|${c.group}|${score}`;
      const row = rows.get(key) ?? { dimension, group: c.group, score, count: 0 };
      row.count++;
      rows.set(key, row);
    }
  }
  const byPrompt = prompts.map((text, prompt) => {
    const groups = new Map<string, string[]>();
    for (const c of made) for (const a of c.answers) if (a.prompt === prompt) groups.set(c.group, [...(groups.get(c.group) ?? []), a.text]);
    return { prompt, text, byGroup: [...groups].sort((a, b) => order(a[0]) - order(b[0])).map(([group, answers]) => ({ group, answers })) };
  });
  const nominated = new Map<number, Made[]>();
  for (const c of made) if (c.nominated !== null) nominated.set(c.nominated, [...(nominated.get(c.nominated) ?? []), c]);
  return {
    roundId,
    contributions: made.length,
    groups: [...count].sort((a, b) => order(a[0]) - order(b[0])).map(([group, n]) => ({ group, count: n })),
    dimensions: aggregate([...rows.values()], dimensions, GROUPS)
      .map((d) => ({ ...d, diverges: d.divergence >= DIVERGENCE_CALLOUT }))
      .sort((a, b) => b.divergence - a.divergence || dimensions.indexOf(a.dimension) - dimensions.indexOf(b.dimension)),
    prompts: byPrompt,
    nominations: [...nominated]
      .map(([id, by]) => {
        const story = stories.get(id)!;
        return {
          observationId: id,
          storyText: story.visible && story.readable ? story.text : null,
          perspective: story.visible ? story.perspective : null,
          nominations: by.length,
          groups: [...new Set(by.map((c) => c.group))].sort((a, b) => order(a) - order(b)),
          reasons: by.filter((c) => c.reason).map((c) => ({ group: c.group, reason: c.reason })),
        };
      })
      .sort((a, b) => b.nominations - a.nominations || a.observationId - b.observationId),
  };
}

describe(`round results against a reference on ${databaseKind}`, () => {
  let t: TestApp;
  let lab: Lab;
  let coord: ApiClient;
  let iterationId: number;
  const people: User[] = [];
  const stories = new Map<number, Story>();

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.dataSource.manager;
    const coordinator = await makeUser(t.dataSource, { displayName: 'Coördinator' });
    lab = await makeLab(t.dataSource);
    const other = await makeLab(t.dataSource);
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    for (let i = 0; i < 60; i++) people.push(await makeUser(t.dataSource));
    const experiment = await m.save(m.create(Experiment, { labId: lab.id, title: 'Buurttafel', description: 'Samen eten', workingIngredients: [], scale: 'street', status: 'running' }));
    iterationId = (await m.save(m.create(Iteration, { labId: lab.id, experimentId: experiment.id, number: 1, startsOn: '2025-10-01', endsOn: null, plan: 'p', act: null, observe: null, reflect: null, decision: null, decisionReasons: null }))).id;
    const consenting = await m.save(m.create(Participant, { labId: lab.id, pseudonym: 'Buur A', groups: [], consentParticipation: true, consentQuote: true }));
    const refusing = await m.save(m.create(Participant, { labId: lab.id, pseudonym: 'Buur B', groups: [], consentParticipation: true, consentQuote: false }));
    const story = async (labId: number, text: string, perspective: string, participantId: number | null, audience: 'lab' | 'public', readable: boolean, visible: boolean) => {
      const saved = await m.save(m.create(Observation, { labId, iterationId: labId === lab.id ? iterationId : null, kind: 'story', observedOn: '2025-10-15', indicatorId: null, value: null, contextNote: null, storyText: text, perspective, participantId, audience, selfReliance: 'together', dimensions: [], hypothesisIds: [], createdBy: null }));
      stories.set(saved.id, { id: saved.id, text, perspective, readable, visible });
    };
    await story(lab.id, 'Ze zei: "kom je ook?" \\ en ik kwam.', 'resident', null, 'lab', true, true);
    await story(lab.id, 'Met toestemming 🙂', 'volunteer', consenting.id, 'public', true, true);
    await story(lab.id, 'Zonder toestemming om te citeren', 'resident', refusing.id, 'lab', false, true);
    await story(other.id, 'Uit een ander lab', 'partner', null, 'public', true, false);
    coord = new ApiClient(t.baseUrl);
    await coord.login(coordinator.email!, PASSWORD);
  });
  afterAll(() => t.close());

  // Sizes, and how many of the six groups take part: none at all, one person, one group only, and crowds.
  const CASES: [number, number, number][] = [[0, 6, 1], [1, 1, 2], [2, 2, 3], [4, 6, 4], [7, 1, 5], [9, 3, 6], [16, 6, 7], [25, 4, 8], [40, 6, 9], [60, 6, 10], [12, 2, 11], [30, 5, 12]];

  it.each(CASES)('a round of %i contributions from %i groups (seed %i) gives the same results as the reference', async (size, groupCount, seed) => {
    const rand = random(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
    const dimensions = ['social_contacts', 'trust', 'wellbeing', 'health', 'self_reliance'];
    const prompts = ['Wat werkte?', 'Wat verraste je?', 'Wat nu?'];
    const created = await coord.post(`/api/labs/${lab.id}/rounds`, { title: `Ronde ${seed}`, periodStart: '2025-10-01', periodEnd: '2025-12-01', iterationIds: [iterationId], dimensions, prompts });
    expect(created.status).toBe(201);
    const roundId = created.body.id as number;
    const groups = [...GROUPS].sort(() => rand() - 0.5).slice(0, groupCount);
    // Few distinct scores in small rounds, so pairs of groups often lie exactly as far apart (ties).
    const scale = size < 10 ? [1, 3, 5, null] : [1, 2, 3, 4, 5, null];
    const made: Made[] = [];
    const m = t.dataSource.manager;
    for (let i = 0; i < size; i++) {
      const group = pick(groups);
      const answers = prompts.map((_, prompt) => prompt).filter(() => rand() < 0.6).map((prompt) => ({ prompt, text: rand() < 0.3 ? pick(ODD_TEXTS) : `Antwoord ${i}.${prompt}` }));
      // The last dimension is never scored; "don't know" (null) now and then.
      const scores = dimensions.slice(0, 4).filter(() => rand() < 0.85).map((d): [string, number | null] => [d, pick(scale)]);
      const nominated = rand() < 0.7 ? pick([...stories.keys()]) : null;
      const reason = nominated === null ? null : pick([null, '', 'Het raakte me.', pick(ODD_TEXTS)]);
      const { identifiers } = await m.insert(Contribution, { roundId, userId: people[i].id, stakeholderGroup: group as Contribution['stakeholderGroup'], showName: false, answers, nominatedObservationId: nominated, nominationReason: reason });
      const id = Number(identifiers[0]['id']);
      if (scores.length) await m.insert(Appreciation, scores.map(([dimension, score]) => ({ contributionId: id, roundId, dimension, stakeholderGroup: group, score })));
      made.push({ id, group, answers, scores, nominated, reason });
    }
    const results = await coord.get(`/api/rounds/${roundId}/results`);
    expect(results.status).toBe(200);
    expect(results.body).toEqual(expected(roundId, dimensions, prompts, made, stories));
    // The dimension nobody scored is there, without groups.
    expect(results.body.dimensions.find((d: { dimension: string }) => d.dimension === 'self_reliance')).toEqual({ dimension: 'self_reliance', groups: [], divergence: 0, mostApart: null, diverges: false });
  });
});
