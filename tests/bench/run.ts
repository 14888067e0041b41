import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { resultsQueries } from '../../backend/src/evaluations/round-results.repository';
import { audiencesFor } from '../../backend/src/observations/visibility';
import { chartQueries } from '../../backend/src/story/story.service';
import { benchDialogues, dialogueOptions } from './dialogues';
import { positional } from './positional';
import { BENCH_USER, dropSamples, generatePostgres, generateSqlite, ScaleName } from './generate';

// Compiled to dist/bench/tests/bench.
const ROOT = join(__dirname, '..', '..', '..', '..');
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const SCALE = (args.get('scale') ?? 'sqlite') as ScaleName;
const POSTGRES = SCALE === 'national' || args.get('db') === 'postgres';
const PG_URL = args.get('url') ?? process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_SCHEMA = `bench_${SCALE}`;
const FILE = args.get('file') ?? join(ROOT, 'data', `bench-${SCALE}.sqlite`);
const WORK_FILE = join(tmpdir(), `bench-${SCALE}-run.sqlite`);
const DURATION = Number(args.get('duration') ?? 5);
const CONNECTIONS = 10;
const READ_BUDGET = POSTGRES ? 100 : 50;

interface Figure {
  name: string;
  p50: number;
  p99: number;
  rps: number;
  baseline?: { kind: string; p50: number; p99: number };
  budget?: { what: string; limit: number; value: number; pass: boolean };
  note?: string;
}

/**
 * The issue budgets writes, the import, the compute ratios and memory on the SQLite dataset; at national scale only the
 * reads.
 */
const SQLITE_ONLY = 'budgeted on the SQLite dataset only';

/** Where the servers under test (the API and the driver server) find the dataset. */
const DATABASE_ENV: Record<string, string> = POSTGRES
  ? { DATABASE_URL: PG_URL, DATABASE_SCHEMA: PG_SCHEMA }
  : { SQLITE_PATH: WORK_FILE };

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** The Node.js flags `npm start` passes (package.json), so the benchmark runs the server exactly as it is started. */
const START_FLAGS = (
  /node ((?:--[\w-]+(?:=\S+)?\s+)*)dist\/backend\/main\.js/.exec(
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start,
  )?.[1] ?? ''
)
  .split(/\s+/)
  .filter(Boolean);

async function startServer(port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...START_FLAGS, join(ROOT, 'dist', 'backend', 'main.js')], {
    env: {
      ...process.env,
      ...DATABASE_ENV,
      PORT: String(port),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'error',
      LOGIN_RATE_LIMIT: '100000',
      ...env,
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function stopServer(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

function peakMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function load(
  url: string,
  options: Partial<autocannon.Options> = {},
): Promise<{ p50: number; p99: number; rps: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...options });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** One client, one request after another, timed to the microsecond (autocannon rounds to whole milliseconds). */
async function sequential(
  url: string,
  headers: Record<string, string>,
  runs = 300,
): Promise<{ p50: number; p99: number; times: number[]; computed: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const computed: number[] = [];
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      request(url, { agent, headers }, (res) => {
        // The server's own time for computing the answer (Server-Timing: compute;dur=…), when it computed one.
        const dur = /compute;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
        if (dur) computed.push(Number(dur[1]));
        res.on('data', () => undefined);
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Number(process.hrtime.bigint() - t0) / 1e6)
            : reject(new Error(`${url}: ${res.statusCode}`)),
        );
      })
        .on('error', reject)
        .end();
    });
  // Warm up, then as many runs as fit in about ten seconds (at least 30, at most `runs`).
  let warm = 0;
  for (let i = 0; i < 10; i++) warm = await once();
  runs = Math.max(30, Math.min(runs, Math.floor(10_000 / Math.max(warm, 0.1))));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  agent.destroy();
  const measured = computed.slice(10);
  return { ...percentiles([...times]), times, computed: measured };
}

/**
 * GETs of `urls` in turn, one after another from each of `clients` clients, until `until` settles: their times in
 * ms.
 */
