import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and permissions as one model. Accounts get an installation role (admin, staff who may start labs,
 * everyone else) instead of an admin flag, can be deactivated and deleted (the row stays, unnamed, so that
 * contributions keep counting), and get one-time or personal sign-in links (set a password, come back).
 * Invitations can be addressed to an account by exact e-mail address, which that account accepts or declines.
 * Accounts that coordinate or partner in a lab could start labs before; they become staff.
 */
export class People1764330000000 implements MigrationInterface {
  name = 'People1764330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    const time = pg ? 'TIMESTAMP WITH TIME ZONE' : 'datetime';
    const text = (n: number) => (pg ? `character varying(${n})` : `varchar(${n})`);
    await queryRunner.query(`ALTER TABLE "users" ADD "installation_role" ${text(10)} NOT NULL DEFAULT 'member'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "deactivated_at" ${time}`);
    await queryRunner.query(`ALTER TABLE "users" ADD "deleted_at" ${time}`);
    await queryRunner.query(
      `UPDATE "users" SET "installation_role" = 'staff' WHERE "email" IS NOT NULL AND "id" IN (SELECT "user_id" FROM "lab_members" WHERE "role" IN ('coordinator', 'partner'))`,
    );
    await queryRunner.query(`UPDATE "users" SET "installation_role" = 'admin' WHERE "is_admin" = ${pg ? 'TRUE' : '1'}`);
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "is_admin"');

    await queryRunner.query(
      pg
        ? `CREATE TABLE "access_links" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "token_hash" character varying(64) NOT NULL, "purpose" character varying(20) NOT NULL, "reusable" boolean NOT NULL DEFAULT false, "created_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_access_links" PRIMARY KEY ("id"), CONSTRAINT "FK_access_links_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`
        : `CREATE TABLE "access_links" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "purpose" varchar(20) NOT NULL, "reusable" boolean NOT NULL DEFAULT (0), "created_by" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "expires_at" datetime, "used_at" datetime, CONSTRAINT "FK_access_links_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query('CREATE UNIQUE INDEX "ux_access_links_token" ON "access_links" ("token_hash")');
    await queryRunner.query('CREATE INDEX "ix_access_links_user" ON "access_links" ("user_id")');

    await queryRunner.query(`ALTER TABLE "invitations" ADD "invitee_email" ${text(254)}`);
    await queryRunner.query(`ALTER TABLE "invitations" ADD "declined_at" ${time}`);
    await queryRunner.query('CREATE INDEX "ix_invitations_invitee" ON "invitations" ("invitee_email")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query('DROP INDEX "ix_invitations_invitee"');
    for (const column of ['declined_at', 'invitee_email'])
      await queryRunner.query(`ALTER TABLE "invitations" DROP COLUMN "${column}"`);
    await queryRunner.query('DROP TABLE "access_links"');
    await queryRunner.query(`ALTER TABLE "users" ADD "is_admin" boolean NOT NULL DEFAULT ${pg ? 'false' : '(0)'}`);
    await queryRunner.query(`UPDATE "users" SET "is_admin" = ${pg ? 'TRUE' : '1'} WHERE "installation_role" = 'admin'`);
    for (const column of ['deleted_at', 'deactivated_at', 'installation_role'])
      await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "${column}"`);
  }
}
