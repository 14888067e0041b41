import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client as PgClient } from 'pg';
import { SseConnection } from '../support/sse';

/**
 * The live dialogues' benchmark (issue #17): phones on one table's phone stream, notes let through by the
 * facilitator at a steady pace, and the time from each moderation being sent to its event arriving on every
 * connected phone; memory per connected phone; every event exactly once on every phone while a tenth of them drop
 * and reconnect with Last-Event-ID. On the embedded SQLite, and (when a PostgreSQL answers) on two instances with
 * half the phones on each. Each beside a bare node:http SSE server sending the same events to as many clients.
 */

// Compiled to dist/bench/tests/bench.
const ROOT = join(__dirname, '..', '..', '..', '..');
const ADMIN = { email: 'bench-tafel@example.nl', password: 'bench-tafel-wachtwoord-2026' };
const SQLITE_BUDGET_MS = 500;
const POSTGRES_BUDGET_MS = 1000;
/** Phones join from several loopback addresses, as from a few venue networks (joins are limited per address). */
const ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);

export interface DialogueBenchOptions {
  minutes: number;
  phones: number;
  notesPerMinute: number;
  baselineSeconds: number;
  postgresUrl: string;
  postgres: 'auto' | 'skip';
}

/** `--dialogue-minutes 10` or `--dialogue-minutes=10`, and the others alike. */
export function dialogueOptions(argv: string[]): DialogueBenchOptions {
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  };
  return {
    minutes: Number(value('dialogue-minutes') ?? 2),
    phones: Number(value('dialogue-phones') ?? 300),
    notesPerMinute: Number(value('dialogue-notes-per-minute') ?? 60),
    baselineSeconds: Number(value('dialogue-baseline-seconds') ?? 30),
    postgresUrl:
      value('url') ??
      process.env['BENCH_DATABASE_URL'] ??
      process.env['DATABASE_URL'] ??
      'postgres://postgres@127.0.0.1:5432/test',
    postgres: value('dialogue-postgres') === 'skip' ? 'skip' : 'auto',
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const agent = new Agent({ keepAlive: true });

interface Answer {
  status: number;
  cookies: string[];
  body: unknown;
}

/** A request over node:http (keep-alive, or from a chosen local address). */
function call(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: unknown; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      url,
      {
        method,
        agent: options.localAddress ? false : agent,
        localAddress: options.localAddress,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]),
            body: text && String(res.headers['content-type']).includes('json') ? JSON.parse(text) : text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** The Node.js flags `npm start` passes (package.json), so the server runs exactly as it is started. */
const START_FLAGS = (
  /node ((?:--[\w-]+(?:=\S+)?\s+)*)dist\/backend\/main\.js/.exec(
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start,
  )?.[1] ?? ''
)
  .split(/\s+/)
  .filter(Boolean);

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const inherited = { ...process.env };
  // The database is the one named here: SQLite unless `env` names a PostgreSQL.
  for (const key of ['DATABASE_URL', 'DATABASE_SCHEMA', 'DATABASE_LISTEN_URL', 'SQLITE_PATH']) delete inherited[key];
  const child = spawn(process.execPath, [...START_FLAGS, join(ROOT, 'dist', 'backend', 'main.js')], {
    env: {
      ...inherited,
      PORT: String(port),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'error',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT: '100000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      /* starting */
    }
    await sleep(100);
  }
  throw new Error('server did not start');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** One connected client: every message it took, on which of its connections, and when each connection opened. */
class Follower {
  readonly ids: number[] = [];
  readonly at: number[] = [];
  readonly connectionOf: number[] = [];
  readonly opened: number[] = [];
  readonly data: string[] = [];
  connection?: SseConnection;
  reconnects = 0;

  constructor(
    readonly url: string,
    readonly headers: Record<string, string>,
  ) {}

  get last(): number | undefined {
    return this.ids.at(-1);
  }

  async connect(): Promise<void> {
    const index = this.opened.length;
    this.opened.push(performance.now());
    this.connection = await SseConnection.open(this.url, {
      headers: this.headers,
      lastEventId: this.last,
      onMessage: (message) => {
        if (message.id !== undefined) {
          this.ids.push(message.id);
          this.at.push(message.at);
          this.connectionOf.push(index);
        }
        if (message.data) this.data.push(message.data);
      },
    });
  }

  async drop(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  /**
   * When event `id` (or a later one, which stands for it: a stream sends one id for events its viewer does not see)
   * arrived on the connection that was open when it was sent; undefined when that connection dropped meanwhile.
   */
  arrival(id: number, sent: number): number | undefined {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.ids.length) return undefined;
    const connection = this.connectionOf[lo];
    const openedBefore = this.opened[connection] <= sent && (this.opened[connection + 1] ?? Infinity) > sent;
    return openedBefore ? this.at[lo] : undefined;
  }
}

/** What one setup under test offers the load: its streams, one way to let a note through, and its checks. */
interface Target {
  name: string;
  followers: Follower[];
  /** Lets note `i` through; `key` names its event for `resolve`. */
  send(i: number): Promise<{ key: number; sent: number; answered: number }>;
  /** The event id of each key (the moderation's event in the log). */
  resolve(keys: number[]): Promise<Map<number, number>>;
  lastEventId(): Promise<number>;
  /** Whether each follower's data over all its connections is what it may see, each once. */
  checkData(follower: Follower, index: number): Promise<boolean>;
  memoryMb(): number;
}

interface Outcome {
  name: string;
  clients: number;
  events: number;
  samples: number;
  p50: number;
  p99: number;
  max: number;
  answerP50: number;
  answerP99: number;
  mbPerClient: number;
  reconnects: number;
  lost: number;
  doubled: number;
  wrongData: number;
  seconds: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN;

async function measure(
  target: Target,
  seconds: number,
  notesPerMinute: number,
  memoryBefore: number,
): Promise<Outcome> {
  const { followers } = target;
  for (let i = 0; i < followers.length; i += 50) await Promise.all(followers.slice(i, i + 50).map((f) => f.connect()));
  await sleep(3000);
  const mbPerClient = (target.memoryMb() - memoryBefore) / followers.length;

  let running = true;
  // A tenth of the clients drop now and then and come back a moment later, resuming with Last-Event-ID.
  const unsteady = followers.filter((_, i) => i % 10 === 9);
  const dropping = unsteady.map(async (follower) => {
    while (running) {
      const until = performance.now() + 3000 + Math.random() * 12_000;
      while (running && performance.now() < until) await sleep(100);
      if (!running) break;
      await follower.drop();
      await sleep(200 + Math.random() * 1800);
      follower.reconnects++;
      await follower.connect();
    }
  });

  const interval = 60_000 / notesPerMinute;
  const count = Math.max(1, Math.round((seconds * 1000) / interval));
  const sends: { key: number; sent: number; answered: number }[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = started + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    sends.push(await target.send(i));
  }
  running = false;
  await Promise.all(dropping);
  const final = await target.lastEventId();
  const until = Date.now() + 30_000;
  while (followers.some((f) => f.last !== final) && Date.now() < until) await sleep(50);
  await Promise.all(followers.map((f) => f.drop()));

  const ids = await target.resolve(sends.map((s) => s.key));
  const lags: number[] = [];
  for (const s of sends) {
    const id = ids.get(s.key);
    if (id === undefined) throw new Error(`no event for ${s.key}`);
    for (const f of followers) {
      const at = f.arrival(id, s.sent);
      if (at !== undefined) lags.push(at - s.sent);
    }
  }
  lags.sort((a, b) => a - b);
  const answers = sends.map((s) => s.answered - s.sent).sort((a, b) => a - b);
  let wrongData = 0;
  for (let i = 0; i < followers.length; i++) if (!(await target.checkData(followers[i], i))) wrongData++;
  return {
    name: target.name,
    clients: followers.length,
    events: sends.length,
    samples: lags.length,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max: lags.at(-1) ?? NaN,
    answerP50: percentile(answers, 50),
    answerP99: percentile(answers, 99),
    mbPerClient,
    reconnects: followers.reduce((n, f) => n + f.reconnects, 0),
    lost: followers.filter((f) => f.last !== final).length,
    doubled: followers.filter((f) => f.ids.some((id, i) => i > 0 && id <= f.ids[i - 1])).length,
    wrongData,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The baseline: a bare node:http SSE server with as many clients, the same events at the same pace. */
async function baseline(clients: number, seconds: number, notesPerMinute: number): Promise<Outcome> {
  const port = await freePort();
  const child = fork(join(__dirname, 'sse-baseline-server.js'), [String(port)], { stdio: 'inherit' });
  await new Promise((resolve) => child.once('message', resolve));
  const base = `http://127.0.0.1:${port}`;
  let published = 0;
  const publish = async (body: unknown) => {
    await call('POST', `${base}/publish`, { body });
    return ++published;
  };
  const target: Target = {
    name: 'bare node:http SSE server',
    followers: Array.from({ length: clients }, () => new Follower(`${base}/events`, {})),
    async send(i) {
      const note = { id: i + 1, prompt: 'ontkiemd', text: `Notitie ${i}: de buurt kwam samen aan tafel` };
      await publish({ id: published + 1, type: 'note', note: { ...note, status: 'pending' } });
      const sent = performance.now();
      const key = await publish({ id: published + 1, type: 'note', note });
      return { key, sent, answered: performance.now() };
    },
    resolve: async (keys) => new Map(keys.map((k) => [k, k])),
    lastEventId: async () => published,
    checkData: async (f) => f.data.length === published && f.data.every((d, i) => JSON.parse(d).id === i + 1),
    memoryMb: () => rssMb(child.pid!),
  };
  const before = rssMb(child.pid!);
  try {
    return await measure(target, seconds, notesPerMinute, before);
  } finally {
    await stop(child);
  }
}

interface Instance {
  base: string;
  child: ChildProcess;
}

/** A table on the API: the facilitator on the first instance, phones joined on each instance in turn. */
async function apiTarget(
  name: string,
  instances: Instance[],
  phones: number,
): Promise<{ target: Target; memoryBefore: number }> {
  const [first] = instances;
  const session = await call('GET', `${first.base}/api/auth/session`);
  const csrf = session.cookies.find((c) => c.startsWith('csrf='))!.slice(5);
  const login = await call('POST', `${first.base}/api/auth/login`, {
    headers: { cookie: `csrf=${csrf}`, 'x-csrf-token': csrf },
    body: ADMIN,
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  const cookie = login.cookies.join('; ');
  const token = /csrf=([^;]+)/.exec(cookie)?.[1] ?? csrf;
  const staff = { cookie, 'x-csrf-token': token };
  const lab = await call('POST', `${first.base}/api/labs`, {
    headers: staff,
    body: {
      name: 'Benchmark tafels',
      question: 'Hoe snel komt een notitie op elke telefoon?',
      aim: 'Binnen een halve seconde.',
      municipality: 'Utrecht',
      themes: ['encounter'],
    },
  });
  if (lab.status !== 201) throw new Error(`lab: ${lab.status} ${JSON.stringify(lab.body)}`);
  const labId = (lab.body as { id: number }).id;
  const table = await call('POST', `${first.base}/api/labs/${labId}/dialogues`, {
    headers: staff,
    body: { kind: 'focustafel', title: 'Benchmark' },
  });
  const { id: dialogueId, joinCode } = table.body as { id: number; joinCode: string };
  const tokens: string[] = [];
  const csrfs: Record<string, string>[] = [];
  const followers: Follower[] = [];
  for (let i = 0; i < phones; i++) {
    const instance = instances[i % instances.length];
    // The double-submit CSRF pair a phone's browser holds (any value the cookie and the header agree on).
    const phoneCsrf = { cookie: `csrf=benchphonecsrf${i}`, 'x-csrf-token': `benchphonecsrf${i}` };
    csrfs.push(phoneCsrf);
    const joined = await call('POST', `${instance.base}/api/dialogues/join`, {
      headers: phoneCsrf,
      body: { code: joinCode, displayName: `Telefoon ${i}` },
      localAddress: ADDRESSES[i % ADDRESSES.length],
    });
    if (joined.status !== 200) throw new Error(`join ${i}: ${joined.status} ${JSON.stringify(joined.body)}`);
    const tafel = joined.cookies.find((c) => c.startsWith('tafel='))!.slice(6);
    tokens.push(tafel);
    followers.push(new Follower(`${instance.base}/api/dialogue-joiners/me/events`, { 'x-tafel-token': tafel }));
  }
  const memory = () => instances.reduce((mb, instance) => mb + rssMb(instance.child.pid!), 0);
  await sleep(2000);
  const memoryBefore = memory();
  const target: Target = {
    name,
    followers,
    async send(i) {
      const author = i % phones;
      const posted = await call('POST', `${instances[author % instances.length].base}/api/dialogue-joiners/me/notes`, {
        headers: { ...csrfs[author], 'x-tafel-token': tokens[author] },
        body: {
          clientId: `bench-note-${i}`,
          prompt: 'ontkiemd',
          text: `Notitie ${i}: de buurt kwam samen aan tafel`,
          consent: 'public',
        },
      });
      if (posted.status !== 200) throw new Error(`note: ${posted.status} ${JSON.stringify(posted.body)}`);
      const noteId = (posted.body as { id: number }).id;
      const sent = performance.now();
      const moderated = await call('POST', `${first.base}/api/dialogues/${dialogueId}/notes/${noteId}/moderate`, {
        headers: staff,
        body: { status: 'shown' },
      });
      if (moderated.status !== 204) throw new Error(`moderate: ${moderated.status}`);
      return { key: noteId, sent, answered: performance.now() };
    },
    async resolve() {
      const all = await call('GET', `${first.base}/api/dialogues/${dialogueId}/events`, { headers: staff });
      const events = (all.body as { events: { id: number; note?: { id: number; status: string } }[] }).events;
      return new Map(events.filter((e) => e.note?.status === 'shown').map((e) => [e.note!.id, e.id]));
    },
    async lastEventId() {
      const all = await call('GET', `${first.base}/api/dialogues/${dialogueId}/events`, { headers: staff });
      return (all.body as { lastEventId: number }).lastEventId;
    },
    async checkData(follower, index) {
      const mine = await call('GET', `${instances[index % instances.length].base}/api/dialogue-joiners/me/events`, {
        headers: { 'x-tafel-token': tokens[index] },
      });
      const expected = (mine.body as { events: unknown[] }).events.map((e) => JSON.stringify(e));
      return JSON.stringify(follower.data) === JSON.stringify(expected);
    },
    memoryMb: memory,
  };
  return { target, memoryBefore };
}

const withoutUser = (url: string) => url.replace(/\/\/[^@]*@/, '//');

async function reachable(url: string): Promise<boolean> {
  const client = new PgClient({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface Row {
  what: string;
  outcome: Outcome;
  baseline: Outcome;
  budget: number;
}

export async function benchDialogues(options: DialogueBenchOptions): Promise<number> {
  const seconds = options.minutes * 60;
  const rows: Row[] = [];
  const say = (text: string) => process.stdout.write(`${text}\n`);

  say(
    `Dialogues: ${options.phones} phones, ${options.notesPerMinute} notes a minute, ${options.minutes} min on SQLite …`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'bench-tafels-'));
  try {
    const server = await startServer({ SQLITE_PATH: join(dir, 'tafels.sqlite') });
    try {
      const { target, memoryBefore } = await apiTarget('API on SQLite, one instance', [server], options.phones);
      const outcome = await measure(target, seconds, options.notesPerMinute, memoryBefore);
      say(`  ${JSON.stringify(outcome)}`);
      say(`  baseline, ${options.baselineSeconds} s …`);
      const base = await baseline(options.phones, options.baselineSeconds, options.notesPerMinute);
      say(`  ${JSON.stringify(base)}`);
      rows.push({ what: 'SQLite, one instance', outcome, baseline: base, budget: SQLITE_BUDGET_MS });
    } finally {
      await stop(server.child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  let postgresNote = '';
  if (options.postgres === 'skip') postgresNote = 'PostgreSQL part skipped (`--dialogue-postgres=skip`).';
  else if (!(await reachable(options.postgresUrl)))
    postgresNote = `PostgreSQL part not run: no PostgreSQL answered at ${withoutUser(options.postgresUrl)}.`;
  else {
    say(`Dialogues on PostgreSQL, two instances, ${options.minutes} min …`);
    const schema = 'bench_dialogues';
    const pg = new PgClient({ connectionString: options.postgresUrl });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pg.end();
    const env = { DATABASE_URL: options.postgresUrl, DATABASE_SCHEMA: schema };
    const a = await startServer(env);
    const b = await startServer(env);
    try {
      const { target, memoryBefore } = await apiTarget('API on PostgreSQL, two instances', [a, b], options.phones);
      const outcome = await measure(target, seconds, options.notesPerMinute, memoryBefore);
      say(`  ${JSON.stringify(outcome)}`);
      say(`  baseline, ${options.baselineSeconds} s …`);
      const base = await baseline(options.phones, options.baselineSeconds, options.notesPerMinute);
      say(`  ${JSON.stringify(base)}`);
      rows.push({
        what: 'PostgreSQL, two instances (half the phones on each, facilitator on the first)',
        outcome,
        baseline: base,
        budget: POSTGRES_BUDGET_MS,
      });
    } finally {
      await stop(a.child);
      await stop(b.child);
      const clean = new PgClient({ connectionString: options.postgresUrl });
      await clean.connect();
      await clean.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await clean.end();
    }
  }

  const machine =
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`;
  const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
  const exact = (o: Outcome) => o.lost === 0 && o.doubled === 0 && o.wrongData === 0;
  const passes = (r: Row) => r.outcome.p99 < r.budget && exact(r.outcome);
  const lines = [
    '## Live dialogues (tafels)',
    '',
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine}, ` +
      'against the real server started as `npm start` does. ' +
      `${options.phones} phones joined to one table, each following its phone stream; ` +
      `${options.notesPerMinute} notes a minute posted by the phones in turn and let through by the facilitator, for ` +
      `${options.minutes} min; a tenth of the phones drop their connection every 3–15 s and come back 0.2–2 s later ` +
      'with Last-Event-ID. Latency: from sending the moderation to the event (or the id that stands for it) arriving ' +
      'on each phone connected when it was sent. Baseline: a bare node:http SSE server in its own process sending ' +
      `the same events to as many clients, at the same pace, for ${options.baselineSeconds} s. ` +
      `Command: \`npm run bench -- --dialogue-minutes ${options.minutes}\`.`,
    '',
    '| what | p50 ms | p99 ms | max ms | baseline p50 / p99 ms | moderation answered p50 / p99 ms | ' +
      'memory per phone | baseline per client | reconnects | lost / doubled / wrong | budget | result |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.what} (${r.outcome.events} notes, ${r.outcome.samples} arrivals) | ${ms(r.outcome.p50)} ` +
        `| ${ms(r.outcome.p99)} | ${ms(r.outcome.max)} | ${ms(r.baseline.p50)} / ${ms(r.baseline.p99)} ` +
        `| ${ms(r.outcome.answerP50)} / ${ms(r.outcome.answerP99)} | ${(r.outcome.mbPerClient * 1024).toFixed(0)} kB ` +
        `| ${(r.baseline.mbPerClient * 1024).toFixed(0)} kB | ${r.outcome.reconnects} ` +
        `| ${r.outcome.lost} / ${r.outcome.doubled} / ${r.outcome.wrongData} ` +
        `(baseline ${r.baseline.lost} / ${r.baseline.doubled} / ${r.baseline.wrongData}) ` +
        `| p99 < ${r.budget} ms, none lost or doubled | ${passes(r) ? 'pass' : '**FAIL**'} |`,
    ),
    '',
    ...(postgresNote ? [postgresNote, ''] : []),
  ];
  writeFileSync(join(ROOT, 'docs', 'benchmark-dialogues.md'), lines.join('\n'));
  say(lines.join('\n'));
  const failed = rows.filter((r) => !passes(r)).length;
  say(failed ? `dialogues: ${failed} budget(s) not met` : 'dialogues: all budgets met');
  return failed;
}

if (require.main === module)
  benchDialogues(dialogueOptions(process.argv.slice(2))).then(
    (failed) => process.exit(failed ? 1 : 0),
    (error) => {
      process.stderr.write(String(error?.stack ?? error) + '\n');
      process.exit(1);
    },
  );
