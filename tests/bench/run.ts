import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_USER, generateSqlite, ScaleName } from './generate';

// Compiled to dist/bench/tests/bench.
const ROOT = join(__dirname, '..', '..', '..', '..');
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const SCALE = (args.get('scale') ?? 'sqlite') as ScaleName;
const FILE = args.get('file') ?? join(ROOT, 'data', `bench-${SCALE}.sqlite`);
const DURATION = Number(args.get('duration') ?? 5);
const CONNECTIONS = 10;

interface Figure { name: string; p50: number; p99: number; rps: number; baseline?: { kind: string; p50: number; p99: number }; budget?: { what: string; limit: number; value: number; pass: boolean } }

const freePort = () => new Promise<number>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); }); });

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'backend', 'main.js')], {
    env: { ...process.env, SQLITE_PATH: FILE, PORT: String(port), DEMO_DATA: 'false', LOG_LEVEL: 'error', LOGIN_RATE_LIMIT: '100000' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

function peakMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function load(url: string, options: Partial<autocannon.Options> = {}): Promise<{ p50: number; p99: number; rps: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...options });
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors: result.errors, non2xx: result.non2xx };
}

/** A bare HTTP server in its own process that returns the same bytes: the floor for any HTTP answer of this size. */
async function bare(body: string, contentType: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const file = join(tmpdir(), `bench-body-${port}`);
  writeFileSync(file, body);
  const code = `const b=require('fs').readFileSync(process.env.BODY_FILE);require('http').createServer((q,s)=>{s.writeHead(200,{'content-type':process.env.CT,'content-length':b.length});s.end(b)}).listen(${port},'127.0.0.1',()=>process.send&&process.send('up'))`;
  const child = spawn(process.execPath, ['-e', code], { env: { ...process.env, BODY_FILE: file, CT: contentType }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  await new Promise((r) => child.once('message', r));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

/** The same SQL the API runs, straight on better-sqlite3, one after another: the floor for the aggregation itself. */
function raw(db: Database.Database, statements: [string, unknown[]][], runs = 200): { p50: number; p99: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    for (const [sql, params] of statements) db.prepare(sql).all(...params);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs * 0.5)], p99: times[Math.floor(runs * 0.99)] };
}

