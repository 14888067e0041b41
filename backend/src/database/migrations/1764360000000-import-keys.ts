import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The imports a lab has had, by their idempotency key (the file's SHA-256, or the client's Idempotency-Key): the
 * same file sent twice (a retry after a lost answer) is refused instead of storing every row twice.
 */
export class ImportKeys1764360000000 implements MigrationInterface {
  name = 'ImportKeys1764360000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(
      `CREATE TABLE "import_keys" (` +
        `"lab_id" integer NOT NULL REFERENCES "labs" ("id") ON DELETE CASCADE, ` +
        `"kind" varchar(20) NOT NULL, "import_key" varchar(300) NOT NULL, "row_count" integer NOT NULL, ` +
        `"imported_at" ${pg ? 'TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()' : "datetime NOT NULL DEFAULT (datetime('now'))"}, ` +
        `PRIMARY KEY ("lab_id", "kind", "import_key"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "import_keys"');
  }
}
