import { randomBytes } from 'node:crypto';
import { MIGRATIONS } from '../../backend/src/database/migrations';
import { ApiClient, expectProblem } from '../support/api-client';
import { databaseKind, freshDatabase, sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';

const postgresOnly = databaseKind === 'postgres' ? describe : describe.skip;
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Two backend instances on one PostgreSQL database, as behind a load balancer, with rate limits in Redis. */
postgresOnly('two instances on one PostgreSQL database', () => {
  const database = freshDatabase();
  const shared = { env: database.env, drop: async () => undefined };
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      startTestApp({ REDIS_URL, LOGIN_RATE_LIMIT: '3' }, shared),
      startTestApp({ REDIS_URL, LOGIN_RATE_LIMIT: '3' }, shared),
    ]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database.drop();
  });

  it('ran each migration once although both started at the same moment', async () => {
    const rows = await sql(a.dataSource, 'SELECT name, COUNT(*) AS n FROM migrations GROUP BY name ORDER BY name');
    expect(rows.map((r) => [r['name'], Number(r['n'])])).toEqual(MIGRATIONS.map((m) => [new m().name, 1]).sort());
  });

  it('shares sessions: logged in on one, recognised on the other, and logged out everywhere', async () => {
    const user = await makeUser(a.dataSource);
    const onA = new ApiClient(a.baseUrl);
    await onA.login(user.email!, PASSWORD);
    const onB = new ApiClient(b.baseUrl);
    onB.setCookie('sid', onA.cookie('sid')!);
    onB.setCookie('csrf', onA.cookie('csrf')!);
    expect((await onB.get('/api/auth/session')).body.user.id).toBe(user.id);
    expect((await onB.post('/api/auth/logout')).status).toBe(200);
    expect((await onA.get('/api/auth/session')).body.user).toBeNull();
  });

  it('takes concurrent writes through both without an error, and lets one of two stale saves win', async () => {
    const user = await makeUser(a.dataSource);
    const lab = await makeLab(a.dataSource, { visibility: 'public' });
    await addMember(a.dataSource, lab, user, 'coordinator');
    const clients = await Promise.all(
      [a, b].map(async (app) => {
        const c = new ApiClient(app.baseUrl);
        await c.login(user.email!, PASSWORD);
        return c;
      }),
    );
    const created = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        clients[i % 2].post(`/api/labs/${lab.id}/experiments`, {
          title: `Via ${i % 2 ? 'B' : 'A'} ${i}`,
          description: 'x',
        }),
      ),
    );
    expect(created.filter((r) => r.status !== 201)).toEqual([]);
    const experiment = created[0].body;
    const iterations = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        clients[i % 2].post(`/api/experiments/${experiment.id}/iterations`, { startsOn: '2025-01-01' }),
      ),
    );
    expect(iterations.filter((r) => r.status !== 201)).toEqual([]);
    expect(new Set(iterations.map((r) => r.body.number)).size).toBe(30);
    const saves = await Promise.all(
      clients.flatMap((c) =>
        [1, 2].map((n) => c.patch(`/api/experiments/${experiment.id}`, { version: 1, title: `Winnaar ${n}` })),
      ),
    );
    expect(saves.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
  });

  it('holds invitation tokens across instances: made on one, used on the other, refused when reused', async () => {
    const user = await makeUser(a.dataSource);
    const lab = await makeLab(a.dataSource, { visibility: 'members' });
    await addMember(a.dataSource, lab, user, 'coordinator');
    const coord = new ApiClient(a.baseUrl);
    await coord.login(user.email!, PASSWORD);
    const { token } = (await coord.post(`/api/labs/${lab.id}/invitations`, { role: 'resident' })).body;
    expect(
      (await new ApiClient(b.baseUrl).post(`/api/invitations/by-token/${token}/accept`, { displayName: 'Via B' }))
        .status,
    ).toBe(200);
    expectProblem(
      await new ApiClient(a.baseUrl).post(`/api/invitations/by-token/${token}/accept`, {
        displayName: 'Nog eens via A',
      }),
      410,
      'invitation_used',
    );
  });

  it('counts login attempts in Redis, so the limit holds across instances', async () => {
    const email = `limiet-${randomBytes(4).toString('hex')}@test.nl`;
    await makeUser(a.dataSource, { email });
    const statuses = [];
    for (const app of [a, b, a, b])
      statuses.push((await new ApiClient(app.baseUrl).post('/api/auth/login', { email, password: 'fout' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
