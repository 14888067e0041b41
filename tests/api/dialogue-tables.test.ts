import { ApiClient, expectProblem } from '../support/api-client';
import { databaseKind, sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import type { Lab } from '../../backend/src/labs/lab.entity';
import type { User } from '../../backend/src/users/user.entity';

interface Event {
  id: number;
  type: string;
  note?: Record<string, unknown>;
  noteId?: number;
  cluster?: Record<string, unknown>;
  dotsByGroup?: Record<string, number>;
  votes?: number;
  mine?: number;
  tags?: string[];
  settings?: Record<string, unknown>;
}

/** The three tables' own work: clusters, merging, questions and energy dots, examples and ingredients, a case. */
describe(`the three tables on ${databaseKind}`, () => {
  let t: TestApp;
  let coordinator: User;
  let lab: Lab;
  let facilitator: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await makeUser(t.dataSource, { installationRole: 'staff' });
    lab = await makeLab(t.dataSource, { name: 'Drie tafels', visibility: 'public' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    facilitator = new ApiClient(t.baseUrl);
    await facilitator.login(coordinator.email!, PASSWORD);
  });
  afterAll(() => t.close());

  const open = async (kind: string, extra: Record<string, unknown> = {}) => {
    const response = await facilitator.post(`/api/labs/${lab.id}/dialogues`, { kind, ...extra });
    expect(response.status).toBe(201);
    return response.body as { id: number; joinCode: string; steps: { type: string; prompts?: string[] }[] };
  };
  const join = async (code: string, displayName: string, groups: string[] = []) => {
    const phone = new ApiClient(t.baseUrl);
    expect((await phone.post('/api/dialogues/join', { code, displayName, groups })).status).toBe(200);
    return phone;
  };
  let n = 0;
  const post = async (phone: ApiClient, prompt: string, text: string, extra: Record<string, unknown> = {}) => {
    const response = await phone.post('/api/dialogue-joiners/me/notes', {
      clientId: `c-${++n}-abcdef`,
      prompt,
      text,
      consent: 'public',
      ...extra,
    });
    expect(response.status).toBe(200);
    return response.body as { id: number; status: string };
  };
  const show = async (id: number, noteId: number) =>
    expect((await facilitator.post(`/api/dialogues/${id}/notes/${noteId}/moderate`, { status: 'shown' })).status).toBe(
      204,
    );
  const events = async (client: ApiClient, path: string): Promise<Event[]> => {
    const response = await client.get(path);
    expect(response.status).toBe(200);
    return (response.body as { events: Event[] }).events;
  };

  it("gives each kind its script, takes an edited one, and refuses a prompt the script doesn't ask", async () => {
    const focus = await open('focustafel');
    expect(focus.steps.map((s) => s.type)).toEqual([
      'welcome',
      'notes',
      'notes',
      'cluster',
      'notes',
      'dots',
      'closing',
    ]);
    const werkplaats = await open('werkplaats');
    expect(werkplaats.steps[2]).toEqual({ type: 'notes', prompts: ['tip', 'question'] });
    const ronde = await open('open', {
      steps: [{ type: 'welcome' }, { type: 'notes', prompts: ['open-1'], title: 'Wat neem je mee naar huis?' }],
    });
    expect(ronde.steps[1]).toEqual({ type: 'notes', prompts: ['open-1'], title: 'Wat neem je mee naar huis?' });
    const bad = await facilitator.post(`/api/labs/${lab.id}/dialogues`, { kind: 'open', steps: [{ type: 'notes' }] });
    expectProblem(bad, 400, 'validation_failed');
    expect(JSON.stringify(bad.body)).toContain('steps.0.prompts');

    const phone = await join(focus.joinCode, 'Ans');
    const refused = await phone.post('/api/dialogue-joiners/me/notes', {
      clientId: 'c-refused-123',
      prompt: 'tip',
      text: 'Dit hoort hier niet',
      consent: 'lab',
    });
    expectProblem(refused, 400, 'validation_failed');

    // The facilitator edits the script of an open table: everyone gets the settings event, the step follows.
    await facilitator.post(`/api/dialogues/${focus.id}/step`, { step: 6 });
    const edited = await facilitator.patch(`/api/dialogues/${focus.id}`, {
      moderation: 'open',
      steps: [{ type: 'welcome' }, { type: 'notes', prompts: ['hkw'], title: 'Onze vragen' }, { type: 'dots' }],
      dotsPerPerson: 2,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ moderation: 'open', step: 2, dotsPerPerson: 2 });
    const seen = await events(phone, '/api/dialogue-joiners/me/events');
    expect(seen.find((e) => e.type === 'settings')?.settings).toMatchObject({ moderation: 'open', dotsPerPerson: 2 });
    expect(seen[seen.length - 1]).toMatchObject({ type: 'step', step: 2 });
    // Open moderation: a new note shows at once.
    expect((await post(phone, 'hkw', 'Hoe kunnen we de bankjes vaker gebruiken?')).status).toBe('shown');
  });

  it('clusters notes, merges a duplicate with a reason its author sees, logs it without words', async () => {
    const table = await open('focustafel');
    const ans = await join(table.joinCode, 'Ans');
    const bram = await join(table.joinCode, 'Bram');
    const a = await post(ans, 'ontkiemd', 'Buren groeten elkaar');
    const b = await post(bram, 'ontkiemd', 'Mensen groeten elkaar op straat');
    const secret = await post(bram, 'knel', 'Niet voor de zaal', { consent: 'none' });
    await show(table.id, a.id);
    await show(table.id, b.id);

    const cluster = await facilitator.post(`/api/dialogues/${table.id}/clusters`, { label: 'Groeten' });
    expect(cluster.status).toBe(201);
    const clusterId = (cluster.body as { id: number }).id;
    for (const noteId of [a.id, b.id])
      expect((await facilitator.post(`/api/dialogues/${table.id}/notes/${noteId}/cluster`, { clusterId })).status).toBe(
        204,
      );
    expectProblem(
      await facilitator.post(`/api/dialogues/${table.id}/notes/${a.id}/cluster`, { clusterId: 999999 }),
      400,
      'validation_failed',
    );
    expect(
      (await facilitator.patch(`/api/dialogues/${table.id}/clusters/${clusterId}`, { label: 'Elkaar groeten' })).status,
    ).toBe(204);

    expectProblem(
      await facilitator.post(`/api/dialogues/${table.id}/notes/${b.id}/merge`, { into: a.id, reason: ' ' }),
      400,
      'validation_failed',
    );
    expect(
      (
        await facilitator.post(`/api/dialogues/${table.id}/notes/${b.id}/merge`, {
          into: a.id,
          reason: 'Zegt hetzelfde als een andere notitie',
        })
      ).status,
    ).toBe(204);

    const screen = await events(facilitator, `/api/dialogues/${table.id}/screen/events`);
    expect(screen.filter((e) => e.type === 'cluster').map((e) => e.cluster?.['label'])).toEqual([
      'Groeten',
      'Elkaar groeten',
    ]);
    const lastA = screen.filter((e) => e.type === 'note' && e.note?.['id'] === a.id).pop();
    expect(lastA?.note).toMatchObject({ clusterId, status: 'shown' });
    expect(lastA?.note?.['displayName']).toBeUndefined();
    expect(screen.find((e) => e.type === 'removed' && e.noteId === b.id)).toBeTruthy();
    expect(JSON.stringify(screen)).not.toContain('Niet voor de zaal');
    void secret;

    // Bram sees what happened to his note and why; Ans sees her own note and the shown ones, never Bram's secret.
    const bramSees = await events(bram, '/api/dialogue-joiners/me/events');
    const merged = bramSees.filter((e) => e.type === 'note' && e.note?.['id'] === b.id).pop();
    expect(merged?.note).toMatchObject({
      status: 'merged',
      mergedInto: a.id,
      reason: 'Zegt hetzelfde als een andere notitie',
    });
    const ansSees = await events(ans, '/api/dialogue-joiners/me/events');
    expect(JSON.stringify(ansSees)).not.toContain('Niet voor de zaal');
    expect(JSON.stringify(ansSees)).not.toContain('Bram');

    const history = await sql(
      t.dataSource,
      "SELECT * FROM history WHERE entity_type IN ('dialogue_note', 'dialogue_cluster') AND lab_id = $1",
      [lab.id],
    );
    expect(history.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(history)).not.toContain('groeten elkaar');

    // Removing the cluster keeps its notes.
    expect((await facilitator.delete(`/api/dialogues/${table.id}/clusters/${clusterId}`)).status).toBe(204);
    const after = await events(facilitator, `/api/dialogues/${table.id}/events`);
    expect(after[after.length - 1]).toMatchObject({ type: 'cluster', cluster: { id: clusterId, removed: true } });
  });

  it("places energy dots within each person's budget shown per group, never a total", async () => {
    const table = await open('focustafel', { dotsPerPerson: 3 });
    const ans = await join(table.joinCode, 'Ans', ['buurtbewoner', 'jongeren']);
    const bram = await join(table.joinCode, 'Bram', ['ondernemer']);
    const cor = await join(table.joinCode, 'Cor');
    const q1 = await post(ans, 'hkw', 'Hoe kunnen we het plein samen gebruiken?');
    const q2 = await facilitator.post(`/api/dialogues/${table.id}/notes`, {
      clientId: 'facilitator-q2-1',
      prompt: 'hkw',
      text: 'Hoe kunnen we nieuwe mensen uitnodigen?',
      consent: 'public',
    });
    expect(q2.status).toBe(200);
    expect((q2.body as { status: string }).status).toBe('shown');
    const q2id = (q2.body as { id: number }).id;
    // Not yet let through: no dots.
    expectProblem(await ans.put(`/api/dialogue-joiners/me/dots/${q1.id}`, { count: 1 }), 404, 'note_not_found');
    await show(table.id, q1.id);

    expect((await ans.put(`/api/dialogue-joiners/me/dots/${q1.id}`, { count: 2 })).status).toBe(204);
    expectProblem(await ans.put(`/api/dialogue-joiners/me/dots/${q2id}`, { count: 2 }), 400, 'validation_failed');
    expect((await ans.put(`/api/dialogue-joiners/me/dots/${q2id}`, { count: 1 })).status).toBe(204);
    expect((await bram.put(`/api/dialogue-joiners/me/dots/${q1.id}`, { count: 3 })).status).toBe(204);
    expect((await cor.put(`/api/dialogue-joiners/me/dots/${q1.id}`, { count: 1 })).status).toBe(204);
    // Moving dots: Ans takes one off q1.
    expect((await ans.put(`/api/dialogue-joiners/me/dots/${q1.id}`, { count: 1 })).status).toBe(204);

    const screen = await events(facilitator, `/api/dialogues/${table.id}/screen/events`);
    const last = screen.filter((e) => e.type === 'marks' && e.noteId === q1.id).pop()!;
    expect(last.dotsByGroup).toEqual({ buurtbewoner: 1, jongeren: 1, ondernemer: 3, '': 1 });
    expect(last).not.toHaveProperty('total');
    expect(last.mine).toBeUndefined();
    const ansSees = await events(ans, '/api/dialogue-joiners/me/events');
    expect(ansSees.filter((e) => e.type === 'marks' && e.noteId === q1.id && e.mine !== undefined).pop()?.mine).toBe(1);
    // A facilitator's note carries no name on the projector; dots only go on questions.
    const other = await post(cor, 'ontkiemd', 'Het plein is gezelliger');
    await show(table.id, other.id);
    expectProblem(await cor.put(`/api/dialogue-joiners/me/dots/${other.id}`, { count: 1 }), 400, 'validation_failed');
  });

  it('tags working ingredients on good examples, once each, from phones and the facilitator', async () => {
    const table = await open('verdiepingstafel');
    const ans = await join(table.joinCode, 'Ans');
    const bram = await join(table.joinCode, 'Bram');
    const ex1 = await post(ans, 'example', 'De moestuin waar iedereen mag oogsten');
    const ex2 = await post(bram, 'example', 'Koffie op dinsdag in het buurthuis');
    await show(table.id, ex1.id);
    await show(table.id, ex2.id);
    for (const [phone, noteId, ingredient] of [
      [ans, ex1.id, 'Laagdrempelig'],
      [bram, ex1.id, 'laagdrempelig'],
      [bram, ex2.id, 'Laagdrempelig'],
      [ans, ex2.id, 'Vaste tijd en plek'],
    ] as const)
      expect((await phone.post(`/api/dialogue-joiners/me/notes/${noteId}/tags`, { ingredient })).status).toBe(204);
    expect(
      (await facilitator.post(`/api/dialogues/${table.id}/notes/${ex1.id}/tags`, { ingredient: 'Samen doen' })).status,
    ).toBe(204);
    expect(
      (await facilitator.delete(`/api/dialogues/${table.id}/notes/${ex1.id}/tags/${encodeURIComponent('Samen doen')}`))
        .status,
    ).toBe(204);
    const screen = await events(facilitator, `/api/dialogues/${table.id}/screen/events`);
    const tagsOf = (noteId: number) => screen.filter((e) => e.type === 'tags' && e.noteId === noteId).pop()?.tags;
    expect(tagsOf(ex1.id)).toEqual(['Laagdrempelig']);
    expect(tagsOf(ex2.id)).toEqual(['Laagdrempelig', 'Vaste tijd en plek']);
  });

  it('runs a werkplaats: tips for a case, upvotes once each, only its owner takes one on', async () => {
    const table = await open('werkplaats');
    const owner = await join(table.joinCode, 'Fatima');
    const helper = await join(table.joinCode, 'Gert');
    const other = await join(table.joinCode, 'Hans');
    const theCase = await post(owner, 'case', 'Hoe krijg ik ouderen naar de kooksessie?');
    await show(table.id, theCase.id);
    const tip = await post(helper, 'tip', 'Vraag de huisarts het te noemen', { parentId: theCase.id });
    const question = await post(other, 'question', 'Wie kookt er nu?', { parentId: theCase.id });
    await show(table.id, tip.id);
    await show(table.id, question.id);
    expectProblem(
      await helper.post('/api/dialogue-joiners/me/notes', {
        clientId: 'c-wrong-parent-1',
        prompt: 'tip',
        text: 'Aan een tip gehangen',
        consent: 'lab',
        parentId: tip.id,
      }),
      400,
      'validation_failed',
    );
    for (const phone of [owner, other, other])
      expect((await phone.put(`/api/dialogue-joiners/me/votes/${tip.id}`, { vote: true })).status).toBe(204);
    expect((await helper.put(`/api/dialogue-joiners/me/votes/${question.id}`, { vote: true })).status).toBe(204);
    expect((await helper.put(`/api/dialogue-joiners/me/votes/${question.id}`, { vote: false })).status).toBe(204);

    expectProblem(
      await helper.post(`/api/dialogue-joiners/me/notes/${tip.id}/take-on`, { takenOn: true }),
      404,
      'note_not_found',
    );
    expect((await owner.post(`/api/dialogue-joiners/me/notes/${tip.id}/take-on`, { takenOn: true })).status).toBe(204);
    const screen = await events(facilitator, `/api/dialogues/${table.id}/screen/events`);
    expect(screen.filter((e) => e.type === 'marks' && e.noteId === tip.id).pop()?.votes).toBe(2);
    expect(screen.filter((e) => e.type === 'marks' && e.noteId === question.id).pop()?.votes).toBe(0);
    const lastTip = screen.filter((e) => e.type === 'note' && e.note?.['id'] === tip.id).pop();
    expect(lastTip?.note).toMatchObject({ parentId: theCase.id, takenOn: true });
    // The case is presented by its owner, by name.
    expect(screen.find((e) => e.type === 'note' && e.note?.['id'] === theCase.id)?.note?.['displayName']).toBe(
      'Fatima',
    );
  });
});
