import { ApiClient, expectProblem } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import type { Lab } from '../../backend/src/labs/lab.entity';
import type { User } from '../../backend/src/users/user.entity';

describe('labs: visibility, overview, changes and history', () => {
  let t: TestApp;
  let coordinator: User, resident: User, observer: User, outsider: User, admin: User;
  let publicLab: Lab, membersLab: Lab, privateLab: Lab;

  const as = async (user: User) => {
    const client = new ApiClient(t.baseUrl);
    await client.login(user.email!, PASSWORD);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    [coordinator, resident, observer, outsider, admin] = await Promise.all([
      makeUser(ds, { displayName: 'Coördinator' }),
      makeUser(ds),
      makeUser(ds),
      makeUser(ds),
      makeUser(ds, { installationRole: 'admin' }),
    ]);
    publicLab = await makeLab(ds, {
      name: 'Openbare maaltijd',
      visibility: 'public',
      themes: ['encounter', 'health'],
      municipality: 'Utrecht',
    });
    membersLab = await makeLab(ds, {
      name: 'Ledenlab buurtgesprek',
      visibility: 'members',
      themes: ['encounter'],
      municipality: 'Den Haag',
      status: 'scaling',
    });
    privateLab = await makeLab(ds, {
      name: 'Besloten voorbereiding',
      visibility: 'private',
      themes: ['poverty'],
      municipality: 'Zwolle',
    });
    for (const lab of [publicLab, membersLab, privateLab]) await addMember(ds, lab, coordinator, 'coordinator');
    for (const lab of [membersLab, privateLab]) {
      await addMember(ds, lab, resident, 'resident');
      await addMember(ds, lab, observer, 'observer');
    }
  });
  afterAll(() => t.close());

  const names = (body: { items: { name: string }[] }) => body.items.map((l) => l.name).sort();

  it('shows a visitor only public labs', async () => {
    const response = await new ApiClient(t.baseUrl).get('/api/labs');
    expect(names(response.body)).toEqual(['Openbare maaltijd']);
    expect(response.body.total).toBe(1);
    expect(response.body.items[0].myRole).toBeNull();
  });

  it('shows members the members-only lab, and the private lab only to coordinators and partners', async () => {
    expect(names((await (await as(resident)).get('/api/labs')).body)).toEqual([
      'Ledenlab buurtgesprek',
      'Openbare maaltijd',
    ]);
    expect(names((await (await as(observer)).get('/api/labs')).body)).toEqual([
      'Ledenlab buurtgesprek',
      'Openbare maaltijd',
    ]);
    expect(names((await (await as(coordinator)).get('/api/labs')).body)).toEqual([
      'Besloten voorbereiding',
      'Ledenlab buurtgesprek',
      'Openbare maaltijd',
    ]);
    expect(names((await (await as(outsider)).get('/api/labs')).body)).toEqual(['Openbare maaltijd']);
    expect((await (await as(admin)).get('/api/labs')).body.total).toBeGreaterThanOrEqual(3);
  });

  it('answers 404, not 403, for a lab the caller may not see, so its existence does not leak', async () => {
    expectProblem(await new ApiClient(t.baseUrl).get(`/api/labs/${membersLab.id}`), 404, 'lab_not_found');
    expectProblem(await (await as(outsider)).get(`/api/labs/${privateLab.id}`), 404, 'lab_not_found');
    expectProblem(await (await as(resident)).get(`/api/labs/${privateLab.id}`), 404, 'lab_not_found');
    expectProblem(await new ApiClient(t.baseUrl).get('/api/labs/999999'), 404, 'lab_not_found');
    expectProblem(await new ApiClient(t.baseUrl).get('/api/labs/abc'), 400, 'validation_failed');
  });

  it('filters by words, theme, status and place, and pages with a stable order', async () => {
    const client = await as(coordinator);
    expect(names((await client.get('/api/labs?q=BUURTGESPREK')).body)).toEqual(['Ledenlab buurtgesprek']);
    expect(names((await client.get('/api/labs?theme=health')).body)).toEqual(['Openbare maaltijd']);
    expect(names((await client.get('/api/labs?status=scaling')).body)).toEqual(['Ledenlab buurtgesprek']);
    expect(names((await client.get('/api/labs?municipality=zwolle')).body)).toEqual(['Besloten voorbereiding']);
    expect((await client.get('/api/labs?q=%25')).body.total).toBe(0);
    const first = await client.get('/api/labs?limit=2&offset=0&mine=true');
    const second = await client.get('/api/labs?limit=2&offset=2&mine=true');
    expect(first.body.total).toBe(3);
    expect([...first.body.items, ...second.body.items].map((l: { id: number }) => l.id)).toHaveLength(3);
    expectProblem(await client.get('/api/labs?limit=0'), 400, 'validation_failed');
    expectProblem(await client.get('/api/labs?status=unknown'), 400, 'validation_failed');
  });

  it('gives the overview with partners, counts and the caller role', async () => {
    const response = await (await as(resident)).get(`/api/labs/${membersLab.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: membersLab.id,
      name: 'Ledenlab buurtgesprek',
      myRole: 'resident',
      partners: [],
      memberCount: 3,
      experimentCount: 0,
      version: 1,
    });
  });

  it('lets an account with an e-mail start a lab and become its coordinator, recorded in history', async () => {
    const client = await as(outsider);
    const response = await client.post('/api/labs', {
      name: 'Samen eten',
      question: 'Hoe kunnen we samen eten?',
      aim: 'Iedereen schuift aan.',
      municipality: 'Utrecht',
      themes: ['encounter'],
      visibility: 'public',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: 'Samen eten',
      myRole: 'coordinator',
      status: 'exploring',
      scale: 'street',
      slug: 'samen-eten-utrecht',
    });
    expect(response.body.valueDimensions).toContain('self_reliance');
    const history = await client.get(`/api/labs/${response.body.id}/history`);
    expect(history.body.items).toEqual([
      expect.objectContaining({ entityType: 'lab', action: 'create', userId: outsider.id }),
    ]);
    const again = await client.post('/api/labs', {
      name: 'Samen eten',
      question: 'Hoe kunnen we samen eten?',
      aim: 'Iedereen schuift aan.',
      municipality: 'Utrecht',
      themes: [],
    });
    expect(again.body.slug).toBe('samen-eten-utrecht-2');
  });

  it('names every invalid field of a new lab and stores nothing', async () => {
    const client = await as(coordinator);
    const before = await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM labs');
    const problem = expectProblem(
      await client.post('/api/labs', { name: 'x', question: 42, themes: 'encounter', visibility: 'secret', extra: 1 }),
      400,
      'validation_failed',
    );
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'aim',
      'extra',
      'municipality',
      'name',
      'question',
      'themes',
      'visibility',
    ]);
    expect(await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM labs')).toEqual(before);
  });

  it(
    'updates with the loaded version and answers 409 with the current state for a stale one, ' + 'losing nothing',
    async () => {
      const a = await as(coordinator);
      const b = await as(coordinator);
      const updated = await a.patch(`/api/labs/${publicLab.id}`, {
        version: 1,
        status: 'scaling',
        themes: ['encounter', 'health', 'culture'],
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ version: 2, status: 'scaling' });
      const stale = expectProblem(
        await b.patch(`/api/labs/${publicLab.id}`, { version: 1, status: 'paused' }),
        409,
        'stale_version',
      );
      expect(stale.current).toMatchObject({ version: 2, status: 'scaling' });
      const [row] = await sql(t.dataSource, 'SELECT status, version FROM labs WHERE id = $1', [publicLab.id]);
      expect(row).toEqual({ status: 'scaling', version: 2 });
      const history = (await a.get(`/api/labs/${publicLab.id}/history?entityType=lab&entityId=${publicLab.id}`)).body
        .items;
      expect(history[0]).toMatchObject({
        action: 'update',
        changes: {
          status: { from: 'running', to: 'scaling' },
          themes: { from: ['encounter', 'health'], to: ['encounter', 'health', 'culture'] },
        },
      });
    },
  );

  it('does not let residents or observers change a lab', async () => {
    expectProblem(
      await (await as(resident)).patch(`/api/labs/${membersLab.id}`, { version: 1, name: 'Overgenomen' }),
      403,
      'forbidden',
    );
    expectProblem(
      await (await as(observer)).patch(`/api/labs/${membersLab.id}`, { version: 1, name: 'Overgenomen' }),
      403,
      'forbidden',
    );
    expectProblem(
      await new ApiClient(t.baseUrl).patch(`/api/labs/${membersLab.id}`, { version: 1, name: 'Overgenomen' }),
      404,
      'lab_not_found',
    );
    expectProblem(
      await new ApiClient(t.baseUrl).patch(`/api/labs/${publicLab.id}`, { version: 2, name: 'Overgenomen' }),
      401,
      'unauthenticated',
    );
  });

  it(
    'lets a coordinator register an organisation ' + '(once per name), but not a resident who joined by a link',
    async () => {
      const client = await as(coordinator);
      const first = (await client.post('/api/organisations', { name: 'Stichting Samen', kind: 'foundation' })).body;
      expect((await client.post('/api/organisations', { name: 'stichting samen', kind: 'ngo' })).body.id).toBe(
        first.id,
      );
      const linkResident = await makeUser(t.dataSource, {
        email: null,
        passwordHash: null,
        installationRole: 'member',
      });
      const { SessionsService } = await import('../../backend/src/users/sessions.service');
      const session = await t.app.get(SessionsService).createSession(linkResident.id);
      const resident = new ApiClient(t.baseUrl);
      resident.setCookie('sid', session.token);
      resident.setCookie('csrf', session.csrfToken);
      expectProblem(await resident.post('/api/organisations', { name: 'Mijn club', kind: 'ngo' }), 403, 'forbidden');
    },
  );

  it('records since when a partner takes part, a day in the past or today, never the future', async () => {
    const adminClient = await as(admin);
    const club = (await adminClient.post('/api/organisations', { name: 'Sportclub Noord', kind: 'ngo' })).body;
    const school = (await adminClient.post('/api/organisations', { name: 'Basisschool Oost', kind: 'ngo' })).body;
    const client = await as(coordinator);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const refused = expectProblem(
      await client.post(`/api/labs/${membersLab.id}/partners`, { organisationId: club.id, joinedOn: future }),
      400,
      'validation_failed',
    );
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'joinedOn', code: 'in_future' })]);
    const notADay = expectProblem(
      await client.post(`/api/labs/${membersLab.id}/partners`, { organisationId: club.id, joinedOn: '2025-02-30' }),
      400,
      'validation_failed',
    );
    expect(notADay.errors).toEqual([expect.objectContaining({ field: 'joinedOn', code: 'not_date' })]);
    const partners = (
      await client.post(`/api/labs/${membersLab.id}/partners`, { organisationId: club.id, joinedOn: '2024-05-01' })
    ).body as { organisationId: number; joinedAt: string }[];
    expect(partners.find((p) => p.organisationId === club.id)?.joinedAt.slice(0, 10)).toBe('2024-05-01');
    const today = (await client.post(`/api/labs/${membersLab.id}/partners`, { organisationId: school.id })).body as {
      organisationId: number;
      joinedAt: string;
    }[];
    expect(today.find((p) => p.organisationId === school.id)?.joinedAt.slice(0, 10)).toBe(
      new Date().toISOString().slice(0, 10),
    );
    await client.delete(`/api/labs/${membersLab.id}/partners/${club.id}`);
    await client.delete(`/api/labs/${membersLab.id}/partners/${school.id}`);
  });

  it('manages partners (who brought whom) and members, and always keeps a coordinator', async () => {
    const adminClient = await as(admin);
    const gemeente = (await adminClient.post('/api/organisations', { name: 'Gemeente Den Haag', kind: 'municipality' }))
      .body;
    const buurthuis = (await adminClient.post('/api/organisations', { name: 'Buurthuis', kind: 'ngo' })).body;
    const client = await as(coordinator);
    expect((await client.post(`/api/labs/${membersLab.id}/partners`, { organisationId: gemeente.id })).status).toBe(
      201,
    );
    const partners = (
      await client.post(`/api/labs/${membersLab.id}/partners`, {
        organisationId: buurthuis.id,
        invitedByOrganisationId: gemeente.id,
      })
    ).body;
    expect(
      partners.map((p: { name: string; invitedByOrganisationId: number | null }) => [
        p.name,
        p.invitedByOrganisationId,
      ]),
    ).toEqual([
      ['Gemeente Den Haag', null],
      ['Buurthuis', gemeente.id],
    ]);
    expectProblem(
      await client.post(`/api/labs/${membersLab.id}/partners`, { organisationId: gemeente.id }),
      409,
      'partner_exists',
    );
    expectProblem(
      await client.post(`/api/labs/${membersLab.id}/partners`, { organisationId: 999999 }),
      400,
      'validation_failed',
    );

    // No one is put in a lab without saying yes: the coordinator invites by exact e-mail address, the person accepts.
    expect(
      (await client.post(`/api/labs/${membersLab.id}/invitations/by-email`, { email: outsider.email, role: 'partner' }))
        .status,
    ).toBe(201);
    const invitee = await as(outsider);
    const [pending] = (await invitee.get('/api/users/me/invitations')).body.items;
    expect(pending).toMatchObject({ labId: membersLab.id, role: 'partner' });
    expect((await invitee.post(`/api/users/me/invitations/${pending.id}/accept`)).status).toBe(200);
    const members = (await client.get(`/api/labs/${membersLab.id}/members`)).body.items as {
      id: number;
      displayName: string;
      role: string;
      isYou: boolean;
    }[];
    const joined = members.find((m) => m.displayName === outsider.displayName)!;
    expect(joined.role).toBe('partner');
    expect(JSON.stringify(members)).not.toMatch(/@|userId|email/);
    expect(
      (await client.patch(`/api/labs/${membersLab.id}/members/${joined.id}`, { role: 'observer' })).body.items.find(
        (m: { id: number }) => m.id === joined.id,
      ).role,
    ).toBe('observer');
    expectProblem(
      await client.delete(`/api/labs/${membersLab.id}/members/${members.find((m) => m.isYou)!.id}`),
      409,
      'last_coordinator',
    );
    expect((await client.delete(`/api/labs/${membersLab.id}/members/${joined.id}`)).status).toBe(200);
  });
});
