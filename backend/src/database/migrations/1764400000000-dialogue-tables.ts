import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The three tables' own work: an editable script of steps and the energy dots each person has; clusters of notes,
 * merged duplicates, the case a tip or question belongs to and what its owner takes on; dots and upvotes; the working
 * ingredients tagged on an example; the chosen question; and what closing wrote into the lab (links back).
 */
export class DialogueTables1764400000000 implements MigrationInterface {
  name = 'DialogueTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    const statements = pg ? POSTGRES : SQLITE;
    for (const sql of [...COLUMNS(pg), ...statements]) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['dialogue_outcomes', 'dialogue_tags', 'dialogue_marks', 'dialogue_clusters'])
      await queryRunner.query(`DROP TABLE IF EXISTS "${table}"`);
    const columns: [string, string][] = [
      ['dialogues', 'steps'],
      ['dialogues', 'dots_per_person'],
      ['dialogues', 'chosen_note_id'],
      ['dialogues', 'outcome'],
      ['dialogue_joiners', 'user_id'],
      ['dialogue_notes', 'cluster_id'],
      ['dialogue_notes', 'merged_into'],
      ['dialogue_notes', 'parent_id'],
      ['dialogue_notes', 'taken_on'],
    ];
    for (const [table, column] of columns) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
  }
}

const COLUMNS = (pg: boolean): string[] => [
  'ALTER TABLE "dialogues" ADD "steps" json',
  'ALTER TABLE "dialogues" ADD "dots_per_person" integer NOT NULL DEFAULT 3',
  'ALTER TABLE "dialogues" ADD "chosen_note_id" integer',
  'ALTER TABLE "dialogues" ADD "outcome" json',
  'ALTER TABLE "dialogue_joiners" ADD "user_id" integer',
  'ALTER TABLE "dialogue_notes" ADD "cluster_id" integer',
  'ALTER TABLE "dialogue_notes" ADD "merged_into" integer',
  'ALTER TABLE "dialogue_notes" ADD "parent_id" integer',
  `ALTER TABLE "dialogue_notes" ADD "taken_on" boolean NOT NULL DEFAULT ${pg ? 'false' : '0'}`,
];

const SQLITE: string[] = [
  'CREATE TABLE "dialogue_clusters" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, ' +
    '"dialogue_id" integer NOT NULL, "label" varchar(120) NOT NULL, ' +
    '"created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), ' +
    'CONSTRAINT "FK_5e891f7d11b5528d27ca3a15c74" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues" ("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE INDEX "ix_dialogue_clusters_dialogue" ON "dialogue_clusters" ("dialogue_id")',
  'CREATE TABLE "dialogue_marks" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, ' +
    '"dialogue_id" integer NOT NULL, "note_id" integer NOT NULL, "joiner_id" integer NOT NULL, ' +
    '"kind" varchar(10) NOT NULL, "count" integer NOT NULL DEFAULT (1), ' +
    'CONSTRAINT "FK_186bd4e367116599a63ea9a2948" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues" ("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION, ' +
    'CONSTRAINT "FK_5a372f7f4f5915e07900f4b9e89" FOREIGN KEY ("note_id") REFERENCES "dialogue_notes" ("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION, ' +
    'CONSTRAINT "FK_9d02de05842d3ee74a6d87d9241" FOREIGN KEY ("joiner_id") REFERENCES "dialogue_joiners" ("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE UNIQUE INDEX "ux_dialogue_marks" ON "dialogue_marks" ("note_id", "joiner_id", "kind")',
  'CREATE INDEX "ix_dialogue_marks_dialogue" ON "dialogue_marks" ("dialogue_id")',
  'CREATE TABLE "dialogue_tags" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, ' +
    '"dialogue_id" integer NOT NULL, "note_id" integer NOT NULL, "ingredient" varchar(120) NOT NULL, ' +
    '"joiner_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), ' +
    'CONSTRAINT "FK_3aa1a84b8dc3d9ea3395bd844d2" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues" ("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION, ' +
    'CONSTRAINT "FK_86e9a4cb25954c65e1af0c6f66a" FOREIGN KEY ("note_id") REFERENCES "dialogue_notes" ("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE UNIQUE INDEX "ux_dialogue_tags" ON "dialogue_tags" ("note_id", "ingredient")',
  'CREATE INDEX "ix_dialogue_tags_dialogue" ON "dialogue_tags" ("dialogue_id")',
  'CREATE TABLE "dialogue_outcomes" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, ' +
    '"dialogue_id" integer NOT NULL, "lab_id" integer NOT NULL, "entity_type" varchar(30) NOT NULL, ' +
    '"entity_id" integer NOT NULL, "note_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), ' +
    'CONSTRAINT "FK_360e24a021fb519c412ad2a9c69" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues" ("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE INDEX "ix_dialogue_outcomes_dialogue" ON "dialogue_outcomes" ("dialogue_id")',
  'CREATE INDEX "ix_dialogue_outcomes_entity" ON "dialogue_outcomes" ("entity_type", "entity_id")',
];

