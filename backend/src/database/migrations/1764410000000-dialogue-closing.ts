import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing a table: each phone's personal link back to what came of it (only its hash is kept), and a closing that
 * changes the lab's data version (the lab's timeline shows the table), as the lab-data-version triggers do for the
 * lab's own tables. Only the status change counts: steps and notes at a live table leave the lab's caches alone.
 */
export class DialogueClosing1764410000000 implements MigrationInterface {
  name = 'DialogueClosing1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    for (const sql of pg ? POSTGRES : SQLITE) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`DROP TRIGGER IF EXISTS "dialogues_touch_lab"${pg ? ' ON "dialogues"' : ''}`);
    if (pg) await queryRunner.query('DROP FUNCTION IF EXISTS touch_lab_dialogue()');
    await queryRunner.query('DROP TABLE IF EXISTS "dialogue_return_links"');
  }
}

const SQLITE: string[] = [
  'CREATE TABLE "dialogue_return_links" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, ' +
    '"joiner_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, ' +
    '"created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), ' +
    'CONSTRAINT "FK_fc0b52e882c16a186699a74193d" FOREIGN KEY ("joiner_id") REFERENCES "dialogue_joiners" ("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE UNIQUE INDEX "ux_dialogue_return_links_joiner" ON "dialogue_return_links" ("joiner_id")',
  'CREATE UNIQUE INDEX "ux_dialogue_return_links_token" ON "dialogue_return_links" ("token_hash")',
  'CREATE TRIGGER "dialogues_touch_lab" AFTER UPDATE OF "status" ON "dialogues" WHEN OLD.status IS NOT NEW.status ' +
    'BEGIN UPDATE labs SET data_version = random() WHERE id = NEW.lab_id; END',
];

const POSTGRES: string[] = [
  'CREATE TABLE "dialogue_return_links" ("id" SERIAL NOT NULL, "joiner_id" integer NOT NULL, ' +
    '"token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, ' +
    '"created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), ' +
    'CONSTRAINT "pk_dialogue_return_links" PRIMARY KEY ("id"), ' +
    'CONSTRAINT "FK_fc0b52e882c16a186699a74193d" FOREIGN KEY ("joiner_id") REFERENCES "dialogue_joiners"("id") ' +
    'ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE UNIQUE INDEX "ux_dialogue_return_links_joiner" ON "dialogue_return_links" ("joiner_id")',
  'CREATE UNIQUE INDEX "ux_dialogue_return_links_token" ON "dialogue_return_links" ("token_hash")',
  'CREATE FUNCTION touch_lab_dialogue() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ ' +
    "BEGIN UPDATE labs SET data_version = nextval('data_version_seq') WHERE id = NEW.lab_id; RETURN NULL; END $$",
  'CREATE TRIGGER "dialogues_touch_lab" AFTER UPDATE OF "status" ON "dialogues" FOR EACH ROW ' +
    'WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION touch_lab_dialogue()',
];
