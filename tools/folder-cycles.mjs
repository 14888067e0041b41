// Fails when backend folders import each other, directly or round a longer loop (a strongly connected component
// of the folder graph). ESLint's boundaries rule checks each import against the layers; a loop between two
// features is allowed by the layers yet still tangles them, and no ESLint rule we use sees whole loops.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = 'backend/src';
const graph = new Map();
const via = new Map();
const folderOf = (file) => {
  const parts = relative(root, file).split(sep);
  return parts.length > 1 ? parts[0] : '(app)';
};
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) scan(path);
  }
}
function scan(file) {
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
    const from = folderOf(file);
    const to = folderOf(resolve(dirname(file), match[1] ?? match[2]));
    if (from === to) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from).add(to);
    const key = `${from} -> ${to}`;
    if (!via.has(key)) via.set(key, `${relative(root, file)} imports ${match[1] ?? match[2]}`);
  }
}
walk(root);

// Tarjan's strongly connected components.
let index = 0;
const stack = [];
const state = new Map();
const loops = [];
function visit(node) {
  state.set(node, { index, low: index, onStack: true });
  index++;
  stack.push(node);
  for (const next of graph.get(node) ?? []) {
    if (!state.has(next)) {
      visit(next);
      state.get(node).low = Math.min(state.get(node).low, state.get(next).low);
    } else if (state.get(next).onStack) {
      state.get(node).low = Math.min(state.get(node).low, state.get(next).index);
    }
  }
  if (state.get(node).low === state.get(node).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1) loops.push(component.sort());
  }
}
for (const node of graph.keys()) if (!state.has(node)) visit(node);

if (loops.length) {
  console.error(`folder-cycles: ${loops.length} loop(s) between backend folders:`);
  for (const loop of loops) {
    console.error(`  ${loop.join(', ')}`);
    for (const from of loop)
      for (const to of loop) if (via.has(`${from} -> ${to}`)) console.error(`    ${via.get(`${from} -> ${to}`)}`);
  }
  process.exit(1);
}
console.log(`folder-cycles: ${graph.size} backend folders, no loops`);
