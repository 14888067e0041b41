// After the dashboard's build: which lazily loaded scripts each of the pages people open first needs, so the
// server can name them in the page (<link rel="modulepreload">) and the browser fetches them alongside the
// first scripts instead of one after another. Reads the build's stats.json (esbuild's metafile), writes
// dist/frontend/route-preloads.json. Run by `npm run build`; the server does without the file if it is missing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'frontend');
/** The page (as the server names it) and the source file its route loads lazily. */
const PAGES = {
  lab: 'frontend/src/app/features/labs/lab.routes.ts',
  library: 'frontend/src/app/features/library/library.page.ts',
};

if (!existsSync(join(DIST, 'stats.json'))) {
  process.stdout.write('route-preloads: no dist/frontend/stats.json (build the dashboard first); nothing written\n');
  process.exit(0);
}
const { outputs } = JSON.parse(readFileSync(join(DIST, 'stats.json'), 'utf8'));
const index = readFileSync(join(DIST, 'browser', 'index.html'), 'utf8');
// What index.html already loads needs no second mention.
const initial = new Set([...index.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]));
const byEntry = new Map(
  Object.entries(outputs)
    .filter(([, o]) => o.entryPoint)
    .map(([file, o]) => [o.entryPoint, file]),
);

function staticImports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement') staticImports(i.path, seen);
  return seen;
}

const result = {};
for (const [page, entry] of Object.entries(PAGES)) {
  const file = byEntry.get(entry);
  if (!file) throw new Error(`route-preloads: ${entry} is not a lazily loaded entry of the build any more`);
  result[page] = [...staticImports(file)].filter((f) => !initial.has(f) && f.endsWith('.js')).sort();
}
writeFileSync(join(DIST, 'route-preloads.json'), JSON.stringify(result, null, 2) + '\n');
process.stdout.write(
  `route-preloads: ${Object.entries(result)
    .map(([p, f]) => `${p} ${f.length} scripts`)
    .join(', ')}\n`,
);
