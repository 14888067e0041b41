import { MigrationInterface, QueryRunner } from 'typeorm';

/** Council summaries frozen as dated snapshots: the content for its audience, never changed afterwards. */
export class SummarySnapshots1764420000000 implements MigrationInterface {
  name = 'SummarySnapshots1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    for (const sql of pg ? POSTGRES : SQLITE) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS "summary_snapshots"');
  }
}

const SQLITE = [
  'CREATE TABLE "summary_snapshots" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "lab_id" integer NOT NULL, ' +
    '"round_id" integer, "audience" varchar(20) NOT NULL, "content" json NOT NULL, "stamp" varchar(30) NOT NULL, ' +
    '"created_by" integer, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), ' +
    'CONSTRAINT "FK_368417d544b41c138d2ac9a1d9c" FOREIGN KEY ("lab_id") REFERENCES "labs" ("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE INDEX "ix_summary_snapshots_lab" ON "summary_snapshots" ("lab_id")',
];

const POSTGRES = [
  'CREATE TABLE "summary_snapshots" ("id" SERIAL NOT NULL, "lab_id" integer NOT NULL, "round_id" integer, ' +
    '"audience" character varying(20) NOT NULL, "content" json NOT NULL, "stamp" character varying(30) NOT NULL, ' +
    '"created_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), ' +
    'CONSTRAINT "pk_summary_snapshots" PRIMARY KEY ("id"), ' +
    'CONSTRAINT "FK_368417d544b41c138d2ac9a1d9c" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE INDEX "ix_summary_snapshots_lab" ON "summary_snapshots" ("lab_id")',
];
