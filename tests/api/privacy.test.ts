import { ApiClient, expectProblem } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { Experiment } from '../../backend/src/experiments/experiment.entity';
import { Iteration } from '../../backend/src/iterations/iteration.entity';
import type { Lab } from '../../backend/src/labs/lab.entity';

/**
 * AVG/GDPR: a participant's data exported and erased on request, consent withdrawal at once, and no personal data in
 * the logs.
 */
describe("participants' privacy rights", () => {
  let t: TestApp;
  let lab: Lab;
  let coord: ApiClient;
  let iterationId: number;
  let anneId: number;
  let otherId: number;
  let storyId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.dataSource.manager;
    const coordinator = await makeUser(t.dataSource);
    lab = await makeLab(t.dataSource, { visibility: 'public' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    const experiment = await m.save(
      m.create(Experiment, {
        labId: lab.id,
        title: 'Buurtmaaltijd',
        description: 'x',
        workingIngredients: [],
        scale: 'street',
        status: 'running',
      }),
    );
    iterationId = (
      await m.save(
        m.create(Iteration, {
          labId: lab.id,
          experimentId: experiment.id,
          number: 1,
          startsOn: '2025-01-01',
          endsOn: null,
          plan: 'x',
          act: null,
          observe: null,
          reflect: null,
          decision: null,
          decisionReasons: null,
        }),
      )
    ).id;
    coord = new ApiClient(t.baseUrl);
    await coord.login(coordinator.email!, PASSWORD);
    const add = async (pseudonym: string, groups: string[], contact?: string) =>
      (
        await coord.post(`/api/labs/${lab.id}/participants`, {
          pseudonym,
          groups,
          contact,
          consent: { participation: true, quote: true, photo: false, contact: !!contact, textVersion: 'v1' },
        })
      ).body.id;
    anneId = await add('Anne Zonnebloem', ['65+'], 'anne.zonnebloem@voorbeeld.nl');
    otherId = await add('Bram', ['student']);
    await coord.put(`/api/iterations/${iterationId}/attendance`, { participantIds: [anneId, otherId] });
    storyId = (
      await coord.post(`/api/labs/${lab.id}/observations`, {
        kind: 'story',
        iterationId,
        observedOn: '2025-01-02',
        storyText: 'Annes geheime zin over de buurt.',
        perspective: 'resident',
        participantId: anneId,
        audience: 'public',
      })
    ).body.id;
  });
  afterAll(() => t.close());

  it('exports everything held about a participant, machine-readable, to the coordinator only', async () => {
    const data = (await coord.get(`/api/participants/${anneId}/personal-data`)).body;
    expect(data).toMatchObject({
      format: 'living-lab-personal-data/1',
      participant: { pseudonym: 'Anne Zonnebloem', contact: 'anne.zonnebloem@voorbeeld.nl', groups: ['65+'] },
    });
    expect(data.attendance).toHaveLength(1);
    expect(data.stories.map((s: { story_text: string }) => s.story_text)).toEqual(['Annes geheime zin over de buurt.']);
    expectProblem(await new ApiClient(t.baseUrl).get(`/api/participants/${anneId}/personal-data`), 401);
  });

  it('erases a participant everywhere, while the anonymous counts stay right', async () => {
    const before = (await coord.get(`/api/labs/${lab.id}/charts`)).body.reach[0];
    const erased = (await coord.post(`/api/participants/${anneId}/erase`)).body;
    expect(erased).toMatchObject({
      pseudonym: `Gewist #${anneId}`,
      contact: null,
      affiliation: null,
      consent: { quote: false },
      erased: true,
    });
    // The list says who is erased, so taking attendance does not tick them anew.
    const list = (await coord.get(`/api/labs/${lab.id}/participants`)).body.items as { id: number; erased: boolean }[];
    expect(list.find((p) => p.id === anneId)!.erased).toBe(true);
    expect(list.filter((p) => p.id !== anneId).every((p) => p.erased === false)).toBe(true);
    const after = (await coord.get(`/api/labs/${lab.id}/charts`)).body.reach[0];
    expect(after).toEqual(before);
    const everything = [
      (await coord.get(`/api/labs/${lab.id}/export`)).text,
      (await coord.get(`/api/labs/${lab.id}/export/participants.csv`)).text,
      (await coord.get(`/api/labs/${lab.id}/export/observations.csv`)).text,
      (await coord.get(`/api/labs/${lab.id}/observations?q=geheime`)).text,
      (await coord.get(`/api/labs/${lab.id}/history?limit=200`)).text,
      JSON.stringify(await sql(t.dataSource, 'SELECT * FROM participants')),
      JSON.stringify(await sql(t.dataSource, 'SELECT * FROM observations')),
      JSON.stringify(await sql(t.dataSource, 'SELECT * FROM history')),
    ];
    for (const text of everything) {
      expect(text).not.toContain('Anne Zonnebloem');
      expect(text).not.toContain('anne.zonnebloem@voorbeeld.nl');
      expect(text).not.toContain('Annes geheime zin');
    }
    expect((await coord.get(`/api/labs/${lab.id}/observations?kind=story`)).body.items).toEqual([]);
    expectProblem(await coord.get(`/api/observations/${storyId}`), 404);
    expect((await coord.post(`/api/participants/${anneId}/erase`)).status).toBe(200);
  });

  it('keeps personal data, story texts and session tokens out of every log line', async () => {
    const client = new ApiClient(t.baseUrl);
    await client.get('/api/auth/session');
    await coord.post(`/api/labs/${lab.id}/participants`, {
      pseudonym: 'Carla Logtest',
      groups: [],
      contact: 'carla@log.test',
      consent: { participation: true, quote: true, photo: false, contact: true, textVersion: 'v1' },
    });
    await coord.post(`/api/labs/${lab.id}/observations`, {
      kind: 'story',
      observedOn: '2025-01-03',
      storyText: 'Een zin die nooit in een log mag staan.',
      perspective: 'resident',
      audience: 'lab',
    });
    await coord.post(`/api/labs/${lab.id}/observations`, {
      kind: 'story',
      observedOn: 'geen datum',
      storyText: 'Ook een foute aanvraag lekt niets.',
      perspective: 'resident',
    });
    const logs = t.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [
      'Carla Logtest',
      'carla@log.test',
      'nooit in een log',
      'Ook een foute aanvraag',
      'Annes geheime zin',
      coord.cookie('sid')!,
      coord.cookie('csrf')!,
    ])
      expect(logs).not.toContain(secret);
  });
});
