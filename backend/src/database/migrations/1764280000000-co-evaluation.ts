import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Co-evaluation: evaluation rounds, contributions with their appreciations, follow-ups, co-signed
 * reflections on iterations, a lab setting for those, and invitations that lead to a round.
 * SQLite adds columns with ALTER TABLE (never a table rebuild: with foreign keys on, dropping a parent
 * table would cascade into its children).
 */
export class CoEvaluation1764280000000 implements MigrationInterface {
  name = 'CoEvaluation1764280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = queryRunner.connection.options.type === 'postgres' ? POSTGRES : SQLITE;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['appreciations', 'contributions', 'round_follow_ups', 'evaluation_rounds', 'iteration_reflections']) {
      await queryRunner.query(`DROP TABLE IF EXISTS "${table}"`);
    }
    await queryRunner.query('ALTER TABLE "invitations" DROP COLUMN "round_id"');
    await queryRunner.query('ALTER TABLE "labs" DROP COLUMN "cosigned_reflection"');
  }
}

const SQLITE: string[] = [
  "CREATE TABLE \"evaluation_rounds\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL DEFAULT (1), \"lab_id\" integer NOT NULL, \"title\" varchar(200) NOT NULL, \"period_start\" varchar(10) NOT NULL, \"period_end\" varchar(10) NOT NULL, \"iteration_ids\" json NOT NULL, \"prompts\" json NOT NULL, \"dimensions\" json NOT NULL, \"contributor_roles\" json NOT NULL, \"show_after_contributing\" boolean NOT NULL DEFAULT (0), \"status\" varchar(10) NOT NULL DEFAULT ('open'), \"closed_at\" datetime, \"created_by\" integer, CONSTRAINT \"FK_ca3b0689cdc645dd76615037be0\" FOREIGN KEY (\"lab_id\") REFERENCES \"labs\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)",
  "CREATE INDEX \"ix_rounds_lab\" ON \"evaluation_rounds\" (\"lab_id\") ",
  "CREATE TABLE \"contributions\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL DEFAULT (1), \"round_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"stakeholder_group\" varchar(20) NOT NULL, \"show_name\" boolean NOT NULL DEFAULT (0), \"answers\" json NOT NULL, \"nominated_observation_id\" integer, \"nomination_reason\" text, CONSTRAINT \"FK_6e36fc32431f9013fb43297fa46\" FOREIGN KEY (\"round_id\") REFERENCES \"evaluation_rounds\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_1974f0066f8125ca1d548f524db\" FOREIGN KEY (\"user_id\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)",
  "CREATE UNIQUE INDEX \"ux_contributions_round_user\" ON \"contributions\" (\"round_id\", \"user_id\") ",
  "CREATE TABLE \"appreciations\" (\"contribution_id\" integer NOT NULL, \"dimension\" varchar(80) NOT NULL, \"round_id\" integer NOT NULL, \"stakeholder_group\" varchar(20) NOT NULL, \"score\" integer, CONSTRAINT \"FK_7e527a22728bc7adb4efbd1b98c\" FOREIGN KEY (\"contribution_id\") REFERENCES \"contributions\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"contribution_id\", \"dimension\"))",
  "CREATE INDEX \"ix_appreciations_round_dimension\" ON \"appreciations\" (\"round_id\", \"dimension\", \"stakeholder_group\") ",
  "CREATE TABLE \"round_follow_ups\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"round_id\" integer NOT NULL, \"kind\" varchar(20) NOT NULL, \"text\" text NOT NULL, \"iteration_id\" integer, \"created_by\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_79458e80694a048a4d258e05067\" FOREIGN KEY (\"round_id\") REFERENCES \"evaluation_rounds\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_933bb84aeb2edcff7a587b1b5af\" FOREIGN KEY (\"iteration_id\") REFERENCES \"iterations\" (\"id\") ON DELETE SET NULL ON UPDATE NO ACTION)",
  "CREATE INDEX \"ix_follow_ups_round\" ON \"round_follow_ups\" (\"round_id\") ",
  "CREATE TABLE \"iteration_reflections\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"iteration_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"stakeholder_group\" varchar(20) NOT NULL, \"text\" text NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_07ea773bf6ba42c931a012c4746\" FOREIGN KEY (\"iteration_id\") REFERENCES \"iterations\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_546e047756cac1e6b4d2d81615b\" FOREIGN KEY (\"user_id\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)",
  "CREATE INDEX \"ix_reflections_iteration\" ON \"iteration_reflections\" (\"iteration_id\") ",
  "ALTER TABLE \"labs\" ADD COLUMN \"cosigned_reflection\" boolean NOT NULL DEFAULT (0)",
  "ALTER TABLE \"invitations\" ADD COLUMN \"round_id\" integer",
];