const POSTGRES: string[] = [
  'CREATE TABLE "dialogue_clusters" ("id" SERIAL NOT NULL, "dialogue_id" integer NOT NULL, ' +
    '"label" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), ' +
    'CONSTRAINT "pk_dialogue_clusters" PRIMARY KEY ("id"), ' +
    'CONSTRAINT "FK_5e891f7d11b5528d27ca3a15c74" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues"("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE INDEX "ix_dialogue_clusters_dialogue" ON "dialogue_clusters" ("dialogue_id")',
  'CREATE TABLE "dialogue_marks" ("id" SERIAL NOT NULL, "dialogue_id" integer NOT NULL, ' +
    '"note_id" integer NOT NULL, "joiner_id" integer NOT NULL, "kind" character varying(10) NOT NULL, ' +
    '"count" integer NOT NULL DEFAULT 1, CONSTRAINT "pk_dialogue_marks" PRIMARY KEY ("id"), ' +
    'CONSTRAINT "FK_186bd4e367116599a63ea9a2948" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues"("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION, ' +
    'CONSTRAINT "FK_5a372f7f4f5915e07900f4b9e89" FOREIGN KEY ("note_id") REFERENCES "dialogue_notes"("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION, ' +
    'CONSTRAINT "FK_9d02de05842d3ee74a6d87d9241" FOREIGN KEY ("joiner_id") REFERENCES "dialogue_joiners"("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE UNIQUE INDEX "ux_dialogue_marks" ON "dialogue_marks" ("note_id", "joiner_id", "kind")',
  'CREATE INDEX "ix_dialogue_marks_dialogue" ON "dialogue_marks" ("dialogue_id")',
  'CREATE TABLE "dialogue_tags" ("id" SERIAL NOT NULL, "dialogue_id" integer NOT NULL, ' +
    '"note_id" integer NOT NULL, "ingredient" character varying(120) NOT NULL, "joiner_id" integer, ' +
    '"created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_dialogue_tags" PRIMARY KEY ("id"), ' +
    'CONSTRAINT "FK_3aa1a84b8dc3d9ea3395bd844d2" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues"("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION, ' +
    'CONSTRAINT "FK_86e9a4cb25954c65e1af0c6f66a" FOREIGN KEY ("note_id") REFERENCES "dialogue_notes"("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE UNIQUE INDEX "ux_dialogue_tags" ON "dialogue_tags" ("note_id", "ingredient")',
  'CREATE INDEX "ix_dialogue_tags_dialogue" ON "dialogue_tags" ("dialogue_id")',
  'CREATE TABLE "dialogue_outcomes" ("id" SERIAL NOT NULL, "dialogue_id" integer NOT NULL, ' +
    '"lab_id" integer NOT NULL, "entity_type" character varying(30) NOT NULL, "entity_id" integer NOT NULL, ' +
    '"note_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), ' +
    'CONSTRAINT "pk_dialogue_outcomes" PRIMARY KEY ("id"), ' +
    'CONSTRAINT "FK_360e24a021fb519c412ad2a9c69" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues"("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE INDEX "ix_dialogue_outcomes_dialogue" ON "dialogue_outcomes" ("dialogue_id")',
  'CREATE INDEX "ix_dialogue_outcomes_entity" ON "dialogue_outcomes" ("entity_type", "entity_id")',
];