async function readsUntil(
  until: Promise<unknown>,
  urls: string[],
  headers: Record<string, string>,
  clients = 4,
): Promise<{ times: number[]; failed: number }> {
  let done = false;
  void until.then(
    () => (done = true),
    () => (done = true),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const times: number[] = [];
  let failed = 0;
  const once = (url: string) =>
    new Promise<void>((resolve) => {
      const t0 = process.hrtime.bigint();
      request(url, { agent, headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          if (res.statusCode === 200) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          else failed++;
          resolve();
        });
      })
        .on('error', () => (failed++, resolve()))
        .end();
    });
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; !done; i++) await once(urls[i % urls.length]);
    }),
  );
  agent.destroy();
  return { times, failed };
}

/** p50 and p99 of some timings. */
function percentiles(times: number[]): { p50: number; p99: number } {
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)], p99: times[Math.floor(times.length * 0.99)] };
}

/**
 * A baseline server in its own process, started with `args` and answering every request with `body`: it reads the body
 * from BODY_FILE, listens on PORT and says "up" over IPC. Stopping it removes the body's temporary file.
 */
async function childServer(
  args: string[],
  body: string,
  env: Record<string, string>,
): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const file = join(tmpdir(), `bench-body-${port}`);
  writeFileSync(file, body);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, BODY_FILE: file, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const stop = () => (child.kill(), rmSync(file, { force: true }));
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => (stop(), reject(new Error(`${args.join(' ').slice(0, 60)}: stopped (${code})`))));
  });
  return { url: `http://127.0.0.1:${port}/`, stop };
}

/** A bare HTTP server in its own process that returns the same bytes: the floor for any HTTP answer of this size. */
function bare(body: string, contentType: string): Promise<{ url: string; stop: () => void }> {
  const code =
    "const b=require('fs').readFileSync(process.env.BODY_FILE);" +
    "require('http').createServer((q,s)=>{" +
    "s.writeHead(200,{'content-type':process.env.CONTENT_TYPE,'content-length':b.length});s.end(b)})" +
    ".listen(+process.env.PORT,'127.0.0.1',()=>process.send&&process.send('up'))";
  return childServer(['-e', code], body, { CONTENT_TYPE: contentType });
}

/**
 * The raw driver behind a bare HTTP server (driver-server.ts), running `statements` for every request and answering
 * with `body`.
 */
function driverServer(
  statements: [string, unknown[]][],
  body: string,
  contentType: string,
): Promise<{ url: string; stop: () => void }> {
  return childServer([join(__dirname, 'driver-server.js')], body, {
    ...DATABASE_ENV,
    STATEMENTS: JSON.stringify(statements),
    CONTENT_TYPE: contentType,
  });
}

/** The database straight through its driver (better-sqlite3 or pg), for the baselines and the test subjects. */
interface Raw {
  one<T>(sql: string, params?: unknown[]): Promise<T>;
  /**
   * The same SQL the API runs, one statement after another, rows as arrays as the API reads them, timed: the floor
   * for the aggregation itself.
   */
  time(statements: [string, unknown[]][], runs?: number): Promise<number[]>;
  close(): Promise<void>;
}

async function openRaw(): Promise<Raw> {
  if (POSTGRES) {
    const pg = new Client({ connectionString: PG_URL, options: `-c search_path=${PG_SCHEMA}` });
    await pg.connect();
    return {
      one: async (sql, params = []) => (await pg.query(sql, params)).rows[0],
      async time(statements, runs = 200) {
        const times: number[] = [];
        for (let i = 0; i < runs + 10; i++) {
          const t0 = process.hrtime.bigint();
          for (const [sql, params] of statements) await pg.query({ text: sql, values: params, rowMode: 'array' });
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          if (i === 9) runs = Math.max(30, Math.min(runs, Math.floor(10_000 / Math.max(ms, 0.1))));
          if (i >= 10) times.push(ms);
        }
        return times;
      },
      close: () => pg.end(),
    };
  }
  const db = new Database(WORK_FILE, { readonly: true });
  return {
    one: async (sql, params = []) => {
      const p = positional(sql, params);
      return db.prepare(p.sql).get(...p.params) as never;
    },
    async time(statements, runs = 200) {
      // Rows as arrays, as the API reads them for these aggregations (Db.rows).
      const prepared = statements.map(([sql, params]) => {
        const p = positional(sql, params);
        return { st: db.prepare(p.sql).raw(true), params: p.params };
      });
      const times: number[] = [];
      for (let i = 0; i < runs + 10; i++) {
        const t0 = process.hrtime.bigint();
        for (const { st, params } of prepared) st.all(...params);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (i === 9) runs = Math.max(30, Math.min(runs, Math.floor(10_000 / Math.max(ms, 0.1))));
        if (i >= 10) times.push(ms);
      }
      return times;
    },
    close: async () => {
      db.close();
    },
  };
}