const POSTGRES: string[] = [
  "CREATE TABLE \"evaluation_rounds\" (\"id\" SERIAL NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"version\" integer NOT NULL DEFAULT '1', \"lab_id\" integer NOT NULL, \"title\" character varying(200) NOT NULL, \"period_start\" character varying(10) NOT NULL, \"period_end\" character varying(10) NOT NULL, \"iteration_ids\" json NOT NULL, \"prompts\" json NOT NULL, \"dimensions\" json NOT NULL, \"contributor_roles\" json NOT NULL, \"show_after_contributing\" boolean NOT NULL DEFAULT false, \"status\" character varying(10) NOT NULL DEFAULT 'open', \"closed_at\" TIMESTAMP WITH TIME ZONE, \"created_by\" integer, CONSTRAINT \"PK_2f89fb85254cd05489583c27c58\" PRIMARY KEY (\"id\"))",
  "CREATE INDEX \"ix_rounds_lab\" ON \"evaluation_rounds\"  (\"lab_id\") ",
  "CREATE TABLE \"contributions\" (\"id\" SERIAL NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"version\" integer NOT NULL DEFAULT '1', \"round_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"stakeholder_group\" character varying(20) NOT NULL, \"show_name\" boolean NOT NULL DEFAULT false, \"answers\" json NOT NULL, \"nominated_observation_id\" integer, \"nomination_reason\" text, CONSTRAINT \"PK_ca2b4f39eb9e32a61278c711f79\" PRIMARY KEY (\"id\"))",
  "CREATE UNIQUE INDEX \"ux_contributions_round_user\" ON \"contributions\"  (\"round_id\", \"user_id\") ",
  "CREATE TABLE \"appreciations\" (\"contribution_id\" integer NOT NULL, \"dimension\" character varying(80) NOT NULL, \"round_id\" integer NOT NULL, \"stakeholder_group\" character varying(20) NOT NULL, \"score\" integer, CONSTRAINT \"PK_6a643ba4c6a8db02211586fc325\" PRIMARY KEY (\"contribution_id\", \"dimension\"))",
  "CREATE INDEX \"ix_appreciations_round_dimension\" ON \"appreciations\"  (\"round_id\", \"dimension\", \"stakeholder_group\") ",
  "CREATE TABLE \"round_follow_ups\" (\"id\" SERIAL NOT NULL, \"round_id\" integer NOT NULL, \"kind\" character varying(20) NOT NULL, \"text\" text NOT NULL, \"iteration_id\" integer, \"created_by\" integer, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8cd36b106f8772ce7691724e7ec\" PRIMARY KEY (\"id\"))",
  "CREATE INDEX \"ix_follow_ups_round\" ON \"round_follow_ups\"  (\"round_id\") ",
  "CREATE TABLE \"iteration_reflections\" (\"id\" SERIAL NOT NULL, \"iteration_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"stakeholder_group\" character varying(20) NOT NULL, \"text\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_806d0ce424bb51177d923095989\" PRIMARY KEY (\"id\"))",
  "CREATE INDEX \"ix_reflections_iteration\" ON \"iteration_reflections\"  (\"iteration_id\") ",
  "ALTER TABLE \"labs\" ADD \"cosigned_reflection\" boolean NOT NULL DEFAULT false",
  "ALTER TABLE \"invitations\" ADD \"round_id\" integer",
  "ALTER TABLE \"evaluation_rounds\" ADD CONSTRAINT \"FK_ca3b0689cdc645dd76615037be0\" FOREIGN KEY (\"lab_id\") REFERENCES \"labs\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
  "ALTER TABLE \"contributions\" ADD CONSTRAINT \"FK_6e36fc32431f9013fb43297fa46\" FOREIGN KEY (\"round_id\") REFERENCES \"evaluation_rounds\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
  "ALTER TABLE \"contributions\" ADD CONSTRAINT \"FK_1974f0066f8125ca1d548f524db\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
  "ALTER TABLE \"appreciations\" ADD CONSTRAINT \"FK_7e527a22728bc7adb4efbd1b98c\" FOREIGN KEY (\"contribution_id\") REFERENCES \"contributions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
  "ALTER TABLE \"round_follow_ups\" ADD CONSTRAINT \"FK_79458e80694a048a4d258e05067\" FOREIGN KEY (\"round_id\") REFERENCES \"evaluation_rounds\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
  "ALTER TABLE \"round_follow_ups\" ADD CONSTRAINT \"FK_933bb84aeb2edcff7a587b1b5af\" FOREIGN KEY (\"iteration_id\") REFERENCES \"iterations\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION",
  "ALTER TABLE \"iteration_reflections\" ADD CONSTRAINT \"FK_07ea773bf6ba42c931a012c4746\" FOREIGN KEY (\"iteration_id\") REFERENCES \"iterations\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
  "ALTER TABLE \"iteration_reflections\" ADD CONSTRAINT \"FK_546e047756cac1e6b4d2d81615b\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
];
