import { ApiClient, expectProblem } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { Experiment } from '../../backend/src/experiments/experiment.entity';
import { Iteration } from '../../backend/src/iterations/iteration.entity';
import { dutchToday } from '../../backend/src/evaluations/evaluations.service';
import type { Lab } from '../../backend/src/labs/lab.entity';
import type { User } from '../../backend/src/users/user.entity';

const day = (offset: number) => dutchToday(new Date(Date.now() + offset * 86_400_000));

/** A round finished in the dashboard: contributor roles, deadline, reopening, who is missing, learnings from it. */
describe('evaluation rounds: deadline, reopening, who has not contributed', () => {
  let t: TestApp;
  let lab: Lab;
  let coord: ApiClient;
  let partner: ApiClient;
  let observer: ApiClient;
  let resident: ApiClient;
  let iterationId: number;
  let roundId: number;
  let version: number;
  const residentScore = {
    stakeholderGroup: 'resident',
    appreciations: [{ dimension: 'trust', score: 4 }],
    answers: [],
  };

  const login = async (user: User) => {
    const client = new ApiClient(t.baseUrl);
    await client.login(user.email!, PASSWORD);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.dataSource.manager;
    const coordinator = await makeUser(t.dataSource, { displayName: 'Sanne' });
    lab = await makeLab(t.dataSource, { name: 'Samen eten', visibility: 'members' });
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
    iterationId = (
      await m.save(
        m.create(Iteration, {
          labId: lab.id,
          experimentId: experiment.id,
          number: 1,
          startsOn: '2025-10-01',
          endsOn: null,
          plan: 'Samen eten',
          act: null,
          observe: null,
          reflect: null,
          decision: null,
          decisionReasons: null,
        }),
      )
    ).id;
    coord = await login(coordinator);
    const p = await makeUser(t.dataSource, { displayName: 'Partner Piet' });
    await addMember(t.dataSource, lab, p, 'partner');
    partner = await login(p);
    const o = await makeUser(t.dataSource, { displayName: 'Ambtenaar Linda' });
    await addMember(t.dataSource, lab, o, 'observer');
    observer = await login(o);
  });
  afterAll(() => t.close());

  it('opens a round with contributor roles and a deadline, and refuses a deadline in the past', async () => {
    expectProblem(
      await coord.post(`/api/labs/${lab.id}/rounds`, {
        title: 'Terugblik',
        periodStart: '2025-10-01',
        periodEnd: '2025-12-01',
        iterationIds: [iterationId],
        deadline: day(-1),
      }),
      400,
      'validation_failed',
    );
    const [{ n }] = await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM evaluation_rounds WHERE lab_id = $1', [lab.id]);
    expect(Number(n)).toBe(0);
    const response = await coord.post(`/api/labs/${lab.id}/rounds`, {
      title: 'Terugblik',
      periodStart: '2025-10-01',
      periodEnd: '2025-12-01',
      iterationIds: [iterationId],
      dimensions: ['trust'],
      contributorRoles: ['resident', 'partner'],
      deadline: day(7),
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      contributorRoles: ['resident', 'partner'],
      deadline: day(7),
      deadlinePassed: false,
    });
    roundId = response.body.id;
    version = response.body.version;
    expect((await observer.get(`/api/rounds/${roundId}`)).body.canContribute).toBe(false);
  });

  it('changes contributor roles while open and names a bad deadline', async () => {
    const bad = expectProblem(await coord.patch(`/api/rounds/${roundId}`, { version, deadline: '2025-13-40' }), 400);
    expect(bad.errors[0].field).toBe('deadline');
    const past = expectProblem(await coord.patch(`/api/rounds/${roundId}`, { version, deadline: day(-2) }), 400);
    expect(past.errors[0]).toMatchObject({ field: 'deadline', code: 'in_past' });
    const changed = await coord.patch(`/api/rounds/${roundId}`, {
      version,
      contributorRoles: ['resident', 'partner', 'observer'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.contributorRoles).toEqual(['resident', 'partner', 'observer']);
    version = changed.body.version;
    expect((await observer.get(`/api/rounds/${roundId}`)).body.canContribute).toBe(true);
  });

  it('shows the coordinator who has not contributed, and the round links only as counts', async () => {
    const links = [];
    for (let i = 0; i < 3; i++) links.push((await coord.post(`/api/rounds/${roundId}/invitations`, {})).body);
    resident = new ApiClient(t.baseUrl);
    await resident.post(`/api/invitations/by-token/${links[0].token}/accept`, { displayName: 'Bewoner Ali' });
    const used = new ApiClient(t.baseUrl);
    await used.post(`/api/invitations/by-token/${links[1].token}/accept`, { displayName: 'Bewoner Bo' });
    await coord.delete(`/api/invitations/${links[2].id}`);
    expect((await resident.put(`/api/rounds/${roundId}/contribution`, residentScore)).status).toBe(200);
    const preview = (await new ApiClient(t.baseUrl).get(`/api/invitations/by-token/${links[0].token}`)).status;
    expect(preview).toBe(410);

    const outstanding = await coord.get(`/api/rounds/${roundId}/outstanding`);
    expect(outstanding.status).toBe(200);
    expect(outstanding.body).toEqual({
      roundId,
      members: [
        expect.objectContaining({ name: 'Ambtenaar Linda', role: 'observer' }),
        expect.objectContaining({ name: 'Partner Piet', role: 'partner' }),
      ],
      links: { open: 0, unused: 1, usedWithoutContribution: 1 },
    });
    // Whoever joined through a round link is only counted, not named.
    expect(JSON.stringify(outstanding.body)).not.toContain('Bewoner');
    // Nobody else learns who is missing.
    for (const client of [partner, observer, resident])
      expectProblem(await client.get(`/api/rounds/${roundId}/outstanding`), 403, 'forbidden');
    // A visitor does not even learn that the round exists (a members-only lab).
    expectProblem(await new ApiClient(t.baseUrl).get(`/api/rounds/${roundId}/outstanding`), 404);

    const list = (await coord.get(`/api/labs/${lab.id}/invitations`)).body.items;
    expect(list.filter((i: { roundId: number }) => i.roundId === roundId)).toHaveLength(3);
    expect(list[0]).toMatchObject({ roundId, roundTitle: 'Terugblik', role: 'resident' });
  });

  it('shows the deadline on the invitation landing and takes no contributions after it', async () => {
    const link = (await coord.post(`/api/rounds/${roundId}/invitations`, { expiresInDays: 1 })).body;
    const preview = (await new ApiClient(t.baseUrl).get(`/api/invitations/by-token/${link.token}`)).body;
    expect(preview).toMatchObject({ roundId, roundDeadline: day(7) });
    expect(Date.parse(preview.expiresAt) - Date.now()).toBeLessThanOrEqual(86_400_000);
    // The deadline passes (set in the database: the API refuses a past day).
    await sql(t.dataSource, 'UPDATE evaluation_rounds SET deadline = $1 WHERE id = $2', [day(-1), roundId]);
    const round = (await resident.get(`/api/rounds/${roundId}`)).body;
    expect(round).toMatchObject({ status: 'open', deadlinePassed: true, canContribute: false });
    const before = await sql(t.dataSource, 'SELECT updated_at FROM contributions WHERE round_id = $1', [roundId]);
    const late = expectProblem(
      await resident.put(`/api/rounds/${roundId}/contribution`, residentScore),
      409,
      'round_deadline_passed',
    );
    expect(late.detail).toContain(day(-1));
    expect(await sql(t.dataSource, 'SELECT updated_at FROM contributions WHERE round_id = $1', [roundId])).toEqual(
      before,
    );
    expectProblem(await coord.post(`/api/rounds/${roundId}/invitations`, {}), 409, 'round_deadline_passed');
    expect((await coord.get(`/api/labs/${lab.id}/rounds`)).body.items[0]).toMatchObject({ deadlinePassed: true });
  });

  it('extends the deadline of an open round, recorded in its history', async () => {
    version = (await coord.get(`/api/rounds/${roundId}`)).body.version;
    const extended = await coord.patch(`/api/rounds/${roundId}`, { version, deadline: day(14) });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ deadline: day(14), deadlinePassed: false });
    version = extended.body.version;
    expect((await resident.put(`/api/rounds/${roundId}/contribution`, residentScore)).status).toBe(200);
    const history = (await coord.get(`/api/labs/${lab.id}/history?entityType=round&entityId=${roundId}`)).body.items;
    expect(history[0]).toMatchObject({ action: 'update', changes: { deadline: { from: day(-1), to: day(14) } } });
  });

  it('reopens a closed round: contributions change again and results hide again, recorded in history', async () => {
    expectProblem(await coord.post(`/api/rounds/${roundId}/reopen`, { version }), 409, 'round_open');
    version = (await coord.post(`/api/rounds/${roundId}/close`, { version })).body.version;
    expect((await resident.get(`/api/rounds/${roundId}`)).body.canSeeResults).toBe(true);
    expectProblem(await partner.post(`/api/rounds/${roundId}/reopen`, { version }), 403, 'forbidden');
    expectProblem(await coord.post(`/api/rounds/${roundId}/reopen`, {}), 400, 'validation_failed');
    const pastDay = expectProblem(
      await coord.post(`/api/rounds/${roundId}/reopen`, { version, deadline: day(-3) }),
      400,
      'validation_failed',
    );
    expect(pastDay.errors[0].field).toBe('deadline');
    const reopened = await coord.post(`/api/rounds/${roundId}/reopen`, { version, deadline: day(3) });
    expect(reopened.status).toBe(201);
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null, deadline: day(3) });
    expect((await resident.get(`/api/rounds/${roundId}`)).body).toMatchObject({
      canContribute: true,
      canSeeResults: false,
    });
    expectProblem(await resident.get(`/api/rounds/${roundId}/results`), 403, 'results_when_closed');
    expect((await resident.put(`/api/rounds/${roundId}/contribution`, residentScore)).status).toBe(200);
    const history = (await coord.get(`/api/labs/${lab.id}/history?entityType=round&entityId=${roundId}`)).body.items;
    expect(history[0]).toMatchObject({ action: 'update', changes: { status: { from: 'closed', to: 'open' } } });
  });

  it("lists the lab's learnings made from the round: drafts only for the team", async () => {
    const draft = await coord.post(`/api/labs/${lab.id}/learnings`, {
      title: 'Samen koken verbindt',
      body: 'Wie samen kookt, praat ook samen.',
      type: 'working_ingredient',
      themes: [],
      evidence: [{ kind: 'round', id: roundId }],
    });
    expect(draft.status).toBe(201);
    expect((await partner.get(`/api/rounds/${roundId}/learnings`)).body.items).toEqual([
      { id: draft.body.id, title: 'Samen koken verbindt', type: 'working_ingredient', status: 'draft' },
    ]);
    expect((await resident.get(`/api/rounds/${roundId}/learnings`)).body.items).toEqual([]);
    await coord.post(`/api/learnings/${draft.body.id}/publish`, { version: draft.body.version });
    expect((await resident.get(`/api/rounds/${roundId}/learnings`)).body.items).toEqual([
      expect.objectContaining({ id: draft.body.id, status: 'published' }),
    ]);
  });

  it('ties a decision to a cycle of the lab only', async () => {
    const followUps = await coord.post(`/api/rounds/${roundId}/follow-ups`, {
      kind: 'decision',
      text: 'We koken ook op zondag.',
      iterationId,
    });
    expect(followUps.body).toEqual([expect.objectContaining({ iterationId, iterationNumber: 1 })]);
    const bad = expectProblem(
      await coord.post(`/api/rounds/${roundId}/follow-ups`, { kind: 'decision', text: 'x', iterationId: 999999 }),
      400,
    );
    expect(bad.errors[0].field).toBe('iterationId');
  });
});
