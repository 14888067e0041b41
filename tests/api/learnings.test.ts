import { ApiClient, expectProblem } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { Experiment } from '../../backend/src/experiments/experiment.entity';
import { Iteration } from '../../backend/src/iterations/iteration.entity';
import { Observation } from '../../backend/src/observations/observation.entity';
import { Participant } from '../../backend/src/participants/participant.entity';
import type { Lab } from '../../backend/src/labs/lab.entity';
import type { User } from '../../backend/src/users/user.entity';

describe('the learnings library', () => {
  let t: TestApp;
  let coordinator: User;
  let coord: ApiClient;
  const anonymous = () => new ApiClient(t.baseUrl);
  let publicLab: Lab, otherPublicLab: Lab, privateLab: Lab;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp({ DEMO_DATA: 'false' });
    const m = t.dataSource.manager;
    coordinator = await makeUser(t.dataSource);
    publicLab = await makeLab(t.dataSource, { name: 'Samen eten', visibility: 'public', municipality: 'Utrecht' });
    otherPublicLab = await makeLab(t.dataSource, {
      name: 'Wijkdialoog',
      visibility: 'public',
      municipality: 'Den Haag',
    });
    privateLab = await makeLab(t.dataSource, {
      name: 'Xylofoonkwartier geheimlab',
      visibility: 'private',
      municipality: 'Zeldzaamstad',
    });
    for (const lab of [publicLab, otherPublicLab, privateLab])
      await addMember(t.dataSource, lab, coordinator, 'coordinator');
    const experiment = (lab: Lab) =>
      m.save(
        m.create(Experiment, {
          labId: lab.id,
          title: 'Proef',
          description: 'x',
          workingIngredients: [],
          scale: 'street',
          status: 'running',
        }),
      );
    const iteration = async (lab: Lab, n: number) =>
      (
        await m.save(
          m.create(Iteration, {
            labId: lab.id,
            experimentId: (await experiment(lab)).id,
            number: n,
            startsOn: `2025-0${n}-01`,
            endsOn: null,
            plan: 'Plan',
            act: null,
            observe: null,
            reflect: 'Het werkte',
            decision: null,
            decisionReasons: null,
          }),
        )
      ).id;
    ids['it1'] = await iteration(publicLab, 1);
    ids['it2'] = await iteration(publicLab, 2);
    ids['itOther'] = await iteration(otherPublicLab, 1);
    ids['itPrivate'] = await iteration(privateLab, 1);
    const withdrawn = await m.save(
      m.create(Participant, {
        labId: publicLab.id,
        pseudonym: 'Geheime Henk',
        groups: [],
        affiliation: null,
        contact: null,
        invitedByParticipantId: null,
        consentParticipation: true,
        consentQuote: false,
        consentPhoto: false,
        consentContact: false,
        consentGivenAt: new Date(),
        consentWithdrawnAt: new Date(),
        consentVersion: 'v1',
        erasedAt: null,
      }),
    );
    const story = (text: string, audience: 'lab' | 'public', participantId: number | null = null) =>
      m.save(
        m.create(Observation, {
          labId: publicLab.id,
          iterationId: ids['it1'],
          kind: 'story',
          observedOn: '2025-01-15',
          indicatorId: null,
          value: null,
          contextNote: null,
          storyText: text,
          perspective: 'resident',
          participantId,
          audience,
          selfReliance: null,
          dimensions: [],
          hypothesisIds: [],
          createdBy: null,
        }),
      );
    ids['publicStory'] = (await story('Ik ken nu mijn buren.', 'public')).id;
    ids['labStory'] = (await story('Alleen voor het lab bedoeld.', 'lab')).id;
    ids['withdrawnStory'] = (await story('Citaat zonder toestemming van Henk.', 'public', withdrawn.id)).id;
    coord = new ApiClient(t.baseUrl);
    await coord.login(coordinator.email!, PASSWORD);
  });
  afterAll(() => t.close());

  const write = async (lab: Lab, body: object) => {
    const response = await coord.post(`/api/labs/${lab.id}/learnings`, body);
    expect(response.status).toBe(201);
    return response.body;
  };

  it(
    'writes a draft with an evidence trail across the labs the coordinator belongs to, ' + 'and suggests its maturity',
    async () => {
      const learning = await write(publicLab, {
        title: 'Begin met een positief doel',
        body: 'Start met een positief doel in plaats van bij het probleem: mensen stappen makkelijker in.',
        type: 'working_ingredient',
        themes: ['encounter'],
        transferConditions: 'Een gastheer uit de buurt.',
        evidence: [
          { kind: 'iteration', id: ids['it1'] },
          { kind: 'iteration', id: ids['it2'] },
          { kind: 'iteration', id: ids['itOther'] },
          { kind: 'observation', id: ids['publicStory'] },
          { kind: 'observation', id: ids['labStory'] },
          { kind: 'observation', id: ids['withdrawnStory'] },
          { kind: 'iteration', id: ids['itPrivate'] },
        ],
      });
      expect(learning).toMatchObject({
        status: 'draft',
        maturity: 'confirmed',
        suggested: { maturity: 'confirmed', labs: 3 },
        canEdit: true,
      });
      expect(learning.evidence).toHaveLength(7);
      ids['positive'] = learning.id;
      const stranger = await makeUser(t.dataSource);
      const strangerClient = new ApiClient(t.baseUrl);
      await strangerClient.login(stranger.email!, PASSWORD);
      const lab = await makeLab(t.dataSource, { visibility: 'public' });
      await addMember(t.dataSource, lab, stranger, 'coordinator');
      const refused = expectProblem(
        await strangerClient.post(`/api/labs/${lab.id}/learnings`, {
          title: 'x',
          body: 'y',
          type: 'pitfall',
          themes: [],
          evidence: [{ kind: 'iteration', id: ids['it1'] }],
        }),
        400,
        'validation_failed',
      );
      expect(refused.errors[0]).toEqual({
        field: 'evidence.0',
        code: 'not_available',
        message: 'is not an iteration in a lab where you keep the logbook',
      });
    },
  );

  it('keeps a draft out of the library and unreachable for the public', async () => {
    expect((await anonymous().get('/api/library?q=positief doel')).body.total).toBe(0);
    expectProblem(await anonymous().get(`/api/learnings/${ids['positive']}`), 404, 'learning_not_found');
  });

  it(
    'publishes it, and then shows only public evidence: no private ' +
      'lab, no story without consent or for a narrower audience',
    async () => {
      const current = (await coord.get(`/api/learnings/${ids['positive']}`)).body;
      expect(
        (await coord.post(`/api/learnings/${ids['positive']}/publish`, { version: current.version })).body,
      ).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
      const seen = (await anonymous().get(`/api/learnings/${ids['positive']}`)).body;
      expect(seen.evidence.map((e: { kind: string; id: number }) => `${e.kind}:${e.id}`).sort()).toEqual(
        [
          `iteration:${ids['it1']}`,
          `iteration:${ids['it2']}`,
          `iteration:${ids['itOther']}`,
          `observation:${ids['publicStory']}`,
        ].sort(),
      );
      expect(seen.labs.map((l: { name: string }) => l.name).sort()).toEqual(['Samen eten', 'Wijkdialoog']);
      const text = JSON.stringify(seen);
      for (const secret of [
        'Xylofoonkwartier',
        'Zeldzaamstad',
        'Geheime Henk',
        'toestemming van Henk',
        'Alleen voor het lab',
      ])
        expect(text).not.toContain(secret);
      expect(seen.canEdit).toBe(false);
    },
  );

  it('finds it by searching "positief doel", with filters and both sort orders', async () => {
    const found = (await anonymous().get('/api/library?q=positief%20doel')).body;
    expect(found.items.map((i: { title: string }) => i.title)).toEqual(['Begin met een positief doel']);
    expect(found.items[0].labs.map((l: { municipality: string }) => l.municipality).sort()).toEqual([
      'Den Haag',
      'Utrecht',
    ]);
    const pitfall = await write(publicLab, {
      title: 'Een flyer bereikt niemand',
      body: 'Alleen een flyer; geen positief doel, geen persoonlijke uitnodiging.',
      type: 'pitfall',
      themes: ['encounter'],
      evidence: [{ kind: 'iteration', id: ids['it2'] }],
    });
    await coord.post(`/api/learnings/${pitfall.id}/publish`, { version: pitfall.version });
    const ranked = (await anonymous().get('/api/library?q=positief%20doel&sort=relevance')).body.items.map(
      (i: { title: string }) => i.title,
    );
    expect(ranked[0]).toBe('Begin met een positief doel');
    expect((await anonymous().get('/api/library?sort=date')).body.items[0].title).toBe('Een flyer bereikt niemand');
    expect((await anonymous().get('/api/library?type=pitfall')).body.total).toBe(1);
    expect((await anonymous().get('/api/library?maturity=confirmed')).body.total).toBe(1);
    expect((await anonymous().get('/api/library?municipality=den%20haag')).body.total).toBe(1);
    expect((await anonymous().get(`/api/library?lab=${otherPublicLab.id}`)).body.total).toBe(1);
    expect((await anonymous().get('/api/library?theme=encounter')).body.total).toBe(2);
  });

  it('never errors on any search input, and pages stably', async () => {
    for (const q of [
      '"',
      'positief" OR "doel',
      'NEAR(a b)',
      '*',
      'AND OR NOT',
      "'; DROP TABLE learnings; --",
      'x'.repeat(500),
      'مرحبا 你好',
      '%_\\',
      '(((',
      'doel -positief',
    ]) {
      const response = await anonymous().get(`/api/library?q=${encodeURIComponent(q)}`);
      expect({ q, status: response.status }).toEqual({ q, status: 200 });
    }
    expect((await anonymous().get(`/api/library?q=${'x'.repeat(501)}`)).status).toBe(400);
    const all = [];
    for (let offset = 0; offset < 4; offset++)
      all.push(
        ...(await anonymous().get(`/api/library?limit=1&offset=${offset}&sort=date`)).body.items.map(
          (i: { id: number }) => i.id,
        ),
      );
    expect(new Set(all).size).toBe(2);
  });

  it('never leaks a private lab: its unique words are not findable anywhere public', async () => {
    const secret = await write(privateLab, {
      title: 'Xylofoonkwartier geheime les',
      body: 'Zeldzaamstad Xylofoonkwartier woorden die niemand mag vinden.',
      type: 'pitfall',
      themes: ['encounter'],
      evidence: [{ kind: 'iteration', id: ids['itPrivate'] }],
    });
    // A draft of a private lab, and the lab's own name and place, must not be findable.
    for (const q of ['Xylofoonkwartier', 'Zeldzaamstad', 'geheimlab', 'niemand mag vinden']) {
      expect((await anonymous().get(`/api/library?q=${encodeURIComponent(q)}`)).body).toEqual({ total: 0, items: [] });
    }
    expect((await anonymous().get('/api/library?municipality=Zeldzaamstad')).body.total).toBe(0);
    expect((await anonymous().get(`/api/library?lab=${privateLab.id}`)).body.total).toBe(0);
    const opened = [
      (await anonymous().get('/api/open-data/learnings.json')).text,
      (await anonymous().get('/api/open-data/learnings.csv')).text,
      (await anonymous().get('/api/open-data/labs.json')).text,
      (await anonymous().get('/api/open-data/labs.csv')).text,
      (await anonymous().get('/api/library/themes/encounter')).text,
      (await anonymous().get('/api/labs')).text,
    ];
    for (const body of opened)
      for (const word of ['Xylofoonkwartier', 'Zeldzaamstad']) expect(body).not.toContain(word);
    expectProblem(await anonymous().get(`/api/learnings/${secret.id}`), 404);
    expectProblem(await anonymous().get(`/api/labs/${privateLab.id}/learnings`), 404);
  });

  it('links contradicting learnings and shows them side by side', async () => {
    const other = await write(otherPublicLab, {
      title: 'Een probleem benoemen mobiliseert',
      body: 'Soms brengt juist een gedeeld probleem mensen samen.',
      type: 'working_ingredient',
      themes: ['encounter'],
      evidence: [{ kind: 'iteration', id: ids['itOther'] }],
      contradicts: [ids['positive']],
    });
    await coord.post(`/api/learnings/${other.id}/publish`, { version: other.version });
    const seen = (await anonymous().get(`/api/learnings/${ids['positive']}`)).body;
    expect(seen.contradictions.map((c: { title: string }) => c.title)).toEqual(['Een probleem benoemen mobiliseert']);
  });

  it('gives a theme overview by type with where it was seen, and open data in JSON and CSV', async () => {
    const theme = (await anonymous().get('/api/library/themes/encounter')).body;
    expect(theme.workingIngredients.map((l: { title: string }) => l.title).sort()).toEqual([
      'Begin met een positief doel',
      'Een probleem benoemen mobiliseert',
    ]);
    expect(theme.pitfalls.map((l: { title: string }) => l.title)).toEqual(['Een flyer bereikt niemand']);
    expect(theme.places.map((p: { municipality: string }) => p.municipality)).toEqual(['Den Haag', 'Utrecht']);
    const json = (await anonymous().get('/api/open-data/learnings.json')).body;
    expect(json).toMatchObject({ format: 'living-lab-learnings/1' });
    expect(json.learnings).toHaveLength(3);
    const csv = await anonymous().get('/api/open-data/learnings.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('id,title,type,themes,maturity,publishedAt,labs,municipalities,snippet');
    const labs = (await anonymous().get('/api/open-data/labs.json')).body.labs.map((l: { name: string }) => l.name);
    expect(labs).toEqual(expect.arrayContaining(['Samen eten', 'Wijkdialoog']));
  });

  it('confirms maturity by a person and takes a learning out of the library again', async () => {
    const current = (await coord.get(`/api/learnings/${ids['positive']}`)).body;
    expect(
      (await coord.patch(`/api/learnings/${ids['positive']}`, { version: current.version, maturity: 'recurring' }))
        .body,
    ).toMatchObject({ maturity: 'recurring', suggested: { maturity: 'confirmed' } });
    const again = (await coord.get(`/api/learnings/${ids['positive']}`)).body;
    expect((await anonymous().get('/api/library?q=stappen%20makkelijker')).body.total).toBe(1);
    await coord.post(`/api/learnings/${ids['positive']}/unpublish`, { version: again.version });
    expect((await anonymous().get('/api/library?q=stappen%20makkelijker')).body.total).toBe(0);
    expectProblem(await anonymous().get(`/api/learnings/${ids['positive']}`), 404, 'learning_not_found');
    const [{ n }] = await sql(t.dataSource, "SELECT COUNT(*) AS n FROM history WHERE entity_type = 'learning'");
    expect(Number(n)).toBeGreaterThanOrEqual(6);
  });
});

describe('the demo library', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEMO_DATA: 'true' });
    const { Db } = await import('../../backend/src/database/db');
    const { seedFirstStart } = await import('../../backend/src/demo/seed');
    await seedFirstStart(t.app.get(Db), t.config);
  });
  afterAll(() => t.close());

  it(
    'lets an anonymous visitor find "begin with a positive aim" ' +
      'by searching "positief doel", with its labs and evidence',
    async () => {
      const client = new ApiClient(t.baseUrl);
      const found = (await client.get('/api/library?q=positief%20doel')).body;
      expect(found.items[0].title).toBe('Begin met een positief doel, niet met het probleem');
      const learning = (await client.get(`/api/learnings/${found.items[0].id}`)).body;
      expect(learning.labs.map((l: { municipality: string }) => l.municipality).sort()).toEqual([
        'Den Haag',
        'Utrecht',
      ]);
      expect(learning.evidence.length).toBeGreaterThanOrEqual(3);
      expect((await client.get('/api/library?q=Hulp%20gaat%20twee%20kanten')).body.total).toBe(0);
    },
  );
});