/**
 * The SQL the API runs for the chart and the results aggregations (StoryService.computeCharts,
 * EvaluationsService.computeResults; the bench user sees every audience).
 */
const CHART_SQL = (lab: number): [string, unknown[]][] =>
  chartQueries(POSTGRES ? 'postgres' : 'sqlite').map((sql) => [sql, [lab]]);
const TEAM = audiencesFor('team');
const RESULTS_SQL = (round: number, lab: number): [string, unknown[]][] => {
  const sql = resultsQueries(POSTGRES ? 'postgres' : 'sqlite', TEAM.length);
  // The bench user is an administrator: the API reads the stories of every audience a lab's team may read.
  return [
    [sql.scores, [round]],
    [sql.groups, [round]],
    [sql.answers, [round]],
    [sql.nominations, [round, lab, ...TEAM]],
  ];
};

async function login(base: string): Promise<{ cookie: string; token: string }> {
  const first = await fetch(`${base}/api/auth/session`);
  const csrf = /csrf=([^;]+)/.exec(first.headers.getSetCookie().join(';'))![1];
  const auth = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify(BENCH_USER),
  });
  const cookie = auth.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, token: /csrf=([^;]+)/.exec(cookie)![1] };
}

async function main(): Promise<void> {
  if (POSTGRES) {
    const pg = new Client({ connectionString: PG_URL });
    await pg.connect();
    const exists = (
      await pg.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [
        PG_SCHEMA,
        'observations',
      ])
    ).rowCount;
    await pg.end();
    if (!exists || args.has('regenerate')) {
      process.stdout.write(`Generating the ${SCALE} dataset in PostgreSQL schema ${PG_SCHEMA} …\n`);
      const g = await generatePostgres(PG_URL, PG_SCHEMA, SCALE);
      process.stdout.write(`  ${JSON.stringify(g.rows)} in ${g.seconds.toFixed(1)} s\n`);
    }
  } else {
    if (!existsSync(FILE) || args.has('regenerate')) {
      process.stdout.write(`Generating the ${SCALE} dataset in ${FILE} …\n`);
      const g = await generateSqlite(FILE, SCALE);
      process.stdout.write(`  ${JSON.stringify(g.rows)} in ${g.seconds.toFixed(1)} s\n`);
    }
    // Every run starts from the generated data: the writes and the import below go to a copy.
    for (const f of [WORK_FILE, `${WORK_FILE}-wal`, `${WORK_FILE}-shm`]) rmSync(f, { force: true });
    copyFileSync(FILE, WORK_FILE);
    dropSamples(WORK_FILE);
  }

  const port = await freePort();
  let server = await startServer(port);
  let raw = await openRaw();
  // On PostgreSQL the dataset stays between runs: what this run writes is removed at the end.
  const lastGenerated = await raw.one<{ observations: number; history: number }>(
    'SELECT (SELECT COALESCE(MAX(id), 0) FROM observations) AS observations, ' +
      '(SELECT COALESCE(MAX(id), 0) FROM history) AS history',
  );
  const { lab } = await raw.one<{ lab: number }>(
    "SELECT o.lab_id AS lab FROM observations o JOIN labs l ON l.id = o.lab_id WHERE l.visibility = 'public' " +
      'GROUP BY o.lab_id ORDER BY COUNT(*) DESC LIMIT 1',
  );
  const { round } = await raw.one<{ round: number }>(
    'SELECT c.round_id AS round FROM contributions c JOIN evaluation_rounds r ON r.id = c.round_id ' +
      'WHERE r.lab_id = $1 GROUP BY c.round_id ORDER BY COUNT(*) DESC LIMIT 1',
    [lab],
  );
  const counts = await raw.one<Record<string, number>>(
    'SELECT (SELECT COUNT(*) FROM observations WHERE lab_id = $1) AS observations, ' +
      "(SELECT COUNT(*) FROM observations WHERE lab_id = $1 AND kind = 'story') AS stories, " +
      '(SELECT COUNT(*) FROM contributions WHERE round_id = $2) AS contributions',
    [lab, round],
  );
  const late = Math.max(0, Math.floor(Number(counts['stories']) * 0.75) - 50);
  const cursorRow = await raw.one<{ observed_on: string | Date; id: number }>(
    "SELECT observed_on, id FROM observations WHERE lab_id = $1 AND kind = 'story' " +
      'ORDER BY observed_on DESC, id DESC LIMIT 1 OFFSET $2',
    [lab, late - 1],
  );
  const cursorDate =
    typeof cursorRow.observed_on === 'string'
      ? cursorRow.observed_on
      : new Date(cursorRow.observed_on).toISOString().slice(0, 10);

  const base = `http://127.0.0.1:${port}`;
  const { cookie, token } = await login(base);
  const headers = { cookie };

  const reads: [string, string][] = [
    ['Lab overview', `/api/labs/${lab}`],
    ['Lab timeline', `/api/labs/${lab}/timeline`],
    ['Lab charts', `/api/labs/${lab}/charts`],
    ['Round results', `/api/rounds/${round}/results`],
    ['Library search', '/api/library?q=positief%20doel%20buurt'],
    ['Labs list, filtered', '/api/labs?theme=encounter&status=running&limit=50'],
    ['Observations, first page', `/api/labs/${lab}/observations?kind=story&limit=50`],
    [
      'Observations, late page (cursor)',
      `/api/labs/${lab}/observations?kind=story&limit=50&cursor=${cursorDate}~${cursorRow.id}`,
    ],
    ['Observations, late page (offset)', `/api/labs/${lab}/observations?kind=story&limit=50&offset=${late}`],
  ];
  const figures: Figure[] = [];
  const memoryAt: Record<string, number> = {};
  const bodies = new Map<string, { body: string; type: string }>();
  for (const [name, path] of reads) {
    const sample = await fetch(base + path, { headers });
    const body = await sample.text();
    if (!sample.ok) throw new Error(`${name}: ${sample.status} ${body.slice(0, 200)}`);
    bodies.set(path, { body, type: sample.headers.get('content-type') ?? 'application/json' });
    const api = await load(base + path, { headers });
    const floor = await bare(body, sample.headers.get('content-type') ?? 'application/json');
    const baseline = await load(floor.url);
    floor.stop();
    figures.push({
      name,
      ...api,
      baseline: { kind: 'bare HTTP, same bytes', p50: baseline.p50, p99: baseline.p99 },
      budget: {
        what: `p99 < ${READ_BUDGET} ms`,
        limit: READ_BUDGET,
        value: api.p99,
        pass: api.p99 < READ_BUDGET && api.errors === 0 && api.non2xx === 0,
      },
    });
    process.stdout.write(`  ${name}: p50 ${api.p50} ms, p99 ${api.p99} ms\n`);
  }

  memoryAt['reads'] = peakMemoryMb(server.pid!);
  const indicator = await raw.one<{ id: number; name: string }>(
    'SELECT id, name FROM indicators WHERE lab_id = $1 ORDER BY id LIMIT 1',
    [lab],
  );
  const write = await load(`${base}/api/labs/${lab}/observations`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': token },
    body: JSON.stringify({
      kind: 'measure',
      observedOn: '2026-01-01',
      indicatorId: indicator.id,
      value: 3,
      contextNote: 'bench',
    }),
  });
  memoryAt['writes'] = peakMemoryMb(server.pid!);
  const writeOk = write.errors === 0 && write.non2xx === 0;
  figures.push({
    name: 'Write an observation',
    ...write,
    ...(POSTGRES
      ? { note: `${SQLITE_ONLY}${writeOk ? '' : ' (errors!)'}` }
      : { budget: { what: 'p99 < 20 ms', limit: 20, value: write.p99, pass: write.p99 < 20 && writeOk } }),
  });

  const csv = [
    'kind;observed_on;indicator;value;context_note',
    ...Array.from(
      { length: 100_000 },
      (_, i) => `meting;2026-02-${String((i % 28) + 1).padStart(2, '0')};${indicator.name};${i % 50};import ${i}`,
    ),
  ].join('\n');
  const t0 = Date.now();
  const importing = fetch(`${base}/api/labs/${lab}/import/observations`, {
    method: 'POST',
    // A key of its own each run: the same file again on a kept data set would be refused as a repeat.
    headers: {
      ...headers,
      'content-type': 'text/csv',
      'x-csrf-token': token,
      'idempotency-key': `bench-${Date.now()}`,
    },
    body: csv,
  });
  // Meanwhile other people read: the lab's overview and its first page of stories, one request after another from each
  // of four clients.
  const during = await readsUntil(
    importing,
    [`${base}/api/labs/${lab}`, `${base}/api/labs/${lab}/observations?kind=story&limit=50`],
    headers,
  );
  const imported = await importing;
  const importSeconds = (Date.now() - t0) / 1000;
  const report = (await imported.json()) as { imported?: number };
  const reading = percentiles(during.times);
  const readsOk = during.failed === 0 && during.times.length > 0;
  figures.push({
    name: 'Reads during the import',
    ...reading,
    rps: during.times.length / importSeconds,
    ...(POSTGRES
      ? { note: `${SQLITE_ONLY} (p99 ${reading.p99.toFixed(1)} ms)` }
      : {
          budget: {
            what: 'p99 < 100 ms',
            limit: 100,
            value: Number(reading.p99.toFixed(1)),
            pass: readsOk && reading.p99 < 100,
          },
        }),
  });
  process.stdout.write(
    `  Reads during the import: ${during.times.length} reads, p50 ${reading.p50.toFixed(1)} ms, ` +
      `p99 ${reading.p99.toFixed(1)} ms, ${during.failed} failed\n`,
  );
  figures.push({
    name: 'Import 100,000 observations (CSV)',
    p50: importSeconds * 1000,
    p99: importSeconds * 1000,
    rps: 0,
    ...(POSTGRES
      ? {
          note:
            `${SQLITE_ONLY} (${importSeconds.toFixed(2)} s` +
            `${imported.ok && report.imported === 100_000 ? '' : ', not all imported!'})`,
        }
      : {
          budget: {
            what: '< 10 s',
            limit: 10,
            value: Number(importSeconds.toFixed(2)),
            pass: imported.ok && report.imported === 100_000 && importSeconds < 10,
          },
        }),
  });
  const memory = peakMemoryMb(server.pid!);
  // The benchmark's own connection closes too, so the server's close copies the log into the file and removes it:
  // the aggregations are timed on one file, with no log left for the next server to copy meanwhile.
  await raw.close();
  await stopServer(server);

  // The aggregations without kept answers: the time the API spends computing the answer (its SQL through the ORM and
  // its work in JavaScript, reported by the server in Server-Timing) against the same SQL straight on the driver, both
  // in a bare HTTP server that runs it for every request (the budgeted floor: it pays what serving requests costs a
  // computation, as the API does) and back to back in a loop here (shown beside it: caches stay warm between runs).
  server = await startServer(port, { LAB_CACHE: 'false' });
  raw = await openRaw();
  const fresh = await login(base);
  for (const [name, path, statements] of [
    ['Lab charts, computed', `/api/labs/${lab}/charts`, CHART_SQL(lab)],
    ['Round results, computed', `/api/rounds/${round}/results`, RESULTS_SQL(round, lab)],
  ] as [string, string, [string, unknown[]][]][]) {
    // The answer as this server gives it now (the writes and the import above changed the lab's charts).
    const sample = await fetch(base + path, { headers: { cookie: fresh.cookie } });
    const floor = await driverServer(
      statements,
      await sample.text(),
      sample.headers.get('content-type') ?? 'application/json',
    );
    // The three take turns, three rounds each, so a stretch of noise on this shared machine falls on all of them.
    const loopTimes: number[] = [];
    const servedTimes: number[] = [];
    const computed: number[] = [];
    const requests: number[] = [];
    const turns: string[] = [];
    try {
      for (let turn = 0; turn < 3; turn++) {
        const d = await raw.time(statements, 70);
        loopTimes.push(...d);
        const served = await sequential(floor.url, {}, 100);
        servedTimes.push(...served.computed);
        const api = await sequential(base + path, { cookie: fresh.cookie }, 100);
        computed.push(...api.computed);
        requests.push(...api.times);
        turns.push(
          `${percentiles([...api.computed]).p50.toFixed(2)}/` +
            `${percentiles([...served.computed]).p50.toFixed(2)}/${percentiles([...d]).p50.toFixed(2)}`,
        );
      }
    } finally {
      floor.stop();
    }
    const loop = percentiles(loopTimes);
    const driver = percentiles(servedTimes);
    const compute = computed.length ? percentiles(computed) : { p50: NaN, p99: NaN };
    const api = percentiles(requests);
    const ratio = compute.p50 / Math.max(driver.p50, 0.001);
    const loopRatio = compute.p50 / Math.max(loop.p50, 0.001);
    const loopNote = `; same SQL back to back on the driver: p50 ${loop.p50.toFixed(2)} ms, ${loopRatio.toFixed(2)}×`;
    figures.push({
      name: `${name} (one client, no kept answers; whole request ${api.p50.toFixed(2)} ms)`,
      ...compute,
      rps: 0,
      baseline: { kind: 'raw driver in a bare HTTP server, same SQL and bytes', ...driver },
      ...(POSTGRES
        ? { note: `${SQLITE_ONLY} (${ratio.toFixed(2)}×${loopNote})` }
        : {
            budget: {
              what: `API compute time p50 within 1.5× of the raw driver's${loopNote}`,
              limit: 1.5,
              value: Number(ratio.toFixed(2)),
              pass: ratio <= 1.5,
            },
          }),
    });
    process.stdout.write(
      `  ${name}: API computes in ${compute.p50.toFixed(2)} ms (request ${api.p50.toFixed(2)} ms) ` +
        `vs raw driver in a bare server ${driver.p50.toFixed(2)} ms = ${ratio.toFixed(2)}×, ` +
        `vs the driver back to back ${loop.p50.toFixed(2)} ms = ${loopRatio.toFixed(2)}× ` +
        `(API/bare server/loop p50 per turn: ${turns.join(', ')})\n`,
    );
  }
  await stopServer(server);
  if (POSTGRES) {
    await raw.one('DELETE FROM observations WHERE id > $1', [lastGenerated.observations]);
    await raw.one('DELETE FROM history WHERE id > $1', [lastGenerated.history]);
    // The next run starts from the same state even where autovacuum is off (as on this machine's server).
    await raw.one('VACUUM (ANALYZE) observations, history, labs');
  }
  await raw.close();

  const machine =
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`;
  const passFail = (f: Figure) => (f.budget ? (f.budget.pass ? 'pass' : '**FAIL**') : '');
  const fmt = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
  const dbName = POSTGRES ? 'PostgreSQL' : 'SQLite';
  const lines = [
    `## ${SCALE} dataset on ${dbName}`,
    '',
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine}. ` +
      `${CONNECTIONS} concurrent clients, ${DURATION} s per endpoint (autocannon), ` +
      `against the real server started as \`npm start\` does (\`node ${START_FLAGS.join(' ')} dist/backend/main.js\`).`,
    `Lab under test: the biggest public lab (${counts['observations']} observations, ${counts['stories']} stories); ` +
      `round under test: ${counts['contributions']} contributions; late pages start at story ${late}. ` +
      `Command: \`npm run bench -- --scale=${SCALE}\`.`,
    '',
    '| what | p50 ms | p99 ms | req/s | baseline | baseline p50 / p99 ms | ratio (p99) | budget | result |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${f.name} | ${fmt(f.p50)} | ${fmt(f.p99)} | ${f.rps ? f.rps.toFixed(0) : '–'} ` +
        `| ${f.baseline?.kind ?? '–'} ` +
        `| ${f.baseline ? `${f.baseline.p50.toFixed(2)} / ${f.baseline.p99.toFixed(2)}` : '–'} ` +
        `| ${f.baseline ? (f.p99 / Math.max(f.baseline.p99, 0.01)).toFixed(1) + '×' : '–'} ` +
        `| ${f.budget ? `${f.budget.what} (${f.budget.value})` : (f.note ?? '')} | ${passFail(f)} |`,
    ),
    `| Server peak memory (whole run, import included; peak after the reads ${memoryAt['reads'].toFixed(0)} MB, ` +
      `after the writes ${memoryAt['writes'].toFixed(0)} MB) | | | | | | ` +
      `| ${POSTGRES ? `${SQLITE_ONLY} (${memory.toFixed(0)} MB)` : `< 300 MB (${memory.toFixed(0)} MB)`} ` +
      `| ${POSTGRES ? '' : memory < 300 ? 'pass' : '**FAIL**'} |`,
    '',
    `![p99 latency per endpoint against its budget, ${SCALE} dataset](images/benchmark-${SCALE}.svg)`,
    '',
  ];
  const report_ = join(ROOT, 'docs', `benchmark-${SCALE}.md`);
  writeFileSync(report_, lines.join('\n'));
  const bars = figures.filter((f) => f.budget && f.budget.limit > 5);
  const max = Math.max(...bars.map((f) => Math.max(f.p99, f.budget!.limit * (f.name.startsWith('Import') ? 1000 : 1))));
  const scale = (v: number) => (v / max) * 520;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${40 + bars.length * 34}" ` +
      `font-family="sans-serif" font-size="13" role="img" ` +
      `aria-label="p99 latency per endpoint with its budget (${SCALE} dataset on ${dbName})">`,
    ...bars.map((f, i) => {
      const y = 20 + i * 34;
      const limit = f.name.startsWith('Import') ? f.budget!.limit * 1000 : f.budget!.limit;
      return (
        `<text x="0" y="${y + 15}">${f.name}</text>` +
        `<rect x="330" y="${y}" width="${scale(f.p99).toFixed(1)}" height="20" ` +
        `fill="${f.budget!.pass ? '#1d4f6e' : '#b35c00'}"/>` +
        `<line x1="${(330 + scale(limit)).toFixed(1)}" x2="${(330 + scale(limit)).toFixed(1)}" ` +
        `y1="${y - 3}" y2="${y + 23}" stroke="#000" stroke-dasharray="3 2"/>` +
        `<text x="${(336 + scale(f.p99)).toFixed(1)}" y="${y + 15}">${fmt(f.p99)} ms</text>`
      );
    }),
    '</svg>',
  ];
  writeFileSync(join(ROOT, 'docs', 'images', `benchmark-${SCALE}.svg`), svg.join('\n'));
  process.stdout.write(lines.join('\n') + '\n');
  const failed = figures.filter((f) => f.budget && !f.budget.pass).length + (POSTGRES || memory < 300 ? 0 : 1);
  process.stdout.write(failed ? `${failed} budget(s) not met\n` : 'all budgets met\n');
  if (!POSTGRES) for (const f of [WORK_FILE, `${WORK_FILE}-wal`, `${WORK_FILE}-shm`]) rmSync(f, { force: true });
}

// `--only=dialogues` runs only the live dialogues' part (tests/bench/dialogues.ts), `--dialogues=false` all but it.
(args.get('only') === 'dialogues' ? Promise.resolve() : main())
  .then(async () => {
    if (args.get('dialogues') !== 'false') await benchDialogues(dialogueOptions(process.argv.slice(2)));
  })
  .catch((error) => {
    process.stderr.write(String(error?.stack ?? error) + '\n');
    process.exit(1);
  });
