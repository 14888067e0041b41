import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live dialogues (tafels): a dialogue of a lab (optionally tied to a cycle) with its join code, the people who joined
 * it on their phones (only their token's hash is kept), their notes (one per joiner and client-made id) and the
 * append-only event log the Server-Sent Events streams read from `Last-Event-ID` on.
 */
export class Dialogues1764390000000 implements MigrationInterface {
  name = 'Dialogues1764390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = queryRunner.connection.options.type === 'postgres' ? POSTGRES : SQLITE;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['dialogue_events', 'dialogue_notes', 'dialogue_joiners', 'dialogues'])
      await queryRunner.query(`DROP TABLE IF EXISTS "${table}"`);
  }
}

const SQLITE: string[] = [
  'CREATE TABLE "dialogues" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), "lab_id" integer NOT NULL, "iteration_id" integer, "kind" varchar(20) NOT NULL, "title" varchar(200) NOT NULL, "status" varchar(10) NOT NULL DEFAULT (\'open\'), "join_code" varchar(12) NOT NULL, "moderation" varchar(10) NOT NULL DEFAULT (\'moderated\'), "step" integer NOT NULL DEFAULT (0), "created_by" integer, "closed_at" datetime, CONSTRAINT "FK_1dd5ff65c1fc49c0238bb012f34" FOREIGN KEY ("lab_id") REFERENCES "labs" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_e5bcc3fad1181c920185ccd9b06" FOREIGN KEY ("iteration_id") REFERENCES "iterations" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)',
  'CREATE INDEX "ix_dialogues_lab" ON "dialogues" ("lab_id") ',
  'CREATE UNIQUE INDEX "ux_dialogues_join_code" ON "dialogues" ("join_code") ',
  'CREATE TABLE "dialogue_joiners" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "dialogue_id" integer NOT NULL, "display_name" varchar(60) NOT NULL, "groups" json NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_7834d5f2ba4db1e7b112dcdbad6" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE INDEX "ix_dialogue_joiners_dialogue" ON "dialogue_joiners" ("dialogue_id") ',
  'CREATE UNIQUE INDEX "ux_dialogue_joiners_token" ON "dialogue_joiners" ("token_hash") ',
  'CREATE TABLE "dialogue_notes" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "dialogue_id" integer NOT NULL, "joiner_id" integer NOT NULL, "client_id" varchar(64) NOT NULL, "prompt" varchar(20) NOT NULL, "text" text NOT NULL, "consent" varchar(20) NOT NULL, "status" varchar(10) NOT NULL DEFAULT (\'pending\'), "reason" varchar(300), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_3e0f30630c2a81435aec74ec080" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_5b54b39d41b773ba56eee685a19" FOREIGN KEY ("joiner_id") REFERENCES "dialogue_joiners" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE INDEX "ix_dialogue_notes_dialogue" ON "dialogue_notes" ("dialogue_id") ',
  'CREATE UNIQUE INDEX "ux_dialogue_notes_client" ON "dialogue_notes" ("joiner_id", "client_id") ',
  'CREATE TABLE "dialogue_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "dialogue_id" integer NOT NULL, "type" varchar(20) NOT NULL, "note_id" integer, "joiner_id" integer, "data" json NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_986eb32684949df69fca5c71844" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE INDEX "ix_dialogue_events_dialogue" ON "dialogue_events" ("dialogue_id", "id") ',
];

const POSTGRES: string[] = [
  'CREATE TABLE "dialogues" ("id" SERIAL NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', "lab_id" integer NOT NULL, "iteration_id" integer, "kind" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "status" character varying(10) NOT NULL DEFAULT \'open\', "join_code" character varying(12) NOT NULL, "moderation" character varying(10) NOT NULL DEFAULT \'moderated\', "step" integer NOT NULL DEFAULT \'0\', "created_by" integer, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6746abe5bef7ba5c9f006569462" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_dialogues_lab" ON "dialogues"  ("lab_id") ',
  'CREATE UNIQUE INDEX "ux_dialogues_join_code" ON "dialogues"  ("join_code") ',
  'CREATE TABLE "dialogue_joiners" ("id" SERIAL NOT NULL, "dialogue_id" integer NOT NULL, "display_name" character varying(60) NOT NULL, "groups" json NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_69c7c84b3a037feb349799fcfa4" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_dialogue_joiners_dialogue" ON "dialogue_joiners"  ("dialogue_id") ',
  'CREATE UNIQUE INDEX "ux_dialogue_joiners_token" ON "dialogue_joiners"  ("token_hash") ',
  'CREATE TABLE "dialogue_notes" ("id" SERIAL NOT NULL, "dialogue_id" integer NOT NULL, "joiner_id" integer NOT NULL, "client_id" character varying(64) NOT NULL, "prompt" character varying(20) NOT NULL, "text" text NOT NULL, "consent" character varying(20) NOT NULL, "status" character varying(10) NOT NULL DEFAULT \'pending\', "reason" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_010227a51359d81833e344e6121" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_dialogue_notes_dialogue" ON "dialogue_notes"  ("dialogue_id") ',
  'CREATE UNIQUE INDEX "ux_dialogue_notes_client" ON "dialogue_notes"  ("joiner_id", "client_id") ',
  'CREATE TABLE "dialogue_events" ("id" SERIAL NOT NULL, "dialogue_id" integer NOT NULL, "type" character varying(20) NOT NULL, "note_id" integer, "joiner_id" integer, "data" json NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9bca587edde28aadaec1b2f06eb" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_dialogue_events_dialogue" ON "dialogue_events"  ("dialogue_id", "id") ',
  'ALTER TABLE "dialogues" ADD CONSTRAINT "FK_1dd5ff65c1fc49c0238bb012f34" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "dialogues" ADD CONSTRAINT "FK_e5bcc3fad1181c920185ccd9b06" FOREIGN KEY ("iteration_id") REFERENCES "iterations"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
  'ALTER TABLE "dialogue_joiners" ADD CONSTRAINT "FK_7834d5f2ba4db1e7b112dcdbad6" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "dialogue_notes" ADD CONSTRAINT "FK_3e0f30630c2a81435aec74ec080" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "dialogue_notes" ADD CONSTRAINT "FK_5b54b39d41b773ba56eee685a19" FOREIGN KEY ("joiner_id") REFERENCES "dialogue_joiners"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "dialogue_events" ADD CONSTRAINT "FK_986eb32684949df69fca5c71844" FOREIGN KEY ("dialogue_id") REFERENCES "dialogues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
];
