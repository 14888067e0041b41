// Lines over 120 characters that Prettier cannot wrap (long string literals: SQL, messages, test data).
// A ratchet: the count may only go down. Migrations already applied are never edited, and the API types are
// generated, so neither counts. Run with --update to record a lower count after shortening lines.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const LIMIT = 120;
const BASELINE = new URL('./long-lines.json', import.meta.url);
const files = execFileSync(
  'git',
  ['ls-files', 'backend/src/*.ts', 'frontend/src/*.ts', 'frontend/src/*.html', 'tests/*.ts', 'tests/*.mjs'],
  { encoding: 'utf8' },
)
  .split('\n')
  .filter((f) => f && !f.includes('/migrations/1764') && !f.endsWith('api-types.ts'));
const counts = {};
for (const file of files) {
  const n = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > LIMIT).length;
  if (n) counts[file] = n;
}
const total = Object.values(counts).reduce((a, b) => a + b, 0);
if (process.argv.includes('--update')) {
  writeFileSync(BASELINE, JSON.stringify({ total }, null, 2) + '\n');
  console.log(`long-lines: recorded ${total}`);
} else {
  const { total: allowed } = JSON.parse(readFileSync(BASELINE, 'utf8'));
  if (total > allowed) {
    const worst = Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10);
    console.error(`long-lines: ${total} lines over ${LIMIT} characters, more than the ${allowed} recorded. Most in:`);
    for (const [file, n] of worst) console.error(`  ${n}  ${file}`);
    process.exit(1);
  }
  console.log(`long-lines: ${total} lines over ${LIMIT} characters (at most ${allowed})`);
}
