import { ApiClient, expectProblem } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { sha256 } from '../../backend/src/common/tokens';
import { Invitation } from '../../backend/src/invitations/invitation.entity';
import type { Lab } from '../../backend/src/labs/lab.entity';
import type { User } from '../../backend/src/users/user.entity';

describe('invitation links', () => {
  let t: TestApp;
  let coordinator: User, resident: User;
  let lab: Lab, otherLab: Lab;
  let coordinatorClient: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await makeUser(t.dataSource);
    resident = await makeUser(t.dataSource);
    lab = await makeLab(t.dataSource, { name: 'Samen eten', visibility: 'members' });
    otherLab = await makeLab(t.dataSource, { name: 'Ander lab', visibility: 'members' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    await addMember(t.dataSource, lab, resident, 'resident');
    coordinatorClient = new ApiClient(t.baseUrl);
    await coordinatorClient.login(coordinator.email!, PASSWORD);
  });
  afterAll(() => t.close());

  const invite = async (body: object = { role: 'resident' }) => {
    const response = await coordinatorClient.post(`/api/labs/${lab.id}/invitations`, body);
    expect(response.status).toBe(201);
    return response.body as { id: number; token: string; path: string; expiresAt: string };
  };

  it('lets a visitor join one lab with only a display name, and logs them in', async () => {
    const { token, path } = await invite({ role: 'resident', note: 'voor Fatima', expiresInDays: 7 });
    expect(path).toBe(`/uitnodiging/${token}`);
    const stored = await sql(t.dataSource, 'SELECT token_hash FROM invitations WHERE lab_id = $1', [lab.id]);
    expect(stored.map((r) => r['token_hash'])).toContain(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const visitor = new ApiClient(t.baseUrl);
    const preview = await visitor.get(`/api/invitations/by-token/${token}`);
    expect(preview.body).toMatchObject({ labId: lab.id, labName: 'Samen eten', role: 'resident' });

    const joined = await visitor.post(`/api/invitations/by-token/${token}/accept`, { displayName: '  Fatima ' });
    expect(joined.status).toBe(200);
    expect(joined.body.user).toMatchObject({
      displayName: 'Fatima',
      email: null,
      memberships: [{ labId: lab.id, role: 'resident' }],
    });
    expect((await visitor.get(`/api/labs/${lab.id}`)).body.myRole).toBe('resident');
    expectProblem(await visitor.get(`/api/labs/${otherLab.id}`), 404, 'lab_not_found');

    const list = (await coordinatorClient.get(`/api/labs/${lab.id}/invitations`)).body.items;
    expect(list.find((i: { note: string }) => i.note === 'voor Fatima')).toMatchObject({
      state: 'used',
      usedByName: 'Fatima',
    });
  });

  it('refuses a reused link with 410 and keeps the first use intact', async () => {
    const { token } = await invite();
    expect(
      (await new ApiClient(t.baseUrl).post(`/api/invitations/by-token/${token}/accept`, { displayName: 'Eerste' }))
        .status,
    ).toBe(200);
    expectProblem(
      await new ApiClient(t.baseUrl).post(`/api/invitations/by-token/${token}/accept`, { displayName: 'Tweede' }),
      410,
      'invitation_used',
    );
    expectProblem(await new ApiClient(t.baseUrl).get(`/api/invitations/by-token/${token}`), 410, 'invitation_used');
    const names = await sql(t.dataSource, "SELECT display_name FROM users WHERE display_name IN ('Eerste', 'Tweede')");
    expect(names).toEqual([{ display_name: 'Eerste' }]);
  });

  it('lets exactly one of two simultaneous accepts win', async () => {
    const { token } = await invite();
    const results = await Promise.all(
      ['A', 'B', 'C'].map((name) =>
        new ApiClient(t.baseUrl).post(`/api/invitations/by-token/${token}/accept`, { displayName: `Tegelijk ${name}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 410, 410]);
    const [{ n }] = await sql(t.dataSource, "SELECT COUNT(*) AS n FROM users WHERE display_name LIKE 'Tegelijk %'");
    expect(Number(n)).toBe(1);
  });

  it('refuses an expired or withdrawn link with 410, and an unknown one with 404', async () => {
    const expired = await invite();
    await t.dataSource.manager.update(Invitation, { id: expired.id }, { expiresAt: new Date(Date.now() - 1000) });
    expectProblem(
      await new ApiClient(t.baseUrl).post(`/api/invitations/by-token/${expired.token}/accept`, { displayName: 'Laat' }),
      410,
      'invitation_expired',
    );
    const withdrawn = await invite();
    const listed = await coordinatorClient.delete(`/api/invitations/${withdrawn.id}`);
    expect(listed.status).toBe(200);
    // The coordinator's list says withdrawn, not expired; the one that ran out says expired.
    const states = new Map((listed.body.items as { id: number; state: string }[]).map((i) => [i.id, i.state] as const));
    expect([states.get(withdrawn.id), states.get(expired.id)]).toEqual(['revoked', 'expired']);
    expectProblem(
      await new ApiClient(t.baseUrl).get(`/api/invitations/by-token/${withdrawn.token}`),
      410,
      'invitation_revoked',
    );
    expectProblem(
      await new ApiClient(t.baseUrl).post(`/api/invitations/by-token/${withdrawn.token}/accept`, {
        displayName: 'Te laat',
      }),
      410,
      'invitation_revoked',
    );
    expectProblem(
      await new ApiClient(t.baseUrl).get('/api/invitations/by-token/bestaat-niet'),
      404,
      'invitation_not_found',
    );
  });

  it('adds a logged-in user with the invited role, but not twice', async () => {
    const outsider = await makeUser(t.dataSource);
    const client = new ApiClient(t.baseUrl);
    await client.login(outsider.email!, PASSWORD);
    const { token } = await (async () => {
      const r = await coordinatorClient.post(`/api/labs/${lab.id}/invitations`, { role: 'partner' });
      return r.body;
    })();
    const joined = await client.post(`/api/invitations/by-token/${token}/accept`, { displayName: 'genegeerd' });
    expect(joined.body.user.memberships).toEqual([expect.objectContaining({ labId: lab.id, role: 'partner' })]);
    const second = (await coordinatorClient.post(`/api/labs/${lab.id}/invitations`, { role: 'resident' })).body;
    expectProblem(
      await client.post(`/api/invitations/by-token/${second.token}/accept`, { displayName: 'x' }),
      409,
      'already_member',
    );
    expect((await new ApiClient(t.baseUrl).get(`/api/invitations/by-token/${second.token}`)).status).toBe(200);
  });

  it('validates the display name and the invitation settings', async () => {
    const { token } = await invite();
    expectProblem(
      await new ApiClient(t.baseUrl).post(`/api/invitations/by-token/${token}/accept`, { displayName: '' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await new ApiClient(t.baseUrl).post(`/api/invitations/by-token/${token}/accept`, { displayName: 'x'.repeat(61) }),
      400,
      'validation_failed',
    );
    expect((await new ApiClient(t.baseUrl).get(`/api/invitations/by-token/${token}`)).status).toBe(200);
    expectProblem(
      await coordinatorClient.post(`/api/labs/${lab.id}/invitations`, { role: 'admin' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await coordinatorClient.post(`/api/labs/${lab.id}/invitations`, { role: 'resident', expiresInDays: 365 }),
      400,
      'validation_failed',
    );
  });

  it('lets only coordinators make links', async () => {
    const client = new ApiClient(t.baseUrl);
    await client.login(resident.email!, PASSWORD);
    expectProblem(await client.post(`/api/labs/${lab.id}/invitations`, { role: 'coordinator' }), 403, 'forbidden');
    expectProblem(await client.get(`/api/labs/${lab.id}/invitations`), 403, 'forbidden');
  });
});
