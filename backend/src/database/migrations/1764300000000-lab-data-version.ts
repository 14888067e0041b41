import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lab's data version: a number the database itself changes whenever anything in the lab changes,
 * so computed answers (charts, timeline, round results, counts) can be kept and reused until then.
 * Triggers, not application code, keep it true: every write path and every instance sees the same number.
 * SQLite has row triggers; PostgreSQL uses statement triggers over transition tables, so a bulk import
 * changes it once per statement rather than once per row. The public library has one such number for the
 * whole installation (data_versions), changed by learnings and by what the library shows of labs.
 * A new version is never an old one again, even after a rollback: SQLite takes a random 64-bit number (its one
 * connection may read a write that is later rolled back), PostgreSQL the next value of a sequence. The trigger
 * functions keep the schema they were created in (SET search_path FROM CURRENT), so any session may write.
 */
export class LabDataVersion1764300000000 implements MigrationInterface {
  name = 'LabDataVersion1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = queryRunner.connection.options.type === 'postgres' ? postgres() : sqlite();
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    for (const [table] of WATCHED) for (const op of OPS) await queryRunner.query(`DROP TRIGGER IF EXISTS "${table}_touch_lab_${op}"${pg ? ` ON "${table}"` : ''}`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS "organisations_touch_lab"${pg ? ' ON "organisations"' : ''}`);
    for (const [table] of LIBRARY_SOURCES) for (const op of OPS) await queryRunner.query(`DROP TRIGGER IF EXISTS "${table}_touch_library_${op}"${pg ? ` ON "${table}"` : ''}`);
    for (const name of ['labs_touch_library', 'labs_touch_library_delete', 'labs_touch_lab']) await queryRunner.query(`DROP TRIGGER IF EXISTS "${name}"${pg ? ' ON "labs"' : ''}`);
    if (pg) for (const fn of ['touch_library', 'touch_lab_self']) await queryRunner.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    await queryRunner.query('DROP TABLE IF EXISTS "data_versions"');
    if (pg) {
      for (const via of ['lab', 'round', 'iteration']) for (const op of OPS) await queryRunner.query(`DROP FUNCTION IF EXISTS touch_lab_${via}_${op}()`);
      await queryRunner.query('DROP FUNCTION IF EXISTS touch_lab_organisation()');
    }
    for (const index of ['ix_observations_lab_kind_date', 'ix_observations_lab_measures', 'ix_observations_lab_bare']) await queryRunner.query(`DROP INDEX IF EXISTS "${index}"`);
    await queryRunner.query('ALTER TABLE "labs" DROP COLUMN "data_version"');
    if (pg) await queryRunner.query('DROP SEQUENCE IF EXISTS "data_version_seq"');
  }
}

type Via = 'lab' | 'round' | 'iteration';
/** The tables whose rows belong to a lab, and how a row finds its lab. */
const WATCHED: [string, Via][] = [
  ['experiments', 'lab'], ['hypotheses', 'lab'], ['iterations', 'lab'], ['hypothesis_events', 'lab'], ['lab_partners', 'lab'], ['indicators', 'lab'],
  ['participants', 'lab'], ['observations', 'lab'], ['attendance', 'lab'], ['evaluation_rounds', 'lab'], ['learnings', 'lab'], ['learning_evidence', 'lab'],
  ['lab_members', 'lab'], ['invitations', 'lab'],
  ['contributions', 'round'], ['appreciations', 'round'], ['round_follow_ups', 'round'], ['iteration_reflections', 'iteration'],
];
const OPS = ['insert', 'update', 'delete'] as const;

/** The lab ids a set of rows (`rows` names a row alias or a transition table) belongs to. */
const labsOf = (via: Via, sqliteRow: string | null, pgTable: string | null): string => {
  const key = via === 'lab' ? 'lab_id' : via === 'round' ? 'round_id' : 'iteration_id';
  const from = via === 'lab' ? null : via === 'round' ? 'evaluation_rounds' : 'iterations';
  if (sqliteRow) return from ? `(SELECT lab_id FROM ${from} WHERE id = ${sqliteRow}.${key})` : `${sqliteRow}.${key}`;
  return from ? `SELECT x.lab_id FROM ${from} x WHERE x.id IN (SELECT ${key} FROM ${pgTable})` : `SELECT ${key} FROM ${pgTable}`;
};

/** Indexes for the lab's observations by kind and date (lists, late pages) and for its measures (charts), both covering their queries. */
const INDEXES = [
  'CREATE INDEX "ix_observations_lab_kind_date" ON "observations" ("lab_id", "kind", "observed_on", "id")',
  'CREATE INDEX "ix_observations_lab_measures" ON "observations" ("lab_id", "kind", "indicator_id", "observed_on", "iteration_id", "value")',
  // Measures without a context note (a chart's "without its story" count reads only these).
  `CREATE INDEX "ix_observations_lab_bare" ON "observations" ("lab_id", "indicator_id", "iteration_id") WHERE kind = 'measure' AND COALESCE(context_note, '') = ''`,
];

/** The public library (published learnings with their labs) has one version for the whole installation. */
const LIBRARY_SOURCES: [string, string][] = [
  ['learnings', 'AFTER {op} ON "learnings"'], ['learning_evidence', 'AFTER {op} ON "learning_evidence"'], ['learning_contradictions', 'AFTER {op} ON "learning_contradictions"'],
];
/** Only what the library shows of a lab: not the data-version raises above. */
const LAB_LIBRARY_COLUMNS = '"name", "municipality", "neighbourhood", "visibility"';

function sqlite(): string[] {
  const out = ['ALTER TABLE "labs" ADD COLUMN "data_version" bigint NOT NULL DEFAULT (0)', ...INDEXES];
  out.push('CREATE TABLE "data_versions" ("name" varchar(40) PRIMARY KEY NOT NULL, "version" bigint NOT NULL DEFAULT (0))', `INSERT INTO "data_versions" ("name", "version") VALUES ('library', 0)`);
  const library = "UPDATE data_versions SET version = random() WHERE name = 'library';";
  // The lab itself: its optimistic-lock version changes on every update the application makes.
  out.push('CREATE TRIGGER "labs_touch_lab" AFTER UPDATE OF "version" ON "labs" BEGIN UPDATE labs SET data_version = random() WHERE id = NEW.id; END');
  for (const [table] of LIBRARY_SOURCES) for (const op of OPS) out.push(`CREATE TRIGGER "${table}_touch_library_${op}" AFTER ${op.toUpperCase()} ON "${table}" BEGIN ${library} END`);
  out.push(`CREATE TRIGGER "labs_touch_library" AFTER UPDATE OF ${LAB_LIBRARY_COLUMNS} ON "labs" BEGIN ${library} END`);
  out.push(`CREATE TRIGGER "labs_touch_library_delete" AFTER DELETE ON "labs" BEGIN ${library} END`);
  const bump = (ids: string) => `UPDATE labs SET data_version = random() WHERE id IN (${ids});`;
  for (const [table, via] of WATCHED) {
    out.push(`CREATE TRIGGER "${table}_touch_lab_insert" AFTER INSERT ON "${table}" BEGIN ${bump(labsOf(via, 'NEW', null))} END`);
    out.push(`CREATE TRIGGER "${table}_touch_lab_update" AFTER UPDATE ON "${table}" BEGIN ${bump(`${labsOf(via, 'OLD', null)}, ${labsOf(via, 'NEW', null)}`)} END`);
    out.push(`CREATE TRIGGER "${table}_touch_lab_delete" AFTER DELETE ON "${table}" BEGIN ${bump(labsOf(via, 'OLD', null))} END`);
  }
  // A partner organisation's new name shows in every lab it works with.
  out.push(`CREATE TRIGGER "organisations_touch_lab" AFTER UPDATE ON "organisations" BEGIN ${bump('SELECT lab_id FROM lab_partners WHERE organisation_id = NEW.id')} END`);
  return out;
}

function postgres(): string[] {
  const out = ['ALTER TABLE "labs" ADD "data_version" bigint NOT NULL DEFAULT 0', ...INDEXES, 'CREATE SEQUENCE "data_version_seq"'];
  out.push('CREATE TABLE "data_versions" ("name" character varying(40) NOT NULL, "version" bigint NOT NULL DEFAULT 0, CONSTRAINT "PK_data_versions" PRIMARY KEY ("name"))', `INSERT INTO "data_versions" ("name", "version") VALUES ('library', 0)`);
  out.push("CREATE FUNCTION touch_library() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN UPDATE data_versions SET version = nextval('data_version_seq') WHERE name = 'library'; RETURN NULL; END $$");
  // The lab itself: its optimistic-lock version changes on every update the application makes.
  out.push("CREATE FUNCTION touch_lab_self() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN IF NEW.version IS DISTINCT FROM OLD.version THEN NEW.data_version := nextval('data_version_seq'); END IF; RETURN NEW; END $$");
  out.push('CREATE TRIGGER "labs_touch_lab" BEFORE UPDATE ON "labs" FOR EACH ROW EXECUTE FUNCTION touch_lab_self()');
  for (const [table] of LIBRARY_SOURCES) for (const op of OPS) out.push(`CREATE TRIGGER "${table}_touch_library_${op}" AFTER ${op.toUpperCase()} ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION touch_library()`);
  out.push(`CREATE TRIGGER "labs_touch_library" AFTER UPDATE OF ${LAB_LIBRARY_COLUMNS} ON "labs" FOR EACH STATEMENT EXECUTE FUNCTION touch_library()`);
  out.push('CREATE TRIGGER "labs_touch_library_delete" AFTER DELETE ON "labs" FOR EACH STATEMENT EXECUTE FUNCTION touch_library()');
  const fn = (name: string, ids: string) =>
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN UPDATE labs SET data_version = nextval('data_version_seq') WHERE id IN (${ids}); RETURN NULL; END $$`;
  for (const via of ['lab', 'round', 'iteration'] as Via[]) {
    out.push(fn(`touch_lab_${via}_insert`, labsOf(via, null, 'new_rows')));
    out.push(fn(`touch_lab_${via}_update`, `${labsOf(via, null, 'new_rows')} UNION ${labsOf(via, null, 'old_rows')}`));
    out.push(fn(`touch_lab_${via}_delete`, labsOf(via, null, 'old_rows')));
  }
  for (const [table, via] of WATCHED) {
    out.push(`CREATE TRIGGER "${table}_touch_lab_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_lab_${via}_insert()`);
    out.push(`CREATE TRIGGER "${table}_touch_lab_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_lab_${via}_update()`);
    out.push(`CREATE TRIGGER "${table}_touch_lab_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_lab_${via}_delete()`);
  }
  out.push(fn('touch_lab_organisation', 'SELECT p.lab_id FROM lab_partners p WHERE p.organisation_id IN (SELECT id FROM new_rows)'));
  out.push('CREATE TRIGGER "organisations_touch_lab" AFTER UPDATE ON "organisations" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_lab_organisation()');
  return out;
}
