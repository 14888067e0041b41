import Database from 'better-sqlite3';
import { Client } from 'pg';
import { rmSync } from 'node:fs';
import { hashPassword } from '../../backend/src/users/password';
import { AppConfig } from '../../backend/src/config/app-config';
import { createDataSource } from '../../backend/src/data-source';
import { runMigrations } from '../../backend/src/database/migrate';

/** Dataset sizes: one large municipality on SQLite is a fifth of the national installation. */
export const SCALES = {
  sqlite: { labs: 1_000, iterations: 10_000, observations: 1_000_000, participants: 20_000, contributions: 100_000 },
  small: { labs: 100, iterations: 1_000, observations: 100_000, participants: 2_000, contributions: 10_000 },
  /** All 342 municipalities on one PostgreSQL installation. */
  national: { labs: 5_000, iterations: 50_000, observations: 5_000_000, participants: 100_000, contributions: 500_000 },
};
export type ScaleName = keyof typeof SCALES;
export const BENCH_USER = { email: 'bench@bench.nl', password: 'bench-wachtwoord-lang' };

/** A small, seeded pseudo-random generator (mulberry32), so every run builds the same data. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
  };
}

const WORDS = (
  'buurt samen eten koken kinderen school vrijwilliger gemeente ontmoeting vertrouwen gezondheid straat wijk tafel ' +
  'verhaal buren positief doel uitnodiging jongeren ouderen kerk moskee bibliotheek sport muziek tuin boodschappen ' +
  'telefoon computer eenzaamheid hulp maatje gesprek dialoog vrede armoede budget workshop klas boswachter afval ' +
  'prikker zwerfvuil'
).split(' ');
const THEMES = [
  'encounter',
  'self_reliance',
  'poverty',
  'health',
  'education',
  'sport',
  'culture',
  'sustainability',
  'loneliness',
  'digital',
];
const MUNICIPALITIES = [
  'Utrecht',
  'Den Haag',
  'Rotterdam',
  'Amsterdam',
  'Maastricht',
  'Zwolle',
  'Groningen',
  'Eindhoven',
  'Tilburg',
  'Arnhem',
  'Leeuwarden',
  'Almere',
];
const DIMENSIONS = [
  'social_contacts',
  'trust',
  'wellbeing',
  'health',
  'self_reliance',
  'participation',
  'safety',
  'learning',
  'culture',
];

/** Where generated rows go: every row carries its own id, so both databases get the same data. */
interface Sink {
  insert(table: string, columns: string[], row: unknown[]): void;
  /** SQLite's full-text table; PostgreSQL indexes the learnings themselves. */
  fts?(id: number, title: string, body: string, extra: string): void;
}

/**
 * Keeps the planner's row counts (sqlite_stat1) and drops the samples of sqlite_stat4. With samples, SQLite compiles
 * a statement again on every run whose bound parameters it looked up in them (better-sqlite3 is built with STAT4):
 * 17–23 % of the time of the round results' statements, twice the time of a larger one. The server never collects
 * samples, so an installation never pays that; the benchmark measures what an installation runs. Also applied by
 * run.ts to its working copy, so a dataset generated before this change is measured the same way.
 */
export function dropSamples(file: string): void {
  const db = new Database(file);
  try {
    const stat4 = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat4'").get();
    if (stat4) db.exec('DELETE FROM sqlite_stat4');
  } finally {
    db.close();
  }
}

