// Lighthouse (12.2.x, the last line that runs on Node 20) on the home, lab and library pages of the built product,
// started as `npm start` does on a fresh SQLite database with the demo data, in the system Chromium.
// Run with `npm run lighthouse` (after `npm run build`); writes docs/lighthouse.md. Budgets: performance ≥ 90,
// accessibility 100.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(check, what) {
  for (let i = 0; i < 300; i++) {
    try {
      if (await check()) return;
    } catch {
      /* not yet */
    }
    await wait(100);
  }
  throw new Error(`${what} did not start`);
}

const dir = mkdtempSync(join(tmpdir(), 'lighthouse-'));
const port = await freePort();
const server = spawn(process.execPath, [join(ROOT, 'dist', 'backend', 'main.js')], {
  env: {
    ...process.env,
    SQLITE_PATH: join(dir, 'demo.sqlite'),
    PORT: String(port),
    DEMO_DATA: 'true',
    LOG_LEVEL: 'error',
  },
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${port}`;
await until(async () => (await fetch(`${base}/api/health`)).ok, 'the server');
const labs = await (await fetch(`${base}/api/labs?limit=1`)).json();
const labId = labs.items[0].id;

const debugPort = await freePort();
const chrome = spawn(
  CHROMIUM,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
    '--disable-component-update',
    `--remote-debugging-port=${debugPort}`,
    `--user-data-dir=${join(dir, 'profile')}`,
    'about:blank',
  ],
  { stdio: 'ignore' },
);
await until(async () => (await fetch(`http://127.0.0.1:${debugPort}/json/version`)).ok, 'Chromium');

const pages = [
  ['Home', '/'],
  ['Lab (story and charts)', `/labs/${labId}`],
  ['Library', '/bibliotheek'],
];
const rows = [];
let failed = 0;
for (const [name, path] of pages) {
  // Lighthouse's default: a mid-range phone on a slow 4G connection, simulated.
  const run = await lighthouse(base + path, {
    port: debugPort,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
  });
  const { categories, audits } = run.lhr;
  if (process.env.LIGHTHOUSE_JSON)
    writeFileSync(
      join(process.env.LIGHTHOUSE_JSON, `${name.split(' ')[0].toLowerCase()}.json`),
      JSON.stringify(run.lhr),
    );
  const performance = Math.round(categories.performance.score * 100);
  const accessibility = Math.round(categories.accessibility.score * 100);
  const metric = (id) => audits[id]?.displayValue ?? '–';
  const ok = performance >= 90 && accessibility === 100;
  if (!ok) failed++;
  const issues = Object.values(audits)
    .filter((a) => a.score !== null && a.score < 1 && categories.accessibility.auditRefs.some((r) => r.id === a.id))
    .map((a) => a.id);
  rows.push(
    `| ${name} | \`${path.replace(String(labId), ':id')}\` | ${performance} | ${accessibility} ` +
      `| ${metric('first-contentful-paint')} | ${metric('largest-contentful-paint')} ` +
      `| ${metric('total-blocking-time')} | ${metric('cumulative-layout-shift')} ` +
      `| ${ok ? 'pass' : `**FAIL**${issues.length ? ` (${issues.join(', ')})` : ''}`} |`,
  );
  process.stdout.write(`${name}: performance ${performance}, accessibility ${accessibility}\n`);
}
chrome.kill();
server.kill();
await wait(300);
rmSync(dir, { recursive: true, force: true });

const lines = [
  '# Lighthouse',
  '',
  `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node.js ${process.version}, Lighthouse 12.2 with the system Chromium, ` +
    `its default mobile profile (simulated slow 4G, 4× CPU slowdown). ` +
    `The product as \`npm start\` runs it, with the demo data. Command: \`npm run lighthouse\`.`,
  '',
  'Budgets: performance at least 90, accessibility 100.',
  '',
  '| page | path | performance | accessibility | first contentful paint | largest contentful paint ' +
    '| total blocking time | layout shift | result |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows,
  '',
];
writeFileSync(join(ROOT, 'docs', 'lighthouse.md'), lines.join('\n'));
process.stdout.write(lines.join('\n') + '\n');
process.exit(failed ? 1 : 0);
