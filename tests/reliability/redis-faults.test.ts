import { createServer } from 'node:net';
import { ApiClient } from '../support/api-client';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { makeUser, PASSWORD } from '../factories';

const REDIS_PORT = 6379;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on: Redis "down from the start". */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** One login, timed. */
async function login(t: TestApp, email: string, password = PASSWORD) {
  const started = Date.now();
  const response = await new ApiClient(t.baseUrl).post('/api/auth/login', { email, password });
  return { status: response.status, ms: Date.now() - started };
}

const rateLimiterState = async (t: TestApp) => (await new ApiClient(t.baseUrl).get('/api/health')).body.rateLimiter;

async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await sleep(100);
  }
  return Date.now() - started;
}

/** No plain-text "[ioredis] Unhandled error event" lines: only the product's JSON log. */
function plainTextErrors(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const spies = [jest.spyOn(console, 'error'), jest.spyOn(console, 'warn')].map((spy) =>
    spy.mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
  );
  return { lines, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

describe('Redis unreachable (REDIS_URL set)', () => {
  it('down from the start: logins are counted in memory, answered fast, never 500; health and log say so', async () => {
    const plain = plainTextErrors();
    const t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, LOGIN_RATE_LIMIT: '3' });
    try {
      const user = await makeUser(t.dataSource);
      const answers = [await login(t, user.email!), await login(t, user.email!)];
      for (let i = 0; i < 4; i++) answers.push(await login(t, 'iemand@redis.test', 'verkeerd-wachtwoord'));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 401, 401, 429]);
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1000);
      expect(await rateLimiterState(t)).toBe('memory (redis unreachable)');
      const warnings = t.logs.map((line) => JSON.parse(line)).filter((l) => /redis unreachable/.test(l.msg ?? ''));
      expect(warnings.length).toBe(1);
      expect(warnings[0].level).toBe('warn');
      expect(plain.lines.filter((line) => /ioredis/i.test(line))).toEqual([]);
      process.stdout.write(`redis down from start: logins ${answers.map((a) => `${a.status}/${a.ms}ms`).join(' ')}\n`);
    } finally {
      await t.close();
      plain.restore();
    }
  });

  describe('cut or black-holed while running', () => {
    let proxy: TcpProxy;
    let t: TestApp;
    let email: string;
    beforeAll(async () => {
      proxy = await TcpProxy.start(REDIS_PORT);
      t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${proxy.port}`, LOGIN_RATE_LIMIT: '200' });
      email = (await makeUser(t.dataSource)).email!;
    });
    afterAll(async () => {
      await t.close();
      await proxy.close();
    });

    for (const fault of ['reset', 'blackhole'] as const) {
      it(`${fault}: logins answer within a second, never 500; health says memory, then redis again`, async () => {
        proxy.set('pass');
        await until(
          async () => (await login(t, email)).status === 200 && (await rateLimiterState(t)) === 'redis',
          10_000,
        );
        proxy.set(fault);
        const answers = [];
        for (let i = 0; i < 8; i++) answers.push(await login(t, email));
        expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
        expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1000);
        expect(await rateLimiterState(t)).toBe('memory (redis unreachable)');
        proxy.set('pass');
        // Back in Redis by itself, without a restart.
        const back = await until(
          async () => (await login(t, email)).status === 200 && (await rateLimiterState(t)) === 'redis',
          10_000,
        );
        process.stdout.write(
          `redis ${fault}: logins ${answers.map((a) => `${a.status}/${a.ms}ms`).join(' ')}; back in redis after ` +
            `${back} ms\n`,
        );
      }, 60_000);
    }
  });
});
