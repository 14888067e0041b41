import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The learnings library: learnings, their evidence trail and contradictions, and full-text search —
 * an FTS5 table on SQLite (filled only with published learnings), a Dutch GIN expression index on PostgreSQL.
 */
export class Learnings1764290000000 implements MigrationInterface {
  name = 'Learnings1764290000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = queryRunner.connection.options.type === 'postgres' ? POSTGRES : SQLITE;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') await queryRunner.query('DROP TABLE IF EXISTS "learnings_fts"');
    for (const table of ['learning_contradictions', 'learning_evidence', 'learnings']) await queryRunner.query(`DROP TABLE IF EXISTS "${table}"`);
  }
}

const SQLITE: string[] = [
  "CREATE TABLE \"learnings\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL DEFAULT (1), \"lab_id\" integer NOT NULL, \"title\" varchar(200) NOT NULL, \"body\" text NOT NULL, \"type\" varchar(20) NOT NULL, \"themes\" json NOT NULL, \"maturity\" varchar(20) NOT NULL, \"transfer_conditions\" text, \"status\" varchar(10) NOT NULL DEFAULT ('draft'), \"published_at\" datetime, \"created_by\" integer, CONSTRAINT \"FK_f381ccdd87a26dcca36dcd6708e\" FOREIGN KEY (\"lab_id\") REFERENCES \"labs\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)",
  "CREATE INDEX \"ix_learnings_lab\" ON \"learnings\" (\"lab_id\") ",
  "CREATE INDEX \"ix_learnings_status_published\" ON \"learnings\" (\"status\", \"published_at\") ",
  "CREATE TABLE \"learning_evidence\" (\"learning_id\" integer NOT NULL, \"kind\" varchar(20) NOT NULL, \"ref_id\" integer NOT NULL, \"lab_id\" integer NOT NULL, CONSTRAINT \"FK_4ffe022c071237a2a58b28aa663\" FOREIGN KEY (\"learning_id\") REFERENCES \"learnings\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"learning_id\", \"kind\", \"ref_id\"))",
  "CREATE INDEX \"ix_learning_evidence_lab\" ON \"learning_evidence\" (\"lab_id\") ",
  "CREATE INDEX \"ix_learning_evidence_learning\" ON \"learning_evidence\" (\"learning_id\") ",
  "CREATE TABLE \"learning_contradictions\" (\"learning_id\" integer NOT NULL, \"other_id\" integer NOT NULL, CONSTRAINT \"FK_126a1964debe62e5c65fa3ddbcb\" FOREIGN KEY (\"learning_id\") REFERENCES \"learnings\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_98954e441bec77056712d21da42\" FOREIGN KEY (\"other_id\") REFERENCES \"learnings\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"learning_id\", \"other_id\"))",
  "CREATE VIRTUAL TABLE \"learnings_fts\" USING fts5(title, body, extra, tokenize = 'unicode61 remove_diacritics 2')",
];

const POSTGRES: string[] = [
  "CREATE TABLE \"learnings\" (\"id\" SERIAL NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"version\" integer NOT NULL DEFAULT '1', \"lab_id\" integer NOT NULL, \"title\" character varying(200) NOT NULL, \"body\" text NOT NULL, \"type\" character varying(20) NOT NULL, \"themes\" json NOT NULL, \"maturity\" character varying(20) NOT NULL, \"transfer_conditions\" text, \"status\" character varying(10) NOT NULL DEFAULT 'draft', \"published_at\" TIMESTAMP WITH TIME ZONE, \"created_by\" integer, CONSTRAINT \"PK_636359e0c8f1933c96ac83d1188\" PRIMARY KEY (\"id\"))",
  "CREATE INDEX \"ix_learnings_lab\" ON \"learnings\"  (\"lab_id\") ",
  "CREATE INDEX \"ix_learnings_status_published\" ON \"learnings\"  (\"status\", \"published_at\") ",
  "CREATE TABLE \"learning_evidence\" (\"learning_id\" integer NOT NULL, \"kind\" character varying(20) NOT NULL, \"ref_id\" integer NOT NULL, \"lab_id\" integer NOT NULL, CONSTRAINT \"PK_a7afbe9a18a8c1b62a018161249\" PRIMARY KEY (\"learning_id\", \"kind\", \"ref_id\"))",
  "CREATE INDEX \"ix_learning_evidence_lab\" ON \"learning_evidence\"  (\"lab_id\") ",
  "CREATE INDEX \"ix_learning_evidence_learning\" ON \"learning_evidence\"  (\"learning_id\") ",
  "CREATE TABLE \"learning_contradictions\" (\"learning_id\" integer NOT NULL, \"other_id\" integer NOT NULL, CONSTRAINT \"PK_0f7cc35c5f27977cde61bd9f963\" PRIMARY KEY (\"learning_id\", \"other_id\"))",
  "ALTER TABLE \"learnings\" ADD CONSTRAINT \"FK_f381ccdd87a26dcca36dcd6708e\" FOREIGN KEY (\"lab_id\") REFERENCES \"labs\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
  "ALTER TABLE \"learning_evidence\" ADD CONSTRAINT \"FK_4ffe022c071237a2a58b28aa663\" FOREIGN KEY (\"learning_id\") REFERENCES \"learnings\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
  "ALTER TABLE \"learning_contradictions\" ADD CONSTRAINT \"FK_126a1964debe62e5c65fa3ddbcb\" FOREIGN KEY (\"learning_id\") REFERENCES \"learnings\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
  "ALTER TABLE \"learning_contradictions\" ADD CONSTRAINT \"FK_98954e441bec77056712d21da42\" FOREIGN KEY (\"other_id\") REFERENCES \"learnings\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
  "CREATE INDEX \"ix_learnings_fts\" ON \"learnings\" USING GIN (to_tsvector('dutch', coalesce(\"title\", '') || ' ' || coalesce(\"body\", '')))",
];
