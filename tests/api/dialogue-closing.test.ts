import { ApiClient, expectProblem } from '../support/api-client';
import { databaseKind, sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import type { Lab } from '../../backend/src/labs/lab.entity';
import type { User } from '../../backend/src/users/user.entity';

const CONSENT = { participation: true, quote: false, photo: false, contact: false, textVersion: 'v1' };

describe(`closing a table writes into the lab, on ${databaseKind}`, () => {
  let t: TestApp;
  let coordinator: User, partner: User, resident: User, outsider: User;
  let lab: Lab;
  let team: ApiClient, partnerClient: ApiClient, residentClient: ApiClient, outsiderClient: ApiClient;
  let experimentId: number, cycleId: number;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await makeUser(t.dataSource, { installationRole: 'staff' });
    partner = await makeUser(t.dataSource, { installationRole: 'staff' });
    resident = await makeUser(t.dataSource);
    outsider = await makeUser(t.dataSource, { installationRole: 'staff' });
    lab = await makeLab(t.dataSource, { name: 'Tafellab', visibility: 'public', question: 'Oude vraag' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    await addMember(t.dataSource, lab, partner, 'partner');
    await addMember(t.dataSource, lab, resident, 'resident');
    team = new ApiClient(t.baseUrl);
    await team.login(coordinator.email!, PASSWORD);
    partnerClient = new ApiClient(t.baseUrl);
    await partnerClient.login(partner.email!, PASSWORD);
    residentClient = new ApiClient(t.baseUrl);
    await residentClient.login(resident.email!, PASSWORD);
    outsiderClient = new ApiClient(t.baseUrl);
    await outsiderClient.login(outsider.email!, PASSWORD);
    const experiment = await team.post(`/api/labs/${lab.id}/experiments`, {
      title: 'Buurtmaaltijd',
      description: 'Elke maand een maaltijd',
    });
    expect(experiment.status).toBe(201);
    experimentId = experiment.body.id;
    const cycle = await team.post(`/api/experiments/${experimentId}/iterations`, { startsOn: '2026-11-01' });
    expect(cycle.status).toBe(201);
    cycleId = cycle.body.id;
  });
  afterAll(() => t.close());

  const openTable = async (kind: string, title: string, iterationId: number | null = cycleId) => {
    const response = await team.post(`/api/labs/${lab.id}/dialogues`, {
      kind,
      title,
      moderation: 'open',
      ...(iterationId ? { iterationId } : {}),
    });
    expect(response.status).toBe(201);
    return response.body as { id: number; joinCode: string };
  };
  const join = async (code: string, displayName: string, groups: string[] = []) => {
    const phone = new ApiClient(t.baseUrl);
    expect((await phone.post('/api/dialogues/join', { code, displayName, groups })).status).toBe(200);
    return phone;
  };
  const note = async (phone: ApiClient, prompt: string, text: string, consent: string, parentId?: number) => {
    const response = await phone.post('/api/dialogue-joiners/me/notes', {
      clientId: `closing-client-${++n}`,
      prompt,
      text,
      consent,
      ...(parentId ? { parentId } : {}),
    });
    expect(response.status).toBe(200);
    return response.body.id as number;
  };
  const hide = async (tableId: number, noteId: number) =>
    expect(
      (await team.post(`/api/dialogues/${tableId}/notes/${noteId}/moderate`, { status: 'hidden', reason: 'Naam' }))
        .status,
    ).toBe(204);
  const count = async (query: string, params: unknown[]) => Number((await sql(t.dataSource, query, params))[0]['n']);

  it('writes the chosen question, stories by consent and attendance; the phones see what came of it', async () => {
    const table = await openTable('focustafel', 'Focustafel november');
    const fatima = await join(table.joinCode, 'Fatima', ['buurtbewoner']);
    const kees = await join(table.joinCode, 'Kees', ['vrijwilliger']);
    await team.post(`/api/labs/${lab.id}/participants`, { pseudonym: 'fatima', consent: CONSENT });
    const sprouted = await note(fatima, 'ontkiemd', 'De kinderen-publiek-5521 kwamen terug', 'public');
    const stuck = await note(kees, 'knel', 'Het buurthuis-lab-5522 ging dicht', 'lab');
    await note(kees, 'knel', 'Niet-citeren-5523', 'none');
    const hidden = await note(fatima, 'ontkiemd', 'Verborgen-5524', 'public');
    await hide(table.id, hidden);
    const question = await note(fatima, 'hkw', 'Hoe kunnen we de buurt samen laten koken?', 'public');
    expect((await kees.put(`/api/dialogue-joiners/me/dots/${question}`, { count: 2 })).status).toBe(204);

    const preview = await team.get(`/api/dialogues/${table.id}/closing`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ coordinator: true, notQuoted: 1, labQuestion: 'Oude vraag' });
    expect(preview.body.cycle).toMatchObject({ id: cycleId, number: 1 });
    expect(preview.body.questions).toEqual([expect.objectContaining({ noteId: question, dots: 2 })]);
    expect(preview.body.stories.map((s: { noteId: number }) => s.noteId)).toEqual([sprouted, stuck]);
    const joiners = preview.body.joiners as { joinerId: number; displayName: string; suggestedParticipantId: number }[];
    expect(joiners.map((j) => j.displayName)).toEqual(['Fatima', 'Kees']);
    expect(joiners[0].suggestedParticipantId).toBeTruthy();

    const closed = await team.post(`/api/dialogues/${table.id}/close`, {
      question: { noteId: question, to: 'lab' },
      stories: true,
      attendance: [
        { joinerId: joiners[0].joinerId, participantId: joiners[0].suggestedParticipantId },
        { joinerId: joiners[1].joinerId, participantId: null },
      ],
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', chosenNoteId: question });
    expect(closed.body.outcome).toMatchObject({
      question: 'Hoe kunnen we de buurt samen laten koken?',
      questionTo: 'lab',
      stories: 2,
      cycleNumber: 1,
      attendance: 2,
      newcomers: 1,
    });

    // The lab's question, with its history.
    const labNow = await team.get(`/api/labs/${lab.id}`);
    expect(labNow.body.question).toBe('Hoe kunnen we de buurt samen laten koken?');
    const labHistory = await sql(t.dataSource, "SELECT changes FROM history WHERE entity_type = 'lab'", []);
    expect(JSON.stringify(labHistory)).toContain('Oude vraag');
    // Stories: only notes let through with consent, their consent as audience, told by no participant.
    const stories = await sql(
      t.dataSource,
      `SELECT o.story_text, o.audience, o.iteration_id, o.participant_id, o.perspective FROM observations o
       JOIN dialogue_outcomes d ON d.entity_type = 'observation' AND d.entity_id = o.id
       WHERE d.dialogue_id = $1 ORDER BY o.id`,
      [table.id],
    );
    expect(stories).toEqual([
      expect.objectContaining({ audience: 'public', participant_id: null, perspective: 'resident' }),
      expect.objectContaining({ audience: 'lab', participant_id: null, perspective: 'volunteer' }),
    ]);
    expect(stories.every((s) => Number(s['iteration_id']) === cycleId)).toBe(true);
    const texts = JSON.stringify(await sql(t.dataSource, 'SELECT story_text FROM observations', []));
    expect(texts).not.toContain('Niet-citeren-5523');
    expect(texts).not.toContain('Verborgen-5524');
    expect(
      await count("SELECT COUNT(*) AS n FROM history WHERE entity_type = 'observation' AND action = 'create'", []),
    ).toBe(2);
    // What anyone may read of a public lab: the public story, never the one for the lab.
    const anonymous = await new ApiClient(t.baseUrl).get(`/api/labs/${lab.id}/observations?kind=story`);
    expect(anonymous.text).toContain('De kinderen-publiek-5521');
    expect(anonymous.text).not.toContain('Het buurthuis-lab-5522');
    // Attendance: the matched participant and a new one with consent to take part, as they joined.
    const attendance = await team.get(`/api/iterations/${cycleId}/attendance`);
    expect(attendance.body.participantIds).toHaveLength(2);
    const newcomer = await sql(
      t.dataSource,
      'SELECT pseudonym, groups, consent_participation, consent_quote, consent_version FROM participants ' +
        "WHERE pseudonym = 'Kees'",
      [],
    );
    expect(newcomer).toHaveLength(1);
    expect(newcomer[0]['consent_version']).toBe('tafel-meedoen');
    expect(Boolean(newcomer[0]['consent_participation'])).toBe(true);
    expect(Boolean(newcomer[0]['consent_quote'])).toBe(false);
    // Every record written has a link back.
    const links = await sql(
      t.dataSource,
      'SELECT entity_type FROM dialogue_outcomes WHERE dialogue_id = $1 ORDER BY entity_type',
      [table.id],
    );
    expect(links.map((l) => l['entity_type'])).toEqual([
      'attendance',
      'attendance',
      'lab_question',
      'observation',
      'observation',
      'participant',
    ]);
    const origins = await team.get(`/api/labs/${lab.id}/dialogue-outcomes`);
    expect(origins.body.items).toContainEqual(
      expect.objectContaining({ dialogueId: table.id, title: 'Focustafel november', entityType: 'lab_question' }),
    );
    expectProblem(await residentClient.get(`/api/labs/${lab.id}/dialogue-outcomes`), 403, 'forbidden');

    // The phones: the outcome on their page and on the stream's closed event; a personal link for later.
    const me = await fatima.get('/api/dialogue-joiners/me');
    expect(me.body.outcome).toMatchObject({ stories: 2, question: 'Hoe kunnen we de buurt samen laten koken?' });
    const events = await fatima.get('/api/dialogue-joiners/me/events');
    expect(events.body.events.at(-1)).toMatchObject({ type: 'closed', outcome: { stories: 2, attendance: 2 } });
    const link = await fatima.post('/api/dialogue-joiners/me/link', {});
    expect(link.status).toBe(200);
    const later = await new ApiClient(t.baseUrl).request('GET', '/api/dialogue-links/me', undefined, {
      'x-tafel-token': link.body.token,
    });
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ title: 'Focustafel november', displayName: 'Fatima', status: 'closed' });
    expect(later.body.outcome.stories).toBe(2);
    const unknown = await new ApiClient(t.baseUrl).request('GET', '/api/dialogue-links/me', undefined, {
      'x-tafel-token': 'not-a-token',
    });
    expectProblem(unknown, 404, 'joiner_not_found');

    // The timeline shows the table, in counts.
    const timeline = await team.get(`/api/labs/${lab.id}/timeline`);
    expect(timeline.body.events).toContainEqual(
      expect.objectContaining({
        kind: 'dialogue_held',
        title: 'Focustafel november',
        code: 'focustafel',
        dialogue: expect.objectContaining({ joined: 2, stories: 2, question: true, attendance: 2 }),
      }),
    );

    // Closing again writes nothing more: 409.
    expectProblem(await team.post(`/api/dialogues/${table.id}/close`, { stories: true }), 409, 'dialogue_closed');
    expect(await count('SELECT COUNT(*) AS n FROM dialogue_outcomes WHERE dialogue_id = $1', [table.id])).toBe(6);
  });

  it('makes draft learnings of the ingredients, resting on the cycle and the stories of their examples', async () => {
    const table = await openTable('verdiepingstafel', 'Verdieping');
    const anna = await join(table.joinCode, 'Anna');
    const one = await note(anna, 'example', 'Koffie bij de school', 'public');
    const two = await note(anna, 'example', 'Soep in de kerk', 'municipality');
    for (const id of [one, two])
      expect(
        (await anna.post(`/api/dialogue-joiners/me/notes/${id}/tags`, { ingredient: 'Laagdrempelig' })).status,
      ).toBe(204);
    // A partner may close, but the lab's learnings are a coordinator's to write.
    expectProblem(
      await partnerClient.post(`/api/dialogues/${table.id}/close`, { learnings: true }),
      400,
      'validation_failed',
    );
    const closed = await team.post(`/api/dialogues/${table.id}/close`, { stories: true, learnings: true });
    expect(closed.status).toBe(200);
    expect(closed.body.outcome).toMatchObject({ stories: 2, learnings: ['Laagdrempelig'] });
    const [learning] = await sql(
      t.dataSource,
      `SELECT l.id, l.title, l.type, l.status FROM learnings l JOIN dialogue_outcomes d
       ON d.entity_type = 'learning' AND d.entity_id = l.id WHERE d.dialogue_id = $1`,
      [table.id],
    );
    expect(learning).toMatchObject({ title: 'Laagdrempelig', type: 'working_ingredient', status: 'draft' });
    const evidence = await sql(
      t.dataSource,
      'SELECT kind, ref_id FROM learning_evidence WHERE learning_id = $1 ORDER BY kind, ref_id',
      [learning['id']],
    );
    const storyIds = await sql(
      t.dataSource,
      "SELECT entity_id FROM dialogue_outcomes WHERE dialogue_id = $1 AND entity_type = 'observation' ORDER BY 1",
      [table.id],
    );
    expect(evidence.map((e) => [e['kind'], Number(e['ref_id'])])).toEqual([
      ['iteration', cycleId],
      ...storyIds.map((s) => ['observation', Number(s['entity_id'])]),
    ]);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM history WHERE entity_type = 'learning' AND entity_id = $1 AND action = 'create'",
        [learning['id']],
      ),
    ).toBe(1);
  });

  it("starts the experiment's next cycle with what was taken on, only words whose consent reaches", async () => {
    const table = await openTable('werkplaats', 'Werkplaats');
    const owner = await join(table.joinCode, 'Eigenaar');
    const helper = await join(table.joinCode, 'Helper');
    const kase = await note(owner, 'case', 'Hoe houden we vrijwilligers?', 'public');
    const tip = await note(helper, 'tip', 'Vraag ze persoonlijk-publiek', 'public', kase);
    const labOnly = await note(helper, 'tip', 'Alleen-voor-het-lab-7781', 'lab', kase);
    const notTaken = await note(helper, 'question', 'Niet-opgepakt', 'public', kase);
    for (const id of [tip, labOnly])
      expect((await owner.post(`/api/dialogue-joiners/me/notes/${id}/take-on`, { takenOn: true })).status).toBe(204);
    const preview = await team.get(`/api/dialogues/${table.id}/closing`);
    expect(preview.body.plan.map((p: { noteId: number; writable: boolean }) => [p.noteId, p.writable])).toEqual([
      [tip, true],
      [labOnly, false],
    ]);
    void notTaken;
    const closed = await team.post(`/api/dialogues/${table.id}/close`, { cycle: true });
    expect(closed.status).toBe(200);
    expect(closed.body.outcome.nextCycle).toEqual({ number: 2, plan: ['Vraag ze persoonlijk-publiek'] });
    const cycles = await team.get(`/api/experiments/${experimentId}/iterations`);
    const next = cycles.body.items.find((i: { number: number }) => i.number === 2);
    expect(next.plan).toContain('Vraag ze persoonlijk-publiek');
    expect(next.plan).not.toContain('Alleen-voor-het-lab-7781');
    expect(next.plan).not.toContain('Niet-opgepakt');
    const [linkRow] = await sql(
      t.dataSource,
      "SELECT entity_id FROM dialogue_outcomes WHERE dialogue_id = $1 AND entity_type = 'iteration'",
      [table.id],
    );
    expect(Number(linkRow['entity_id'])).toBe(next.id);
  });

  it('writes nothing and leaves the table open when any write fails (one transaction)', async () => {
    const table = await openTable('focustafel', 'Mislukt');
    const phone = await join(table.joinCode, 'Bram');
    await note(phone, 'ontkiemd', 'Blijft-niet-staan-9911', 'public');
    const question = await note(phone, 'hkw', 'Hoe kunnen we dit-9912?', 'public');
    const stories = () => count("SELECT COUNT(*) AS n FROM observations WHERE story_text LIKE '%9911%'", []);
    if (databaseKind === 'postgres') {
      await sql(
        t.dataSource,
        'CREATE FUNCTION fail_outcomes() RETURNS trigger LANGUAGE plpgsql AS ' +
          "$$ BEGIN RAISE EXCEPTION 'injected'; END $$",
      );
      await sql(
        t.dataSource,
        'CREATE TRIGGER fail_outcomes BEFORE INSERT ON dialogue_outcomes ' +
          'FOR EACH STATEMENT EXECUTE FUNCTION fail_outcomes()',
      );
    } else
      await sql(
        t.dataSource,
        "CREATE TRIGGER fail_outcomes BEFORE INSERT ON dialogue_outcomes BEGIN SELECT RAISE(ABORT, 'injected'); END",
      );
    try {
      const failed = await team.post(`/api/dialogues/${table.id}/close`, {
        question: { noteId: question, to: 'lab' },
        stories: true,
      });
      expect(failed.status).toBe(500);
    } finally {
      await sql(
        t.dataSource,
        `DROP TRIGGER fail_outcomes${databaseKind === 'postgres' ? ' ON dialogue_outcomes' : ''}`,
      );
      if (databaseKind === 'postgres') await sql(t.dataSource, 'DROP FUNCTION fail_outcomes()');
    }
    expect(await stories()).toBe(0);
    expect((await team.get(`/api/labs/${lab.id}`)).body.question).not.toContain('9912');
    expect((await team.get(`/api/dialogues/${table.id}`)).body).toMatchObject({ status: 'open', outcome: null });
    expect(await count('SELECT COUNT(*) AS n FROM dialogue_outcomes WHERE dialogue_id = $1', [table.id])).toBe(0);
    // And once the failure is gone, the same closing goes through.
    const closed = await team.post(`/api/dialogues/${table.id}/close`, { stories: true });
    expect(closed.status).toBe(200);
    expect(await stories()).toBe(1);
  });

  it('exports the table as JSON and as CSV safe against formulas, for the team only', async () => {
    const table = await openTable('focustafel', 'Export', null);
    const phone = await join(table.joinCode, 'Henk', ['65+']);
    const formula = await note(phone, 'ontkiemd', '=HYPERLINK("http://x")', 'lab');
    const gone = await note(phone, 'knel', 'Weg ermee', 'none');
    await hide(table.id, gone);
    const json = await team.get(`/api/dialogues/${table.id}/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ id: table.id, title: 'Export', joiners: 1 });
    expect(json.body.notes).toEqual([
      expect.objectContaining({ id: formula, displayName: 'Henk', consent: 'lab', status: 'shown' }),
      expect.objectContaining({ id: gone, status: 'hidden', reason: 'Naam', consent: 'none', text: null }),
    ]);
    // Not to be quoted: its words never leave the facilitator view, not even in the team's download.
    expect(JSON.stringify(json.body)).not.toContain('Weg ermee');
    expect(json.body.moderation).toContainEqual(expect.objectContaining({ noteId: gone, status: 'hidden' }));
    const csv = await team.get(`/api/dialogues/${table.id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe(
      'id,prompt,text,status,reason,mergedInto,parentId,cluster,dotsByGroup,votes,tags,takenOn,consent,' +
        'displayName,createdAt',
    );
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.text).not.toMatch(/,=HYPERLINK/);
    expect(csv.text).not.toContain('Weg ermee');
    expectProblem(await team.get(`/api/dialogues/${table.id}/export?format=xml`), 400, 'validation_failed');
    expectProblem(await residentClient.get(`/api/dialogues/${table.id}/export`), 403, 'forbidden');
    expectProblem(await outsiderClient.get(`/api/dialogues/${table.id}/export`), 403, 'forbidden');
    expectProblem(await outsiderClient.post(`/api/dialogues/${table.id}/close`, {}), 403, 'forbidden');
    expect((await partnerClient.get(`/api/dialogues/${table.id}/export?format=csv`)).status).toBe(200);
    // A table tied to no cycle cannot write attendance or a cycle.
    expectProblem(await team.post(`/api/dialogues/${table.id}/close`, { cycle: true }), 400, 'validation_failed');
  });
});
