import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Db } from '../../backend/src/database/db';
import { seedFirstStart } from '../../backend/src/demo/seed';
import { ApiClient } from '../support/api-client';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  format?: string;
  nullable?: boolean;
  allOf?: Schema[];
};
interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: 'path' | 'query'; schema?: Schema; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'));
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 12);
const resolve = (s: Schema): Schema =>
  s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]) : s.allOf?.length ? resolve(s.allOf[0]) : s;

const nasty = fc.constantFrom(
  "' OR 1=1 --",
  '"; DROP TABLE labs; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../etc/passwd',
  '\u0000',
  '%00%27',
  '${7*7}',
  '{{constructor.constructor("x")()}}',
  'NEAR(a b)',
  '"unterminated',
  '*',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '🙂'.repeat(50),
  '__proto__',
  'constructor',
);
const deep: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(1),
    fc.array(tie('node'), { maxLength: 2 }),
    fc.dictionary(fc.string({ maxLength: 3 }), tie('node'), { maxKeys: 2 }),
  ),
})).node;
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  nasty,
  fc.string({ minLength: 3000, maxLength: 6000 }),
  deep,
  fc.constant(Number.MAX_SAFE_INTEGER * 4),
  fc.constant(-1),
  fc.array(fc.anything(), { maxLength: 3 }),
);

function valid(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.format === 'date')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  switch (s.type) {
    case 'integer':
    case 'number':
      return fc.integer({ min: 1, max: 5 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 2 ? fc.constant([]) : fc.array(valid(s.items ?? {}, depth + 1), { maxLength: 3 });
    case 'object':
      return depth > 2 || !s.properties ? fc.constant({}) : body(s, depth + 1);
    default:
      return fc.string({ minLength: 1, maxLength: 40 });
  }
}

/** A body that is mostly right, with any field wrong, missing or extra. */
function body(schema: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const s = resolve(schema);
  const fields = Object.fromEntries(
    Object.entries(s.properties ?? {}).map(([k, v]) => [
      k,
      fc.oneof({ weight: 3, arbitrary: valid(v, depth) }, { weight: 1, arbitrary: junk }),
    ]),
  );
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), junk, { maxKeys: 2 })),
    )
    .map(([b, extra]) => ({ ...b, ...(extra ?? {}) }));
}

const paramValue = (schema?: Schema): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: valid(schema ?? { type: 'integer' }).map(String) },
    { weight: 1, arbitrary: junk.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'x')).slice(0, 300)) },
  );

const operations: Operation[] = Object.entries<Record<string, Operation>>(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
);

describe(`fuzzing every operation of docs/openapi.json on ${databaseKind}`, () => {
  let t: TestApp;
  let admin: ApiClient;
  const statuses = new Map<number, number>();
  let requests = 0;

  beforeAll(async () => {
    t = await startTestApp({
      DEMO_DATA: 'true',
      ADMIN_EMAIL: 'fuzz@test.nl',
      ADMIN_PASSWORD: 'fuzz-wachtwoord-lang',
      LOGIN_RATE_LIMIT: '100000',
    });
    await seedFirstStart(t.app.get(Db), t.config);
    admin = new ApiClient(t.baseUrl);
    await admin.login('fuzz@test.nl', 'fuzz-wachtwoord-lang');
  });
  afterAll(async () => {
    process.stdout.write(
      `fuzz: ${requests} requests; status codes ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
    );
    await t?.close();
  });

  async function send(
    client: ApiClient,
    op: Operation,
    params: Record<string, string>,
    query: Record<string, string>,
    payload: unknown,
  ) {
    let path = op.path;
    for (const [k, v] of Object.entries(params)) path = path.replace(`{${k}}`, encodeURIComponent(v));
    const qs = new URLSearchParams(query).toString();
    const response = await client.request(
      op.method,
      path + (qs ? `?${qs}` : ''),
      op.method === 'GET' || op.method === 'DELETE' ? undefined : payload,
      op.requestBody?.content['text/csv'] ? { 'content-type': 'text/csv' } : {},
    );
    requests++;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const problem = response.status >= 400 ? (response.headers.get('content-type') ?? '') : 'application/problem+json';
    return { status: response.status, problem, text: response.text };
  }

  it.each(
    operations.filter((op) => op.path !== '/api/auth/logout').map((op) => [`${op.method} ${op.path}`, op] as const),
  )('%s answers 2xx or 4xx problem+json, never 5xx or a stack trace', async (_name, op) => {
    const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
    const bodySchema = op.requestBody?.content['application/json']?.schema;
    const csv = !!op.requestBody?.content['text/csv'];
    await fc.assert(
      fc.asyncProperty(
        fc.record(Object.fromEntries(pathParams.map((p) => [p.name, paramValue(p.schema)]))),
        fc.record(Object.fromEntries(queryParams.map((p) => [p.name, paramValue(p.schema)])), { requiredKeys: [] }),
        csv
          ? fc.oneof(fc.string({ maxLength: 200 }), fc.constant('kind;observed_on\nmeting;2025-01-01\n'), nasty)
          : bodySchema
            ? fc.oneof({ weight: 5, arbitrary: body(bodySchema) }, { weight: 1, arbitrary: junk })
            : fc.constant(undefined),
        fc.boolean(),
        async (params, query, payload, asAdmin) => {
          const result = await send(
            asAdmin ? admin : new ApiClient(t.baseUrl),
            op,
            params as Record<string, string>,
            query as Record<string, string>,
            payload,
          );
          expect({ op: `${op.method} ${op.path}`, status: result.status < 500 }).toEqual({
            op: `${op.method} ${op.path}`,
            status: true,
          });
          expect(result.problem).toContain('application/problem+json');
          expect(result.text).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|QueryFailedError|SqliteError/);
        },
      ),
      { numRuns: RUNS, seed: Number(process.env['FUZZ_SEED'] ?? 20261127) },
    );
  });

  it('refuses an oversized body with 413 and a deeply nested one with 400', async () => {
    const big = await admin.request('POST', '/api/labs', JSON.stringify({ name: 'x'.repeat(2_000_000) }));
    expect(big.status).toBe(413);
    const depth = 100_000;
    const deepBody = await admin.request('POST', '/api/labs', `{"name":${'['.repeat(depth)}1${']'.repeat(depth)}}`);
    expect([400, 413]).toContain(deepBody.status);
  });

  it('leaves the data consistent: integrity, foreign keys and every lab with a coordinator', async () => {
    if (databaseKind === 'sqlite') {
      const [integrity] = await t.dataSource.query('PRAGMA integrity_check');
      expect(integrity.integrity_check).toBe('ok');
      expect(await t.dataSource.query('PRAGMA foreign_key_check')).toEqual([]);
    }
    const orphans = await t.dataSource.query(
      'SELECT l.id FROM labs l WHERE NOT EXISTS ' +
        "(SELECT 1 FROM lab_members m WHERE m.lab_id = l.id AND m.role = 'coordinator')",
    );
    expect(orphans).toEqual([]);
    expect((await admin.get('/api/health')).body.status).toBe('ok');
  });
});