/** Builds the SQLite benchmark database: real migrations, then bulk inserts in one transaction. */
export async function generateSqlite(
  file: string,
  scaleName: ScaleName,
  seed = 20261127,
): Promise<{ seconds: number; rows: Record<string, number> }> {
  const started = Date.now();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  const ds = createDataSource(AppConfig.fromEnv({ SQLITE_PATH: file, DEMO_DATA: 'false' }));
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  // The data-version triggers would only count during the load: generated data starts at version 0.
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
    name: string;
    sql: string;
  }[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  const statements = new Map<string, Database.Statement>();
  const fts = db.prepare('INSERT INTO learnings_fts (rowid, title, body, extra) VALUES (?, ?, ?, ?)');
  const sink: Sink = {
    insert(table, columns, row) {
      const key = `${table}(${columns.join(',')})`;
      let st = statements.get(key);
      if (!st)
        statements.set(
          key,
          (st = db.prepare(
            `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) ` +
              `VALUES (${columns.map(() => '?').join(', ')})`,
          )),
        );
      st.run(...row.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
    },
    fts: (id, title, body, extra) => fts.run(id, title, body, extra),
  };
  db.exec('BEGIN');
  const rows = await fill(sink, scaleName, seed);
  db.exec('COMMIT');
  for (const t of triggers) db.exec(t.sql);
  db.exec('ANALYZE');
  db.close();
  dropSamples(file);
  db.close();
  return { seconds: (Date.now() - started) / 1000, rows };
}

/**
 * Builds the PostgreSQL benchmark schema: real migrations, then multi-row inserts with triggers and foreign-key
 * checks off for the load (session_replication_role = replica), sequences set after, then ANALYZE.
 */
export async function generatePostgres(
  url: string,
  schema: string,
  scaleName: ScaleName,
  seed = 20261127,
): Promise<{ seconds: number; rows: Record<string, number> }> {
  const started = Date.now();
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const ds = createDataSource(AppConfig.fromEnv({ DATABASE_URL: url, DATABASE_SCHEMA: schema, DEMO_DATA: 'false' }));
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  const pg = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await pg.connect();
  await pg.query('SET session_replication_role = replica');
  await pg.query('SET synchronous_commit = off');
  type Buffer = { table: string; columns: string[]; rows: unknown[][] };
  const buffers = new Map<string, Buffer>();
  let pending: Promise<unknown> = Promise.resolve();
  const send = (b: Buffer) => {
    // At most 65,535 parameters in one statement.
    const per = Math.floor(60_000 / b.columns.length);
    for (let from = 0; from < b.rows.length; from += per) {
      const params: unknown[] = [];
      const values = b.rows
        .slice(from, from + per)
        .map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`)
        .join(', ');
      const sql = `INSERT INTO "${b.table}" (${b.columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`;
      pending = pending.then(() => pg.query(sql, params));
    }
  };
  const flush = async () => {
    // Parents before children: the order in which each table was first written.
    for (const b of buffers.values())
      if (b.rows.length) {
        send({ ...b });
        b.rows = [];
      }
    await pending;
  };
  const sink: Sink = {
    insert(table, columns, row) {
      const key = `${table}(${columns.join(',')})`;
      let b = buffers.get(key);
      if (!b) buffers.set(key, (b = { table, columns, rows: [] }));
      b.rows.push(row);
    },
  };
  let flushed = 0;
  const rows = await fill(sink, scaleName, seed, async (labsDone) => {
    if (labsDone - flushed >= 20 || labsDone < 20) {
      flushed = labsDone;
      await flush();
    }
  });
  await flush();
  await pg.query('SET session_replication_role = origin');
  const seqs = await pg.query<{ t: string; s: string | null }>(
    "SELECT c.relname AS t, pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), 'id') AS s " +
      'FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ' +
      "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id' WHERE n.nspname = $1 AND c.relkind = 'r'",
    [schema],
  );
  for (const { t, s } of seqs.rows)
    if (s) await pg.query(`SELECT setval('${s}', COALESCE((SELECT MAX(id) FROM "${t}"), 0) + 1, false)`);
  // What autovacuum does soon after a load: statistics, and the visibility map that index-only scans need.
  for (const { t } of seqs.rows) await pg.query(`VACUUM ANALYZE "${t}"`);
  await pg.query('VACUUM ANALYZE attendance');
  await pg.query('VACUUM ANALYZE appreciations');
  await pg.end();
  return { seconds: (Date.now() - started) / 1000, rows };
}

/**
 * Generates the rows: skewed lab sizes, Dutch text and dates over five years, the same for a seed on both
 * databases.
 */
async function fill(
  sink: Sink,
  scaleName: ScaleName,
  seed: number,
  afterLab?: (labsDone: number) => Promise<void>,
): Promise<Record<string, number>> {
  const scale = SCALES[scaleName];
  const passwordHash = await hashPassword(BENCH_USER.password);
  const r = random(seed);
  const sentence = (n: number) => Array.from({ length: n }, () => r.pick(WORDS)).join(' ');
  const day = (offset: number) => new Date(Date.UTC(2021, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
  // Skewed lab sizes: a few big labs, a long tail of small ones.
  const weights = Array.from({ length: scale.labs }, (_, i) => 1 / Math.pow(i + 1, 0.8));
  const total = weights.reduce((a, b) => a + b, 0);
  const share = (n: number) => weights.map((w) => Math.max(1, Math.round((n * w) / total)));
  const iterationsPerLab = share(scale.iterations);
  const observationsPerLab = share(scale.observations);
  const participantsPerLab = share(scale.participants);
  const rows: Record<string, number> = {};
  const count = (t: string, n = 1) => (rows[t] = (rows[t] ?? 0) + n);
  const ids: Record<string, number> = {};
  /** Inserts a row with the next id of its table and returns that id. */
  const add = (table: string, columns: string[], values: unknown[]): number => {
    const id = (ids[table] = (ids[table] ?? 0) + 1);
    sink.insert(table, ['id', ...columns], [id, ...values]);
    return id;
  };
  const userColumns = [
    'email',
    'display_name',
    'password_hash',
    'installation_role',
    'locale',
    'version',
    'created_at',
    'updated_at',
  ];
  const groups = ['resident', 'volunteer', 'professional', 'partner', 'municipality'];
  let contributionsLeft = scale.contributions;

  add('users', userColumns, [BENCH_USER.email, 'Bench', passwordHash, 'admin', 'nl', 1, now, now]);
  for (let l = 0; l < scale.labs; l++) {
    const municipality = r.pick(MUNICIPALITIES);
    const themes = [r.pick(THEMES), r.pick(THEMES)].filter((t, i, a) => a.indexOf(t) === i);
    const labId = add(
      'labs',
      [
        'slug',
        'name',
        'question',
        'aim',
        'municipality',
        'neighbourhood',
        'themes',
        'value_dimensions',
        'status',
        'scale',
        'visibility',
        'cosigned_reflection',
        'version',
        'created_at',
        'updated_at',
      ],
      [
        `lab-${l}`,
        `Lab ${l}: ${sentence(3)}`,
        `Hoe kunnen we ${sentence(8)}?`,
        sentence(12),
        municipality,
        null,
        JSON.stringify(themes),
        JSON.stringify(DIMENSIONS),
        r.pick(['running', 'scaling', 'exploring']),
        r.pick(['street', 'neighbourhood', 'city']),
        l % 10 === 9 ? 'private' : 'public',
        false,
        1,
        now,
        now,
      ],
    );
    count('labs');
    const experimentId = add(
      'experiments',
      [
        'lab_id',
        'title',
        'description',
        'working_ingredients',
        'scale',
        'status',
        'version',
        'created_at',
        'updated_at',
      ],
      [
        labId,
        `Experiment ${sentence(2)}`,
        sentence(20),
        JSON.stringify([r.pick(WORDS), r.pick(WORDS)]),
        'street',
        'running',
        1,
        now,
        now,
      ],
    );
    count('experiments');
    const hypothesisId = add(
      'hypotheses',
      [
        'experiment_id',
        'lab_id',
        'if_we',
        'then',
        'because',
        'would_change_mind',
        'registered',
        'status',
        'replaces_id',
        'version',
        'created_at',
        'updated_at',
      ],
      [
        experimentId,
        labId,
        sentence(6),
        sentence(6),
        sentence(6),
        null,
        JSON.stringify({ ifWe: 'x', then: 'y', because: 'z', wouldChangeMind: null }),
        'testing',
        null,
        1,
        now,
        now,
      ],
    );
    const participantIds: number[] = [];
    for (let p = 0; p < participantsPerLab[l]; p++) {
      participantIds.push(
        add(
          'participants',
          [
            'lab_id',
            'pseudonym',
            'groups',
            'affiliation',
            'contact',
            'invited_by_participant_id',
            'consent_participation',
            'consent_quote',
            'consent_photo',
            'consent_contact',
            'consent_given_at',
            'consent_withdrawn_at',
            'consent_version',
            'erased_at',
            'version',
            'created_at',
            'updated_at',
          ],
          [
            labId,
            `Deelnemer ${l}-${p}`,
            JSON.stringify([
              r.pick(['65+', 'jongere', 'ouder', 'nieuwkomer', 'student']),
              r.pick(['Noord', 'Zuid', 'Oost', 'West']),
            ]),
            null,
            null,
            p > 2 && r.next() < 0.3 ? participantIds[r.int(p)] : null,
            true,
            r.next() < 0.8,
            false,
            false,
            now,
            null,
            'v1',
            null,
            1,
            now,
            now,
          ],
        ),
      );
    }
    count('participants', participantIds.length);
    const iterationIds: number[] = [];
    const start = r.int(1400);
    for (let i = 0; i < iterationsPerLab[l]; i++) {
      const from = start + Math.floor((i * (1825 - start)) / iterationsPerLab[l]);
      const itId = add(
        'iterations',
        [
          'experiment_id',
          'lab_id',
          'number',
          'starts_on',
          'ends_on',
          'plan',
          'act',
          'observe',
          'reflect',
          'decision',
          'decision_reasons',
          'version',
          'created_at',
          'updated_at',
        ],
        [
          experimentId,
          labId,
          i + 1,
          day(from),
          day(from + 20),
          sentence(10),
          sentence(10),
          sentence(10),
          sentence(10),
          'continue',
          sentence(8),
          1,
          now,
          now,
        ],
      );
      iterationIds.push(itId);
      const attending = new Set<number>();
      for (let a = 0; a < Math.min(12, participantIds.length); a++)
        attending.add(participantIds[r.int(participantIds.length)]);
      for (const p of attending)
        sink.insert('attendance', ['iteration_id', 'participant_id', 'lab_id'], [itId, p, labId]);
    }
    count('iterations', iterationIds.length);
    add(
      'hypothesis_events',
      [
        'hypothesis_id',
        'lab_id',
        'iteration_id',
        'from_status',
        'to_status',
        'rationale',
        'evidence',
        'created_by',
        'created_at',
      ],
      [hypothesisId, labId, iterationIds[0], 'open', 'testing', sentence(8), null, 1, now],
    );
    const indicatorColumns = ['lab_id', 'name', 'unit', 'signal_of', 'version', 'created_at', 'updated_at'];
    const indicatorIds = [
      add('indicators', indicatorColumns, [labId, 'Deelnemers', 'personen', 'bereik', 1, now, now]),
      add('indicators', indicatorColumns, [labId, 'Nieuwe contacten', 'contacten', 'ontmoeting', 1, now, now]),
    ];
    const storyIds: number[] = [];
    const observationColumns = [
      'lab_id',
      'iteration_id',
      'kind',
      'observed_on',
      'indicator_id',
      'value',
      'context_note',
      'story_text',
      'perspective',
      'participant_id',
      'audience',
      'self_reliance',
      'dimensions',
      'hypothesis_ids',
      'created_by',
      'version',
      'created_at',
      'updated_at',
    ];
    for (let o = 0; o < observationsPerLab[l]; o++) {
      const itIndex = Math.min(iterationIds.length - 1, Math.floor((o * iterationIds.length) / observationsPerLab[l]));
      const date = day(start + Math.floor((o * (1825 - start)) / observationsPerLab[l]));
      const story = r.next() < 0.3;
      const id = add('observations', observationColumns, [
        labId,
        iterationIds[itIndex],
        story ? 'story' : 'measure',
        date,
        story ? null : indicatorIds[o % 2],
        story ? null : r.int(60),
        story ? null : r.next() < 0.7 ? sentence(6) : null,
        story ? sentence(25) : null,
        story ? r.pick(['resident', 'volunteer', 'professional']) : null,
        story && r.next() < 0.5 ? participantIds[r.int(participantIds.length)] : null,
        story ? r.pick(['lab', 'municipality', 'public']) : 'public',
        null,
        JSON.stringify([r.pick(DIMENSIONS)]),
        '[]',
        1,
        1,
        now,
        now,
      ]);
      if (story && storyIds.length < 50) storyIds.push(id);
    }
    count('observations', observationsPerLab[l]);
    // One closed round per ten iterations, contributions in proportion to the lab's size.
    const rounds = Math.max(1, Math.floor(iterationIds.length / 10));
    const perRound = Math.max(1, Math.round((scale.contributions * weights[l]) / total / rounds));
    for (let k = 0; k < rounds && contributionsLeft > 0; k++) {
      const roundId = add(
        'evaluation_rounds',
        [
          'lab_id',
          'title',
          'period_start',
          'period_end',
          'iteration_ids',
          'prompts',
          'dimensions',
          'contributor_roles',
          'show_after_contributing',
          'status',
          'closed_at',
          'created_by',
          'version',
          'created_at',
          'updated_at',
        ],
        [
          labId,
          `Ronde ${k + 1}`,
          day(start),
          day(1825),
          JSON.stringify(iterationIds.slice(k * 10, k * 10 + 10)),
          JSON.stringify(['Wat werkte?', 'Wat verraste je?']),
          JSON.stringify(DIMENSIONS.slice(0, 4)),
          JSON.stringify(['resident', 'partner']),
          false,
          'closed',
          now,
          1,
          1,
          now,
          now,
        ],
      );
      count('evaluation_rounds');
      for (let c = 0; c < perRound && contributionsLeft > 0; c++, contributionsLeft--) {
        const userId = add('users', userColumns, [null, `Bijdrager ${roundId}-${c}`, null, false, 'nl', 1, now, now]);
        const group = groups[r.int(groups.length)];
        const contributionId = add(
          'contributions',
          [
            'round_id',
            'user_id',
            'stakeholder_group',
            'show_name',
            'answers',
            'nominated_observation_id',
            'nomination_reason',
            'version',
            'created_at',
            'updated_at',
          ],
          [
            roundId,
            userId,
            group,
            false,
            JSON.stringify([{ prompt: 0, text: sentence(8) }]),
            storyIds.length ? storyIds[r.int(storyIds.length)] : null,
            null,
            1,
            now,
            now,
          ],
        );
        for (const d of DIMENSIONS.slice(0, 3))
          sink.insert(
            'appreciations',
            ['contribution_id', 'dimension', 'round_id', 'stakeholder_group', 'score'],
            [contributionId, d, roundId, group, r.next() < 0.1 ? null : 1 + r.int(5)],
          );
        count('contributions');
      }
    }
    for (let k = 0; k < 2; k++) {
      const title = `${r.pick(['Begin met', 'Let op', 'Vraag', 'Advies'])} ${sentence(5)}`;
      const body = sentence(60);
      const id = add(
        'learnings',
        [
          'lab_id',
          'title',
          'body',
          'type',
          'themes',
          'maturity',
          'transfer_conditions',
          'status',
          'published_at',
          'created_by',
          'version',
          'created_at',
          'updated_at',
        ],
        [
          labId,
          title,
          body,
          r.pick(['working_ingredient', 'pitfall', 'open_question', 'advice']),
          JSON.stringify(themes),
          r.pick(['emerging', 'recurring', 'confirmed']),
          null,
          'published',
          now,
          1,
          1,
          now,
          now,
        ],
      );
      if (l % 10 !== 9) sink.fts?.(id, title, body, `${themes.join(' ')} ${municipality}`);
      count('learnings');
    }
    await afterLab?.(l + 1);
  }
  return rows;
}
