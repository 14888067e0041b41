import { Client } from 'pg';
import { ApiClient, ApiResponse, expectProblem } from '../support/api-client';
import { TcpProxy } from '../support/tcp-proxy';
import { freshDatabase, POSTGRES_URL, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';

const postgresOnly = POSTGRES_URL ? describe : describe.skip;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writers that keep writing until `stop()`; every answer is kept with the title it wrote and how long it took. */
function writers(client: ApiClient, labId: number, prefix: string, count: number) {
  const answers: { title: string; response: ApiResponse; ms: number; at: number }[] = [];
  let going = true;
  let n = 0;
  const loops = Array.from({ length: count }, async () => {
    while (going) {
      const title = `${prefix}${n++}`;
      const at = Date.now();
      const response = await client.post(`/api/labs/${labId}/experiments`, { title, description: 'x' });
      answers.push({ title, response, ms: Date.now() - at, at });
      if (response.status !== 201) await sleep(50);
    }
  });
  return {
    answers,
    stop: async () => {
      going = false;
      await Promise.all(loops);
    },
  };
}

postgresOnly('PostgreSQL lost (reset) or silent (black-holed) between the app and the database', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let schema: string;
  let client: ApiClient;
  let labId: number;
  beforeAll(async () => {
    const url = new URL(POSTGRES_URL!);
    proxy = await TcpProxy.start(Number(url.port || 5432), url.hostname);
    const database = freshDatabase();
    schema = database.env['DATABASE_SCHEMA'];
    const proxied = new URL(POSTGRES_URL!);
    proxied.port = String(proxy.port);
    t = await startTestApp(
      { LOGIN_RATE_LIMIT: '1000', DATABASE_STATEMENT_TIMEOUT_MS: '2000', DATABASE_CONNECT_TIMEOUT_MS: '1000' },
      { env: { ...database.env, DATABASE_URL: proxied.toString() }, drop: database.drop },
    );
    const coordinator = await makeUser(t.dataSource);
    const lab = await makeLab(t.dataSource, { name: 'Verbinding' });
    labId = lab.id;
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    client = new ApiClient(t.baseUrl);
    await client.login(coordinator.email!, PASSWORD);
  });
  afterAll(async () => {
    proxy.set('pass');
    await t.close();
    await proxy.close();
  });

  /** What another connection (not through the proxy) finds stored. */
  async function present(prefix: string): Promise<Set<string>> {
    const direct = new Client({ connectionString: POSTGRES_URL });
    await direct.connect();
    try {
      const { rows } = await direct.query(`SELECT title FROM "${schema}".experiments WHERE title LIKE $1`, [
        `${prefix}%`,
      ]);
      return new Set(rows.map((r: { title: string }) => r.title));
    } finally {
      await direct.end();
    }
  }

  for (const fault of ['reset', 'blackhole'] as const) {
    it(`${fault}: 503 with Retry-After within seconds, health says unreachable fast, loses nothing`, async () => {
      proxy.set('pass');
      const prefix = `${fault} `;
      const run = writers(client, labId, prefix, 6);
      await sleep(500);
      const cut = Date.now();
      proxy.set(fault);
      await sleep(300);
      // As a load balancer asks: without a session (a session is looked up in the database).
      const healthStarted = Date.now();
      const health = await new ApiClient(t.baseUrl).get('/api/health');
      const healthMs = Date.now() - healthStarted;
      await sleep(6000 - (Date.now() - cut));
      proxy.set('pass');
      const restored = Date.now();
      let recovery = -1;
      while (Date.now() - restored < 15_000) {
        if (run.answers.some((a) => a.at > restored && a.response.status === 201)) {
          recovery = Date.now() - restored;
          break;
        }
        await sleep(50);
      }
      await sleep(300);
      await run.stop();

      expect({ status: health.status, database: health.body.database }).toEqual({
        status: 503,
        database: 'unreachable',
      });
      expect(healthMs).toBeLessThan(2500);
      const statuses = run.answers.map((a) => a.response.status);
      const count = (status: number) => statuses.filter((s) => s === status).length;
      expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
      const refused = run.answers.find((a) => a.response.status === 503)!;
      expectProblem(refused.response, 503, 'database_unavailable');
      expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
      // No request waited much beyond the client's read timeout (statement timeout + 1 s, here 3 s).
      const slowest = Math.max(...run.answers.map((a) => a.ms));
      expect(slowest).toBeLessThan(5000);
      expect(recovery).toBeGreaterThanOrEqual(0);
      const acknowledged = run.answers.filter((a) => a.response.status === 201).map((a) => a.title);
      const stored = await present(prefix);
      expect(acknowledged.filter((title) => !stored.has(title))).toEqual([]);
      process.stdout.write(
        `postgres ${fault} 6 s: ${count(201)} × 201, ${count(503)} × 503, ${acknowledged.length} acknowledged, ` +
          `all present; health ${health.status} in ${healthMs} ms; slowest answer ${slowest} ms; ` +
          `writes back ${recovery} ms after the network was\n`,
      );
    }, 90_000);
  }
});

postgresOnly('a session elsewhere holding a lock (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DATABASE_LOCK_TIMEOUT_MS: '500', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1500' });
  });
  afterAll(() => t.close());

  it('waits at most the lock timeout, then 503 database_busy; the timeouts are set on every session', async () => {
    const settings = await t.dataSource.query(
      "SELECT current_setting('lock_timeout') AS lock, " +
        "current_setting('idle_in_transaction_session_timeout') AS idle, " +
        "current_setting('statement_timeout') AS statement",
    );
    expect(settings).toEqual([{ lock: '500ms', idle: '1500ms', statement: '15s' }]);
    const coordinator = await makeUser(t.dataSource);
    const lab = await makeLab(t.dataSource, { name: 'Vergrendeld' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    const client = new ApiClient(t.baseUrl);
    await client.login(coordinator.email!, PASSWORD);
    const { version } = (await client.get(`/api/labs/${lab.id}`)).body;
    // Another instance's session (with the same setting), stalled in a transaction that holds the lab's row.
    const stalled = new Client({ connectionString: POSTGRES_URL, idle_in_transaction_session_timeout: 1500 });
    await stalled.connect();
    stalled.on('error', () => undefined);
    await stalled.query(`SET search_path = "${t.config.DATABASE_SCHEMA}"`);
    await stalled.query('BEGIN');
    await stalled.query('SELECT id FROM labs WHERE id = $1 FOR UPDATE', [lab.id]);
    try {
      const started = Date.now();
      const blocked = await client.patch(`/api/labs/${lab.id}`, { version, name: 'Toch veranderd' });
      const waited = Date.now() - started;
      expectProblem(blocked, 503, 'database_busy');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(waited).toBeLessThan(2000);
      // The server ends the stalled session (idle in transaction), which releases the lock: the save goes through.
      await sleep(2000);
      const saved = await client.patch(`/api/labs/${lab.id}`, { version, name: 'Toch veranderd' });
      expect(saved.status).toBe(200);
      process.stdout.write(
        `lock held elsewhere: 503 database_busy after ${waited} ms; saved after the session ended\n`,
      );
    } finally {
      await stalled.end().catch(() => undefined);
    }
  });
});

postgresOnly('migrations under a short statement timeout (PostgreSQL)', () => {
  it('run without the timeouts on their own connection, while every other statement keeps them', async () => {
    // 100 ms: less than the first migration takes on an empty schema.
    const t = await startTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '100' });
    try {
      await expect(t.dataSource.query('SELECT pg_sleep(0.5)')).rejects.toThrow(/statement timeout/);
      expect((await new ApiClient(t.baseUrl).get('/api/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
