import { ApiClient, expectProblem } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import type { Lab } from '../../backend/src/labs/lab.entity';
import type { User } from '../../backend/src/users/user.entity';

describe("the coordinator's logbook", () => {
  let t: TestApp;
  let lab: Lab;
  let coordinator: User, partner: User, resident: User, observer: User;
  let team: ApiClient, residentClient: ApiClient, observerClient: ApiClient, anonymous: ApiClient;

  const login = async (user: User) => {
    const client = new ApiClient(t.baseUrl);
    await client.login(user.email!, PASSWORD);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [coordinator, partner, resident, observer] = await Promise.all([
      makeUser(t.dataSource),
      makeUser(t.dataSource),
      makeUser(t.dataSource),
      makeUser(t.dataSource),
    ]);
    lab = await makeLab(t.dataSource, { name: 'SDG-lessen', visibility: 'public', municipality: 'Maastricht' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    await addMember(t.dataSource, lab, partner, 'partner');
    await addMember(t.dataSource, lab, resident, 'resident');
    await addMember(t.dataSource, lab, observer, 'observer');
    team = await login(coordinator);
    residentClient = await login(resident);
    observerClient = await login(observer);
    anonymous = new ApiClient(t.baseUrl);
  });
  afterAll(() => t.close());

  let experimentId: number;
  const iterationIds: number[] = [];

  it('creates an experiment with its working ingredients and answers a stale save with 409', async () => {
    const created = await team.post(`/api/labs/${lab.id}/experiments`, {
      title: 'Vrijwilligers in de klas',
      description: "Boswachters vertellen over de SDG's.",
      workingIngredients: ['vakmensen als vrijwilliger'],
      scale: 'city',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Vrijwilligers in de klas',
      workingIngredients: ['vakmensen als vrijwilliger'],
      scale: 'city',
      status: 'running',
      iterationCount: 0,
      version: 1,
    });
    experimentId = created.body.id;
    expect(
      (await team.patch(`/api/experiments/${experimentId}`, { version: 1, status: 'running', scale: 'region' })).body
        .version,
    ).toBe(2);
    const stale = expectProblem(
      await team.patch(`/api/experiments/${experimentId}`, { version: 1, title: 'Oud' }),
      409,
      'stale_version',
    );
    expect(stale.current).toMatchObject({ scale: 'region', version: 2 });
    expectProblem(
      await residentClient.post(`/api/labs/${lab.id}/experiments`, { title: 'x', description: 'y' }),
      403,
      'forbidden',
    );
  });

  it('logs iterations in stages, numbers them, and wants reasons with a decision', async () => {
    const first = await team.post(`/api/experiments/${experimentId}/iterations`, {
      startsOn: '2024-09-01',
      plan: 'Twintig klassen bezoeken.',
    });
    expect(first.body).toMatchObject({ number: 1, stage: 'act', plan: 'Twintig klassen bezoeken.', act: null });
    iterationIds.push(first.body.id);
    let it = (
      await team.patch(`/api/iterations/${first.body.id}`, {
        version: 1,
        act: 'Zestig klassen bezocht.',
        observe: 'Scholen vragen om terugkomst.',
      })
    ).body;
    expect(it).toMatchObject({ stage: 'reflect', version: 2 });
    expectProblem(
      await team.patch(`/api/iterations/${first.body.id}`, { version: 2, decision: 'scale_up' }),
      400,
      'validation_failed',
    );
    it = (
      await team.patch(`/api/iterations/${first.body.id}`, {
        version: 2,
        reflect: 'De vraag is groter dan het aanbod.',
        decision: 'scale_up',
        decisionReasons: 'Meer vrijwilligers werven.',
        endsOn: '2025-06-30',
      })
    ).body;
    expect(it).toMatchObject({ stage: 'decide', decision: 'scale_up', endsOn: '2025-06-30' });
    expectProblem(
      await team.patch(`/api/iterations/${first.body.id}`, { version: 3, endsOn: '2020-01-01' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await team.patch(`/api/iterations/${first.body.id}`, { version: 3, decision: 'maybe', decisionReasons: 'x' }),
      400,
      'validation_failed',
    );
    for (const startsOn of ['2025-09-01', '2026-01-10']) {
      const next = await team.post(`/api/experiments/${experimentId}/iterations`, {
        startsOn,
        plan: 'Verder opschalen.',
      });
      iterationIds.push(next.body.id);
    }
    const list = (await anonymous.get(`/api/experiments/${experimentId}/iterations`)).body.items;
    expect(list.map((i: { number: number }) => i.number)).toEqual([1, 2, 3]);
    expectProblem(
      await team.post(`/api/experiments/${experimentId}/iterations`, { startsOn: '2025-02-30' }),
      400,
      'validation_failed',
    );
  });

  let hypothesisId: number;

  it(
    'freezes the registered wording of a hypothesis, ' + 'shows edits as deviations, and appends status changes',
    async () => {
      const created = await team.post(`/api/experiments/${experimentId}/hypotheses`, {
        ifWe: 'vakmensen als vrijwilliger laten vertellen',
        then: 'maken scholen er ruimte voor',
        because: 'een boswachter meer zegt dan een boek',
        wouldChangeMind: 'Als scholen afhaken.',
      });
      expect(created.body).toMatchObject({
        status: 'open',
        deviations: [],
        events: [expect.objectContaining({ toStatus: 'open', fromStatus: null })],
      });
      hypothesisId = created.body.id;
      const edited = (
        await team.patch(`/api/hypotheses/${hypothesisId}`, {
          version: 1,
          then: 'maken scholen er structureel ruimte voor',
        })
      ).body;
      expect(edited.then).toBe('maken scholen er structureel ruimte voor');
      expect(edited.registered.then).toBe('maken scholen er ruimte voor');
      expect(edited.deviations).toEqual(['then']);

      const testing = await team.post(`/api/hypotheses/${hypothesisId}/status`, {
        version: 2,
        status: 'testing',
        iterationId: iterationIds[0],
        rationale: 'Eerste schooljaar.',
      });
      expect(testing.status).toBe(201);
      const supported = (
        await team.post(`/api/hypotheses/${hypothesisId}/status`, {
          version: 3,
          status: 'supported',
          iterationId: iterationIds[1],
          rationale: 'Alle scholen doen weer mee.',
          evidence: 'Aanmeldingen 2025-2026',
        })
      ).body;
      expect(supported.status).toBe('supported');
      expect(
        supported.events.map((e: { fromStatus: string; toStatus: string; iterationNumber: number }) => [
          e.fromStatus,
          e.toStatus,
          e.iterationNumber,
        ]),
      ).toEqual([
        [null, 'open', null],
        ['open', 'testing', 1],
        ['testing', 'supported', 2],
      ]);
      expect(supported.events[2]).toMatchObject({
        rationale: 'Alle scholen doen weer mee.',
        evidence: 'Aanmeldingen 2025-2026',
      });
      expectProblem(
        await team.post(`/api/hypotheses/${hypothesisId}/status`, { version: 4, status: 'dropped' }),
        400,
        'validation_failed',
      );
      expectProblem(
        await team.post(`/api/hypotheses/${hypothesisId}/status`, { version: 4, status: 'revised', rationale: 'x' }),
        400,
        'validation_failed',
      );
      expectProblem(
        await team.post(`/api/hypotheses/${hypothesisId}/status`, {
          version: 4,
          status: 'dropped',
          rationale: 'x',
          iterationId: 999999,
        }),
        400,
        'validation_failed',
      );
    },
  );

  it('revises a hypothesis into a new one that links back, keeping the old history', async () => {
    const revised = await team.post(`/api/hypotheses/${hypothesisId}/revise`, {
      version: 4,
      ifWe: 'vrijwilligers landelijk werven via partners',
      then: 'kan het programma in heel Nederland draaien',
      because: 'partners hebben een landelijk netwerk',
      rationale: 'Opschalen vraagt een nieuwe verwachting.',
      iterationId: iterationIds[1],
    });
    expect(revised.status).toBe(201);
    expect(revised.body.previous).toMatchObject({
      id: hypothesisId,
      status: 'revised',
      replacedById: revised.body.revision.id,
    });
    expect(revised.body.previous.events.at(-1)).toMatchObject({ fromStatus: 'supported', toStatus: 'revised' });
    expect(revised.body.revision).toMatchObject({ replacesId: hypothesisId, status: 'open' });
    expectProblem(
      await team.post(`/api/hypotheses/${hypothesisId}/status`, { version: 5, status: 'dropped', rationale: 'x' }),
      409,
      'hypothesis_revised',
    );
    const [{ n }] = await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM hypothesis_events WHERE hypothesis_id = $1', [
      hypothesisId,
    ]);
    expect(Number(n)).toBe(4);
  });

  const participants: Record<string, number> = {};

  it('records participants with consent, and attendance per iteration', async () => {
    const add = async (pseudonym: string, groups: string[], quote: boolean, invitedBy?: number) =>
      (
        await team.post(`/api/labs/${lab.id}/participants`, {
          pseudonym,
          groups,
          invitedByParticipantId: invitedBy,
          consent: { participation: true, quote, photo: false, contact: false, textVersion: 'v1' },
        })
      ).body;
    const noor = await add('Boswachter Noor', ['vrijwilliger'], true);
    expect(noor.consent).toMatchObject({
      participation: true,
      quote: true,
      givenAt: expect.any(String),
      withdrawnAt: null,
      textVersion: 'v1',
    });
    participants['noor'] = noor.id;
    participants['marieke'] = (await add('Juf Marieke', ['docent'], true, noor.id)).id;
    participants['anoniem'] = (await add('Leerling', ['kind'], false)).id;
    expectProblem(
      await team.post(`/api/labs/${lab.id}/participants`, {
        pseudonym: 'X',
        contact: 'x@y.nl',
        consent: { participation: true, quote: false, photo: false, contact: false, textVersion: 'v1' },
      }),
      400,
      'validation_failed',
    );

    await team.put(`/api/iterations/${iterationIds[0]}/attendance`, {
      participantIds: [participants['noor'], participants['marieke']],
    });
    const att = await team.put(`/api/iterations/${iterationIds[1]}/attendance`, {
      participantIds: [participants['noor'], participants['anoniem'], participants['anoniem']],
    });
    expect(att.body.participantIds.sort()).toEqual([participants['noor'], participants['anoniem']].sort());
    expectProblem(
      await team.put(`/api/iterations/${iterationIds[1]}/attendance`, { participantIds: [999999] }),
      400,
      'validation_failed',
    );
    expectProblem(await residentClient.get(`/api/labs/${lab.id}/participants`), 403, 'forbidden');
    expectProblem(await observerClient.get(`/api/participants/${participants['noor']}`), 403, 'forbidden');
  });

  let indicatorId: number;

  it('logs measures and stories with their rules, and points out a number without its story', async () => {
    indicatorId = (
      await team.post(`/api/labs/${lab.id}/indicators`, {
        name: 'Kinderen bereikt',
        unit: 'kinderen',
        signalOf: 'bereik van het lesprogramma',
      })
    ).body.id;
    const measure = await team.post(`/api/labs/${lab.id}/observations`, {
      kind: 'measure',
      iterationId: iterationIds[0],
      observedOn: '2025-06-30',
      indicatorId,
      value: 1400,
      contextNote: 'Zestig klassen.',
      dimensions: ['learning'],
    });
    expect(measure.status).toBe(201);
    expect(measure.body).toMatchObject({
      value: 1400,
      indicatorName: 'Kinderen bereikt',
      unit: 'kinderen',
      needsStory: false,
      iterationNumber: 1,
    });
    const bare = await team.post(`/api/labs/${lab.id}/observations`, {
      kind: 'measure',
      iterationId: iterationIds[2],
      observedOn: '2026-02-01',
      indicatorId,
      value: 1100,
    });
    expect(bare.body.needsStory).toBe(true);

    const story = await team.post(`/api/labs/${lab.id}/observations`, {
      kind: 'story',
      iterationId: iterationIds[0],
      observedOn: '2025-05-01',
      storyText: 'De kinderen wilden zelf afval gaan rapen.',
      perspective: 'professional',
      participantId: participants['marieke'],
      audience: 'public',
      selfReliance: 'self',
      dimensions: ['learning', 'participation'],
      hypothesisIds: [hypothesisId],
    });
    expect(story.status).toBe(201);
    expect(story.body).toMatchObject({
      storyText: 'De kinderen wilden zelf afval gaan rapen.',
      participantPseudonym: 'Juf Marieke',
      selfReliance: 'self',
      hypothesisIds: [hypothesisId],
    });
    await team.post(`/api/labs/${lab.id}/observations`, {
      kind: 'story',
      iterationId: iterationIds[1],
      observedOn: '2025-10-01',
      storyText: 'Intern: de planning was krap.',
      perspective: 'volunteer',
      audience: 'lab',
    });
    await team.post(`/api/labs/${lab.id}/observations`, {
      kind: 'story',
      iterationId: iterationIds[1],
      observedOn: '2025-10-02',
      storyText: 'Voor de gemeente: scholen buiten Maastricht melden zich.',
      perspective: 'professional',
      audience: 'municipality',
    });

    const noQuote = expectProblem(
      await team.post(`/api/labs/${lab.id}/observations`, {
        kind: 'story',
        observedOn: '2025-05-01',
        storyText: 'Citaat',
        perspective: 'child',
        participantId: participants['anoniem'],
      }),
      400,
      'validation_failed',
    );
    expect(noQuote.errors).toEqual([
      { field: 'participantId', code: 'needs_consent', message: 'has not given consent to be quoted' },
    ]);
    const wrong = expectProblem(
      await team.post(`/api/labs/${lab.id}/observations`, {
        kind: 'measure',
        observedOn: '2025-05-01',
        dimensions: ['geluk'],
      }),
      400,
      'validation_failed',
    );
    expect(wrong.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dimensions', 'indicatorId', 'value']);
    expectProblem(
      await team.post(`/api/labs/${lab.id}/observations`, {
        kind: 'measure',
        observedOn: '2025-05-01',
        indicatorId,
        value: 'veel',
      }),
      400,
      'validation_failed',
    );
  });

  it('shows each audience only its stories, and personal data only to the team', async () => {
    const texts = async (client: ApiClient) =>
      (await client.get(`/api/labs/${lab.id}/observations?kind=story`)).body.items
        .map((o: { storyText: string }) => o.storyText)
        .sort();
    expect(await texts(team)).toHaveLength(3);
    expect(await texts(residentClient)).toHaveLength(3);
    expect(await texts(observerClient)).toEqual([
      'De kinderen wilden zelf afval gaan rapen.',
      'Voor de gemeente: scholen buiten Maastricht melden zich.',
    ]);
    expect(await texts(anonymous)).toEqual(['De kinderen wilden zelf afval gaan rapen.']);
    const publicView = (await anonymous.get(`/api/labs/${lab.id}/observations`)).text;
    expect(publicView).not.toContain('Juf Marieke');
    expect((await residentClient.get(`/api/labs/${lab.id}/observations?kind=story`)).text).not.toContain('Juf Marieke');
    expect((await anonymous.get(`/api/labs/${lab.id}/observations?kind=measure`)).body.total).toBe(2);
  });

  it('filters and searches stories, by iteration, dimension, date and words', async () => {
    const get = async (query: string) => (await team.get(`/api/labs/${lab.id}/observations?${query}`)).body;
    expect((await get(`iterationId=${iterationIds[1]}`)).total).toBe(2);
    expect((await get('dimension=participation')).total).toBe(1);
    expect((await get('from=2025-10-01&to=2025-12-31')).total).toBe(2);
    expect((await get('q=AFVAL')).items.map((o: { id: number; storyText: string }) => o.storyText)).toEqual([
      'De kinderen wilden zelf afval gaan rapen.',
    ]);
    expect((await get(`experimentId=${experimentId}&kind=measure`)).total).toBe(2);
    expect((await get('q=%25_')).total).toBe(0);
    expect((await get('limit=1&offset=1')).items).toHaveLength(1);
  });

  it('withholds a story at once when quote consent is withdrawn: in lists, search and exports', async () => {
    const before = (await team.get(`/api/participants/${participants['marieke']}`)).body;
    const withdrawn = (
      await team.put(`/api/participants/${participants['marieke']}/consent`, {
        version: before.version,
        participation: true,
        quote: false,
        photo: false,
        contact: false,
        textVersion: 'v1',
      })
    ).body;
    expect(withdrawn.consent).toMatchObject({ quote: false, withdrawnAt: expect.any(String) });
    const stories = (await anonymous.get(`/api/labs/${lab.id}/observations?kind=story`)).body.items;
    expect(stories).toEqual([expect.objectContaining({ storyText: null, withheld: true })]);
    expect((await team.get(`/api/labs/${lab.id}/observations?q=afval`)).body.total).toBe(0);
    const exported = await team.get(`/api/labs/${lab.id}/export`);
    expect(exported.text).not.toContain('afval gaan rapen');
    const csv = await anonymous.get(`/api/labs/${lab.id}/export/observations.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).not.toContain('afval gaan rapen');
    expect(csv.text.split('\r\n')[0]).toContain('storyText');
  });

  it('exports personal fields only to the team', async () => {
    const teamExport = (await team.get(`/api/labs/${lab.id}/export`)).body;
    expect(teamExport).toMatchObject({ format: 'living-lab-export/1', personalData: true });
    expect(teamExport.participants.map((p: { pseudonym: string }) => p.pseudonym).sort()).toEqual([
      'Boswachter Noor',
      'Juf Marieke',
      'Leerling',
    ]);
    const publicExport = await anonymous.get(`/api/labs/${lab.id}/export`);
    expect(publicExport.body.personalData).toBe(false);
    expect(publicExport.body.participants).toBeUndefined();
    expect(publicExport.text).not.toMatch(/Boswachter Noor|Juf Marieke/);
    expectProblem(await observerClient.get(`/api/labs/${lab.id}/export/participants.csv`), 403, 'forbidden');
    expect((await team.get(`/api/labs/${lab.id}/export/participants.csv`)).text).toContain('Boswachter Noor');
    expectProblem(await team.get(`/api/labs/${lab.id}/export/secrets.csv`), 404);
  });

  it("tells the lab's story: timeline and charts with reach, newcomers, the room's groups and mixing", async () => {
    const timeline = (await anonymous.get(`/api/labs/${lab.id}/timeline`)).body.events;
    const kinds = timeline.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'iteration_started')).toHaveLength(3);
    expect(timeline.find((e: { kind: string }) => e.kind === 'iteration_decided')).toMatchObject({
      code: 'scale_up',
      detail: 'Meer vrijwilligers werven.',
      date: '2025-06-30',
    });
    expect(
      timeline.filter((e: { kind: string }) => e.kind === 'hypothesis_status').map((e: { code: string }) => e.code),
    ).toEqual(['testing', 'supported', 'revised']);
    const dates = timeline.map((e: { date: string }) => e.date);
    expect([...dates].sort()).toEqual(dates);

    const charts = (await anonymous.get(`/api/labs/${lab.id}/charts`)).body;
    expect(charts.indicators[0]).toMatchObject({
      name: 'Kinderen bereikt',
      withoutStory: 1,
      points: [expect.objectContaining({ value: 1400 }), expect.objectContaining({ value: 1100 })],
    });
    expect(
      charts.reach.map((r: { attendees: number; newcomers: number; returning: number }) => [
        r.attendees,
        r.newcomers,
        r.returning,
      ]),
    ).toEqual([
      [2, 2, 0],
      [2, 1, 1],
      [0, 0, 0],
    ]);
    // Who shared the room: a volunteer with a teacher, then with a child; the pair has no group in common each time.
    expect(
      charts.reach.map(({ withGroups, groupsMet, apartShare, composition }: Record<string, unknown>) => ({
        withGroups,
        groupsMet,
        apartShare,
        composition,
      })),
    ).toEqual([
      {
        withGroups: 2,
        groupsMet: 2,
        apartShare: 1,
        composition: [
          { group: 'docent', count: 1 },
          { group: 'vrijwilliger', count: 1 },
        ],
      },
      {
        withGroups: 2,
        groupsMet: 2,
        apartShare: 1,
        composition: [
          { group: 'kind', count: 1 },
          { group: 'vrijwilliger', count: 1 },
        ],
      },
      { withGroups: 0, groupsMet: 0, apartShare: null, composition: [] },
    ]);
    expect(charts.reach[0]).not.toHaveProperty('mixed');
    expect(
      charts.snowball.map((s: { direct: number; broughtByOthers: number }) => [s.direct, s.broughtByOthers]),
    ).toEqual([
      [1, 1],
      [2, 1],
      [2, 1],
    ]);
    expect(JSON.stringify(charts)).not.toMatch(/Noor|Marieke|Leerling/);
  });

  it(
    'imports a CSV all or nothing: a preview, ' + 'a row-by-row report, and nothing stored while a row is bad',
    async () => {
      const csv = [
        'kind;experiment;iteration;observed_on;indicator;value;context_note;story_text;perspective;audience;dimensions',
        'meting;Vrijwilligers in de klas;2;1-10-2025;Kinderen bereikt;350;Vijftien klassen;;;public;learning',
        'verhaal;Vrijwilligers in de klas;2;2025-10-03;;;;"Een leerling zei: ""ik begin morgen""";child;lab;learning;',
        'meting;Vrijwilligers in de klas;9;2025-10-04;Kinderen bereikt;veel;;;;public;',
      ].join('\n');
      const [{ n: before }] = await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM observations');
      const preview = await team.request('POST', `/api/labs/${lab.id}/import/observations?dryRun=true`, csv, {
        'content-type': 'text/csv',
      });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ dryRun: true, total: 3, valid: 2, imported: 0 });
      expect(preview.body.rejected).toEqual([
        {
          row: 4,
          field: 'iteration',
          code: 'not_available',
          message: 'no iteration 9 of experiment "Vrijwilligers in de klas"',
        },
        { row: 4, field: 'value', code: 'invalid', message: 'must be a number' },
      ]);
      expect(preview.body.preview[1]).toMatchObject({
        storyText: 'Een leerling zei: "ik begin morgen"',
        perspective: 'child',
        observedOn: '2025-10-03',
      });

      const refused = expectProblem(
        await team.request('POST', `/api/labs/${lab.id}/import/observations`, csv, { 'content-type': 'text/csv' }),
        422,
        'import_rejected',
      );
      expect(refused.report.rejected).toHaveLength(2);
      expect(await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM observations')).toEqual([{ n: before }]);

      const partial = await team.request('POST', `/api/labs/${lab.id}/import/observations?skipInvalid=true`, csv, {
        'content-type': 'text/csv',
      });
      expect(partial.body).toMatchObject({ imported: 2, valid: 2 });
      const [{ n: after }] = await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM observations');
      expect(Number(after)).toBe(Number(before) + 2);
      expectProblem(
        await team.request('POST', `/api/labs/${lab.id}/import/observations`, 'foo,bar\n1,2', {
          'content-type': 'text/csv',
        }),
        400,
        'validation_failed',
      );
      expectProblem(
        await residentClient.request('POST', `/api/labs/${lab.id}/import/observations`, csv, {
          'content-type': 'text/csv',
        }),
        403,
        'forbidden',
      );
    },
  );

  it('imports attendance by pseudonym', async () => {
    const csv =
      'experiment,iteration,participant\n' +
      'Vrijwilligers in de klas,3,Boswachter Noor\n' +
      'Vrijwilligers in de klas,3,Juf Marieke\n';
    const result = await team.request('POST', `/api/labs/${lab.id}/import/attendance`, csv, {
      'content-type': 'text/csv',
    });
    expect(result.body).toMatchObject({ imported: 2, rejected: [] });
    expect((await team.get(`/api/iterations/${iterationIds[2]}/attendance`)).body.participantIds).toHaveLength(2);
  });

  it('keeps the history of every change, per record and per lab', async () => {
    const perRecord = (await team.get(`/api/labs/${lab.id}/history?entityType=iteration&entityId=${iterationIds[0]}`))
      .body.items;
    expect(perRecord.map((h: { action: string }) => h.action)).toEqual(['update', 'update', 'create']);
    expect(perRecord[0].changes.decision).toEqual({ from: null, to: 'scale_up' });
    const all = (await team.get(`/api/labs/${lab.id}/history?limit=200`)).body;
    const types = new Set(all.items.map((h: { entityType: string }) => h.entityType));
    for (const type of [
      'experiment',
      'iteration',
      'hypothesis',
      'participant',
      'attendance',
      'indicator',
      'observation',
      'import',
    ])
      expect(types).toContain(type);
    const del = await team.delete(
      `/api/observations/${(await team.get(`/api/labs/${lab.id}/observations?kind=measure&limit=1`)).body.items[0].id}`,
    );
    expect(del.status).toBe(204);
    expect((await team.get(`/api/labs/${lab.id}/history?limit=1`)).body.items[0]).toMatchObject({
      entityType: 'observation',
      action: 'delete',
    });
  });
});