async function main(): Promise<void> {
  if (!existsSync(FILE) || args.has('regenerate')) {
    process.stdout.write(`Generating the ${SCALE} dataset in ${FILE} …\n`);
    const g = await generateSqlite(FILE, SCALE);
    process.stdout.write(`  ${JSON.stringify(g.rows)} in ${g.seconds.toFixed(1)} s\n`);
  }
  const db = new Database(FILE, { readonly: true });
  const { lab } = db.prepare("SELECT lab_id AS lab FROM observations o JOIN labs l ON l.id = o.lab_id WHERE l.visibility = 'public' GROUP BY lab_id ORDER BY COUNT(*) DESC LIMIT 1").get() as { lab: number };
  const { round } = db.prepare('SELECT round_id AS round FROM contributions c JOIN evaluation_rounds r ON r.id = c.round_id WHERE r.lab_id = ? GROUP BY round_id ORDER BY COUNT(*) DESC LIMIT 1').get(lab) as { round: number };
  const counts = db.prepare('SELECT (SELECT COUNT(*) FROM observations WHERE lab_id = ?) AS observations, (SELECT COUNT(*) FROM contributions WHERE round_id = ?) AS contributions').get(lab, round) as Record<string, number>;

  const port = await freePort();
  const server = await startServer(port);
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/session`);
  const csrf = /csrf=([^;]+)/.exec(login.headers.getSetCookie().join(';'))![1];
  const auth = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `csrf=${csrf}`, 'x-csrf-token': csrf }, body: JSON.stringify(BENCH_USER) });
  const cookies = auth.headers.getSetCookie().map((c) => c.split(';')[0]);
  const cookie = cookies.join('; ');
  const token = /csrf=([^;]+)/.exec(cookie)![1];
  const headers = { cookie };

  const reads: [string, string, boolean][] = [
    ['Lab overview', `/api/labs/${lab}`, false],
    ['Lab timeline', `/api/labs/${lab}/timeline`, false],
    ['Lab charts', `/api/labs/${lab}/charts`, true],
    ['Round results', `/api/rounds/${round}/results`, true],
    ['Library search', '/api/library?q=positief%20doel%20buurt', false],
    ['Labs list, filtered', '/api/labs?theme=encounter&status=running&limit=50', false],
    ['Observations, late page', `/api/labs/${lab}/observations?kind=story&limit=50&offset=${Math.max(0, Math.floor(counts['observations'] * 0.25) - 50)}`, false],
  ];
  const figures: Figure[] = [];
  for (const [name, path, aggregation] of reads) {
    const sample = await fetch(base + path, { headers });
    const body = await sample.text();
    if (!sample.ok) throw new Error(`${name}: ${sample.status} ${body.slice(0, 200)}`);
    const api = await load(base + path, { headers });
    const floor = await bare(body, sample.headers.get('content-type') ?? 'application/json');
    const baseline = await load(floor.url);
    floor.stop();
    figures.push({ name, ...api, baseline: { kind: 'bare HTTP, same bytes', p50: baseline.p50, p99: baseline.p99 }, budget: { what: 'p99 < 50 ms', limit: 50, value: api.p99, pass: api.p99 < 50 && api.errors === 0 && api.non2xx === 0 } });
    if (aggregation) {
      const statements: [string, unknown[]][] = path.includes('charts')
        ? [
            ['SELECT id, name, unit, signal_of FROM indicators WHERE lab_id = ? ORDER BY name', [lab]],
            ["SELECT o.indicator_id, o.observed_on, o.value, i.number, CASE WHEN COALESCE(o.context_note, '') = '' AND NOT EXISTS (SELECT 1 FROM observations s WHERE s.kind = 'story' AND s.iteration_id = o.iteration_id) THEN 1 ELSE 0 END AS bare FROM observations o LEFT JOIN iterations i ON i.id = o.iteration_id WHERE o.lab_id = ? AND o.kind = 'measure' ORDER BY o.observed_on, o.id", [lab]],
            ['SELECT id, number, experiment_id, starts_on FROM iterations WHERE lab_id = ?', [lab]],
            ['SELECT iteration_id, participant_id FROM attendance WHERE lab_id = ?', [lab]],
            ['SELECT id, groups, invited_by_participant_id FROM participants WHERE lab_id = ?', [lab]],
            ['SELECT o.name, p.joined_at FROM lab_partners p JOIN organisations o ON o.id = p.organisation_id WHERE p.lab_id = ? ORDER BY p.joined_at', [lab]],
          ]
        : [
            ['SELECT dimension, stakeholder_group, score, COUNT(*) AS n FROM appreciations WHERE round_id = ? GROUP BY dimension, stakeholder_group, score', [round]],
            ['SELECT stakeholder_group, COUNT(*) AS n FROM contributions WHERE round_id = ? GROUP BY stakeholder_group', [round]],
            ['SELECT id, stakeholder_group, answers, nominated_observation_id, nomination_reason FROM contributions WHERE round_id = ?', [round]],
          ];
      const driver = raw(db, statements);
      const sequential = await load(base + path, { headers, connections: 1 });
      const ratio = sequential.p50 / Math.max(driver.p50, 0.001);
      figures.push({ name: `${name} (one client)`, ...sequential, baseline: { kind: 'raw driver, same SQL', ...driver }, budget: { what: 'API p50 within 1.5× of the raw driver', limit: 1.5, value: Number(ratio.toFixed(2)), pass: ratio <= 1.5 } });
    }
  }
  const write = await load(`${base}/api/labs/${lab}/observations`, {
    method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': token },
    body: JSON.stringify({ kind: 'measure', observedOn: '2026-01-01', indicatorId: (db.prepare('SELECT id FROM indicators WHERE lab_id = ? LIMIT 1').get(lab) as { id: number }).id, value: 3, contextNote: 'bench' }),
  });
  figures.push({ name: 'Write an observation', ...write, budget: { what: 'p99 < 20 ms', limit: 20, value: write.p99, pass: write.p99 < 20 && write.errors === 0 && write.non2xx === 0 } });

  const indicator = (db.prepare('SELECT name FROM indicators WHERE lab_id = ? LIMIT 1').get(lab) as { name: string }).name;
  const csv = ['kind;observed_on;indicator;value;context_note', ...Array.from({ length: 100_000 }, (_, i) => `meting;2026-02-${String((i % 28) + 1).padStart(2, '0')};${indicator};${i % 50};import ${i}`)].join('\n');
  const t0 = Date.now();
  const imported = await fetch(`${base}/api/labs/${lab}/import/observations`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv', 'x-csrf-token': token }, body: csv });
  const importSeconds = (Date.now() - t0) / 1000;
  const report = (await imported.json()) as { imported?: number };
  figures.push({ name: 'Import 100,000 observations (CSV)', p50: importSeconds * 1000, p99: importSeconds * 1000, rps: 0, budget: { what: '< 10 s', limit: 10, value: Number(importSeconds.toFixed(2)), pass: imported.ok && report.imported === 100_000 && importSeconds < 10 } });

  const memory = peakMemoryMb(server.pid!);
  server.kill('SIGTERM');
  db.close();

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`;
  const passFail = (f: Figure) => (f.budget ? (f.budget.pass ? 'pass' : '**FAIL**') : '');
  const lines = [
    `# Benchmark (${SCALE} dataset, SQLite)`,
    '',
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine}. ${CONNECTIONS} concurrent clients, ${DURATION} s per endpoint (autocannon), against the real server started as \`npm start\` does.`,
    `Lab under test: the biggest public lab (${counts['observations']} observations); round under test: ${counts['contributions']} contributions. Command: \`npm run bench -- --scale=${SCALE}\`.`,
    '',
    '| what | p50 ms | p99 ms | req/s | baseline | baseline p50 / p99 ms | ratio (p99) | budget | result |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |',
    ...figures.map((f) => `| ${f.name} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.rps ? f.rps.toFixed(0) : '–'} | ${f.baseline?.kind ?? '–'} | ${f.baseline ? `${f.baseline.p50.toFixed(2)} / ${f.baseline.p99.toFixed(2)}` : '–'} | ${f.baseline ? (f.p99 / Math.max(f.baseline.p99, 0.01)).toFixed(1) + '×' : '–'} | ${f.budget ? `${f.budget.what} (${f.budget.value})` : ''} | ${passFail(f)} |`),
    `| Server peak memory | | | | | | | < 300 MB (${memory.toFixed(0)} MB) | ${memory < 300 ? 'pass' : '**FAIL**'} |`,
    '',
    '![p99 latency per endpoint against its budget](images/benchmark.svg)',
    '',
  ];
  writeFileSync(join(ROOT, 'docs', 'benchmark.md'), lines.join('\n'));
  const bars = figures.filter((f) => f.budget && f.budget.limit > 5);
  const max = Math.max(...bars.map((f) => Math.max(f.p99, f.budget!.limit * (f.name.startsWith('Import') ? 1000 : 1))));
  const scale = (v: number) => (v / max) * 520;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${40 + bars.length * 34}" font-family="sans-serif" font-size="13" role="img" aria-label="p99 latency per endpoint with its budget">`,
    ...bars.map((f, i) => {
      const y = 20 + i * 34;
      const limit = f.name.startsWith('Import') ? f.budget!.limit * 1000 : f.budget!.limit;
      return `<text x="0" y="${y + 15}">${f.name}</text><rect x="330" y="${y}" width="${scale(f.p99).toFixed(1)}" height="20" fill="${f.budget!.pass ? '#1d4f6e' : '#b35c00'}"/><line x1="${(330 + scale(limit)).toFixed(1)}" x2="${(330 + scale(limit)).toFixed(1)}" y1="${y - 3}" y2="${y + 23}" stroke="#000" stroke-dasharray="3 2"/><text x="${(336 + scale(f.p99)).toFixed(1)}" y="${y + 15}">${f.p99.toFixed(1)} ms</text>`;
    }),
    '</svg>',
  ];
  writeFileSync(join(ROOT, 'docs', 'images', 'benchmark.svg'), svg.join('\n'));
  process.stdout.write(lines.join('\n') + '\n');
  const failed = figures.filter((f) => f.budget && !f.budget.pass).length + (memory < 300 ? 0 : 1);
  process.stdout.write(failed ? `${failed} budget(s) not met\n` : 'all budgets met\n');
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(1);
});
