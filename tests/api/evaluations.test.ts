import { ApiClient, expectProblem } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { Experiment } from '../../backend/src/experiments/experiment.entity';
import { Iteration } from '../../backend/src/iterations/iteration.entity';
import { Observation } from '../../backend/src/observations/observation.entity';
import type { Lab } from '../../backend/src/labs/lab.entity';
import type { User } from '../../backend/src/users/user.entity';

/** The shared-meals case: a round with five residents, two partners and one municipality officer. */
describe('co-evaluation rounds', () => {
  let t: TestApp;
  let lab: Lab;
  let coordinator: User;
  let coord: ApiClient;
  const iterationIds: number[] = [];
  let storyIds: number[] = [];
  let roundId: number;
  const residents: ApiClient[] = [];
  const partners: ApiClient[] = [];
  let officer: ApiClient;

  const login = async (user: User) => {
    const client = new ApiClient(t.baseUrl);
    await client.login(user.email!, PASSWORD);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.dataSource.manager;
    coordinator = await makeUser(t.dataSource, { displayName: 'Sanne' });
    lab = await makeLab(t.dataSource, { name: 'Samen eten in de buurt', visibility: 'members' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    const experiment = await m.save(
      m.create(Experiment, {
        labId: lab.id,
        title: 'Buurtmaaltijd',
        description: 'Samen koken',
        workingIngredients: [],
        scale: 'neighbourhood',
        status: 'running',
      }),
    );
    for (const [n, startsOn] of [
      [1, '2025-10-01'],
      [2, '2025-11-01'],
    ] as const) {
      iterationIds.push(
        (
          await m.save(
            m.create(Iteration, {
              labId: lab.id,
              experimentId: experiment.id,
              number: n,
              startsOn,
              endsOn: null,
              plan: 'Samen eten',
              act: 'Maaltijd met 30 mensen',
              observe: 'Gemengde tafels',
              reflect: null,
              decision: null,
              decisionReasons: null,
            }),
          )
        ).id,
      );
    }
    const story = (text: string, audience: 'lab' | 'public') =>
      m.save(
        m.create(Observation, {
          labId: lab.id,
          iterationId: iterationIds[1],
          kind: 'story',
          observedOn: '2025-11-15',
          indicatorId: null,
          value: null,
          contextNote: null,
          storyText: text,
          perspective: 'resident',
          participantId: null,
          audience,
          selfReliance: 'together',
          dimensions: ['social_contacts'],
          hypothesisIds: [],
          createdBy: null,
        }),
      );
    storyIds = [
      (await story('Ik kook nu samen met mijn buurvrouw.', 'lab')).id,
      (await story('De kerk en de moskee eten samen.', 'public')).id,
    ];
    coord = await login(coordinator);
    for (let i = 0; i < 2; i++) {
      const p = await makeUser(t.dataSource, { displayName: `Partner ${i + 1}` });
      await addMember(t.dataSource, lab, p, 'partner');
      partners.push(await login(p));
    }
    const o = await makeUser(t.dataSource, { displayName: 'Ambtenaar Linda' });
    await addMember(t.dataSource, lab, o, 'observer');
    officer = await login(o);
  });
  afterAll(() => t.close());

  it("opens a round over iterations with the default appreciative prompts and the lab's dimensions", async () => {
    const response = await coord.post(`/api/labs/${lab.id}/rounds`, {
      title: 'Terugblik najaar',
      periodStart: '2025-10-01',
      periodEnd: '2025-12-01',
      iterationIds,
      dimensions: ['social_contacts', 'trust', 'wellbeing'],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'open',
      prompts: [
        'Wat werkte?',
        'Wat verraste je?',
        'Wat is voor jou het belangrijkst?',
        'Wat moeten we hierna proberen?',
      ],
      canContribute: true,
      canSeeResults: true,
      contributionCount: 0,
    });
    expect(response.body.iterations.map((i: { number: number }) => i.number)).toEqual([1, 2]);
    expect(response.body.material.map((o: { storyText: string }) => o.storyText).sort()).toEqual([
      'De kerk en de moskee eten samen.',
      'Ik kook nu samen met mijn buurvrouw.',
    ]);
    roundId = response.body.id;
    expectProblem(
      await coord.post(`/api/labs/${lab.id}/rounds`, {
        title: 'x',
        periodStart: '2025-12-01',
        periodEnd: '2025-10-01',
        iterationIds: [999999],
        dimensions: ['geluk'],
      }),
      400,
      'validation_failed',
    );
  });

  it('lets five residents join by invitation link with only a name and contribute on the spot', async () => {
    const scores = [5, 5, 4, 5, null];
    for (let i = 0; i < 5; i++) {
      const link = (await coord.post(`/api/rounds/${roundId}/invitations`, { note: `bewoner ${i + 1}` })).body;
      const resident = new ApiClient(t.baseUrl);
      expect((await resident.get(`/api/invitations/by-token/${link.token}`)).body).toMatchObject({
        roundId,
        roundTitle: 'Terugblik najaar',
        role: 'resident',
      });
      const joined = await resident.post(`/api/invitations/by-token/${link.token}/accept`, {
        displayName: `Bewoner ${i + 1}`,
      });
      expect(joined.body).toMatchObject({ roundId, labId: lab.id });
      const before = await resident.get(`/api/rounds/${roundId}`);
      expect(before.body).toMatchObject({ canContribute: true, canSeeResults: false, myContribution: null });
      const response = await resident.put(`/api/rounds/${roundId}/contribution`, {
        stakeholderGroup: 'resident',
        showName: i === 0,
        appreciations: [
          { dimension: 'social_contacts', score: scores[i] },
          { dimension: 'trust', score: 4 },
        ],
        answers: [
          { prompt: 0, text: `Samen koken (${i + 1})` },
          { prompt: 3, text: 'Vaker op zondag' },
        ],
        nominatedObservationId: i < 3 ? storyIds[0] : storyIds[1],
        nominationReason: i === 0 ? 'Zo ontstaat echt contact.' : null,
      });
      expect(response.status).toBe(200);
      expect(response.body.myContribution).toMatchObject({
        stakeholderGroup: 'resident',
        answers: [
          { prompt: 0, text: `Samen koken (${i + 1})` },
          { prompt: 3, text: 'Vaker op zondag' },
        ],
      });
      residents.push(resident);
    }
  });

  it('keeps one contribution per person: a second submission changes the first', async () => {
    const again = await residents[1].put(`/api/rounds/${roundId}/contribution`, {
      stakeholderGroup: 'resident',
      appreciations: [
        { dimension: 'social_contacts', score: 4 },
        { dimension: 'trust', score: 4 },
      ],
      answers: [{ prompt: 0, text: 'Samen koken (2, aangepast)' }],
      nominatedObservationId: storyIds[0],
    });
    expect(again.status).toBe(200);
    const [{ n }] = await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM contributions WHERE round_id = $1', [roundId]);
    expect(Number(n)).toBe(5);
    const [{ a }] = await sql(t.dataSource, 'SELECT COUNT(*) AS a FROM appreciations WHERE round_id = $1', [roundId]);
    expect(Number(a)).toBe(10);
  });

  it('names invalid parts of a contribution and stores nothing of them', async () => {
    const problem = expectProblem(
      await residents[0].put(`/api/rounds/${roundId}/contribution`, {
        stakeholderGroup: 'alien',
        appreciations: [{ dimension: 'geluk', score: 9 }],
        answers: [{ prompt: 7, text: 'x' }],
        nominatedObservationId: 999999,
      }),
      400,
      'validation_failed',
    );
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['stakeholderGroup', 'appreciations.0.score']),
    );
    const mine = (await residents[0].get(`/api/rounds/${roundId}`)).body.myContribution;
    expect(mine.answers[0].text).toBe('Samen koken (1)');
  });

  it('lets partners and the municipality officer contribute from their accounts', async () => {
    for (const [client, score] of [
      [partners[0], 3],
      [partners[1], 2],
    ] as const) {
      expect(
        (
          await client.put(`/api/rounds/${roundId}/contribution`, {
            stakeholderGroup: 'partner',
            appreciations: [
              { dimension: 'social_contacts', score },
              { dimension: 'trust', score: 4 },
            ],
            answers: [{ prompt: 1, text: 'Hoeveel nieuwe mensen er kwamen' }],
            nominatedObservationId: storyIds[1],
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (
        await officer.put(`/api/rounds/${roundId}/contribution`, {
          stakeholderGroup: 'municipality',
          showName: true,
          appreciations: [
            { dimension: 'social_contacts', score: 1 },
            { dimension: 'trust', score: 4 },
            { dimension: 'wellbeing', score: null },
          ],
          answers: [{ prompt: 2, text: 'Dat het blijft bestaan zonder subsidie' }],
          nominatedObservationId: storyIds[1],
          nominationReason: 'Over grenzen heen.',
        })
      ).status,
    ).toBe(200);
  });

  it('shows contributors nothing of the others before the round closes', async () => {
    // Not the role: the moment. The answer says so, with a code of its own.
    expectProblem(await residents[2].get(`/api/rounds/${roundId}/results`), 403, 'results_when_closed');
    expectProblem(await officer.get(`/api/rounds/${roundId}/contributions`), 403, 'results_when_closed');
  });

  it('shows the coordinator names, and others only the names people chose to show', async () => {
    const coordView = (await coord.get(`/api/rounds/${roundId}/contributions`)).body.items;
    expect(coordView.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['Bewoner 1', 'Bewoner 2', 'Partner 1', 'Ambtenaar Linda']),
    );
    await coord.post(`/api/rounds/${roundId}/close`, { version: 1 });
    const residentView = (await residents[2].get(`/api/rounds/${roundId}/contributions`)).body.items;
    expect(
      residentView
        .map((c: { name: string | null }) => c.name)
        .filter(Boolean)
        .sort(),
    ).toEqual(['Ambtenaar Linda', 'Bewoner 1', 'Bewoner 3']);
  });

  it(
    'shows each group side by side per dimension, ' + 'calls out where they diverge, and has no overall score',
    async () => {
      const results = (await residents[3].get(`/api/rounds/${roundId}/results`)).body;
      expect(results.contributions).toBe(8);
      expect(results.groups).toEqual([
        { group: 'resident', count: 5 },
        { group: 'partner', count: 2 },
        { group: 'municipality', count: 1 },
      ]);
      const [first, ...rest] = results.dimensions;
      expect(first).toMatchObject({
        dimension: 'social_contacts',
        diverges: true,
        // Residents at 4–5 and the municipality at 1: on average 3.5 of the 4 possible steps apart (the partners,
        // at 2–3, are two steps from the residents: the pair named is the one that really lies furthest apart).
        divergence: 0.875,
        mostApart: ['resident', 'municipality'],
      });
      expect(first.groups).toEqual([
        expect.objectContaining({ group: 'resident', counts: [0, 0, 0, 2, 2], dontKnow: 1, n: 4 }),
        expect.objectContaining({ group: 'partner', counts: [0, 1, 1, 0, 0], n: 2 }),
        expect.objectContaining({ group: 'municipality', counts: [1, 0, 0, 0, 0], n: 1 }),
      ]);
      const trust = rest.find((d: { dimension: string }) => d.dimension === 'trust');
      expect(trust).toMatchObject({ divergence: 0, diverges: false });
      expect(JSON.stringify(results)).not.toMatch(/"(average|mean|overall|score|total)"/);
      expect(results.prompts[0].byGroup).toEqual([
        { group: 'resident', answers: expect.arrayContaining(['Samen koken (1)', 'Samen koken (2, aangepast)']) },
      ]);
      expect(results.prompts[2].byGroup).toEqual([
        { group: 'municipality', answers: ['Dat het blijft bestaan zonder subsidie'] },
      ]);
      expect(
        results.nominations.map((n: { observationId: number; nominations: number }) => [
          n.observationId,
          n.nominations,
        ]),
      ).toEqual(
        [
          [storyIds[1], 5],
          [storyIds[0], 3],
        ].sort((a, b) => b[1] - a[1]),
      );
      expect(results.nominations[0]).toMatchObject({
        groups: ['resident', 'partner', 'municipality'],
        reasons: [{ group: 'municipality', reason: 'Over grenzen heen.' }],
      });
    },
  );

  it('keeps a closed round read-only, with clear answers', async () => {
    expectProblem(
      await residents[0].put(`/api/rounds/${roundId}/contribution`, {
        stakeholderGroup: 'resident',
        appreciations: [],
        answers: [],
      }),
      409,
      'round_closed',
    );
    expectProblem(await coord.post(`/api/rounds/${roundId}/invitations`, {}), 409, 'round_closed');
    expectProblem(await coord.post(`/api/rounds/${roundId}/close`, { version: 2 }), 409, 'round_closed');
    expect((await residents[0].get(`/api/rounds/${roundId}`)).body).toMatchObject({
      status: 'closed',
      canContribute: false,
      canSeeResults: true,
    });
  });

  it('closes the loop: decisions and learnings linked to the round are shown to every contributor', async () => {
    const followUps = (
      await coord.post(`/api/rounds/${roundId}/follow-ups`, {
        kind: 'decision',
        text: 'We gaan ook op zondag koken.',
        iterationId: iterationIds[1],
      })
    ).body;
    expect(followUps).toEqual([expect.objectContaining({ kind: 'decision', iterationNumber: 2 })]);
    expectProblem(
      await residents[0].post(`/api/rounds/${roundId}/follow-ups`, { kind: 'decision', text: 'x' }),
      403,
      'forbidden',
    );
    expect((await residents[4].get(`/api/rounds/${roundId}`)).body.followUps[0].text).toBe(
      'We gaan ook op zondag koken.',
    );
  });

  it("compares each group's appreciation of a dimension from round to round", async () => {
    const second = (
      await coord.post(`/api/labs/${lab.id}/rounds`, {
        title: 'Terugblik winter',
        periodStart: '2025-12-01',
        periodEnd: '2026-02-01',
        iterationIds: [iterationIds[1]],
        dimensions: ['social_contacts'],
        showAfterContributing: true,
      })
    ).body;
    expect(
      (
        await partners[0].put(`/api/rounds/${second.id}/contribution`, {
          stakeholderGroup: 'partner',
          appreciations: [{ dimension: 'social_contacts', score: 5 }],
          answers: [],
        })
      ).status,
    ).toBe(200);
    expect((await partners[0].get(`/api/rounds/${second.id}/results`)).status).toBe(200);
    expectProblem(await partners[1].get(`/api/rounds/${second.id}/results`), 403, 'results_after_contributing');
    const forCoordinator = (await coord.get(`/api/labs/${lab.id}/rounds/compare?dimension=social_contacts`)).body;
    expect(forCoordinator.rounds.map((r: { title: string }) => r.title)).toEqual([
      'Terugblik najaar',
      'Terugblik winter',
    ]);
    const partnerTrend = forCoordinator.rounds.map(
      (r: { groups: { group: string; median: number }[] }) => r.groups.find((g) => g.group === 'partner')?.median,
    );
    expect(partnerTrend).toEqual([2.5, 5]);
    const forResident = (await residents[0].get(`/api/labs/${lab.id}/rounds/compare?dimension=social_contacts`)).body;
    expect(forResident.rounds.map((r: { title: string }) => r.title)).toEqual(['Terugblik najaar']);
  });

  it('requires co-signed reflection when the lab asks for it', async () => {
    const labNow = (await coord.get(`/api/labs/${lab.id}`)).body;
    expect(
      (await coord.patch(`/api/labs/${lab.id}`, { version: labNow.version, cosignedReflection: true })).body
        .cosignedReflection,
    ).toBe(true);
    const iteration = (await coord.get(`/api/iterations/${iterationIds[0]}`)).body;
    expectProblem(
      await coord.patch(`/api/iterations/${iterationIds[0]}`, {
        version: iteration.version,
        decision: 'continue',
        decisionReasons: 'Goed zo.',
      }),
      409,
      'cosigned_reflection_required',
    );
    await residents[0].post(`/api/iterations/${iterationIds[0]}/reflections`, {
      stakeholderGroup: 'resident',
      text: 'Voor mij was dit de eerste keer dat ik buren sprak.',
    });
    await residents[1].post(`/api/iterations/${iterationIds[0]}/reflections`, {
      stakeholderGroup: 'resident',
      text: 'Ik ook.',
    });
    expectProblem(
      await coord.patch(`/api/iterations/${iterationIds[0]}`, {
        version: iteration.version,
        decision: 'continue',
        decisionReasons: 'Goed zo.',
      }),
      409,
      'cosigned_reflection_required',
    );
    const reflections = (
      await partners[0].post(`/api/iterations/${iterationIds[0]}/reflections`, {
        stakeholderGroup: 'partner',
        text: 'Het werkt door de persoonlijke uitnodiging.',
      })
    ).body;
    expect(reflections).toMatchObject({ groups: 2, required: true });
    expect(
      (
        await coord.patch(`/api/iterations/${iterationIds[0]}`, {
          version: iteration.version,
          decision: 'continue',
          decisionReasons: 'Goed zo.',
        })
      ).body.decision,
    ).toBe('continue');
  });
});
