// No line over 120 characters: Prettier wraps code at 120, and the long string literals it cannot wrap (SQL,
// messages, test data) are wrapped by hand. Migrations already applied are never edited, and the API types are
// generated, so neither counts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIMIT = 120;
const files = execFileSync(
  'git',
  [
    'ls-files',
    'backend/src/*.ts',
    'frontend/src/*.ts',
    'frontend/src/*.html',
    'tests/*.ts',
    'tests/*.mjs',
    'tools/*.mjs',
  ],
  { encoding: 'utf8' },
)
  .split('\n')
  .filter((f) => f && !f.includes('/migrations/1764') && !f.endsWith('api-types.ts'));
const long = [];
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.length > LIMIT) long.push(`  ${file}:${i + 1} (${line.length})`);
    });
}
if (long.length) {
  console.error(`long-lines: ${long.length} lines over ${LIMIT} characters; wrap them:`);
  console.error(long.slice(0, 30).join('\n'));
  process.exit(1);
}
console.log(`long-lines: no line over ${LIMIT} characters in ${files.length} files`);
