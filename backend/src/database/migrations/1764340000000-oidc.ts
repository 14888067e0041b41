import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff sign-in with OpenID Connect. An account can be linked to one identity at the provider (issuer and subject,
 * unique together). A sign-in in progress keeps its state, nonce and PKCE verifier on the server for ten minutes,
 * found by the hash of a cookie, and is used once; a session started that way keeps its ID token, so that logging
 * out can end the session at the provider too (id_token_hint). That row goes with its session.
 */
export class Oidc1764340000000 implements MigrationInterface {
  name = 'Oidc1764340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    const text = (n: number) => (pg ? `character varying(${n})` : `varchar(${n})`);
    await queryRunner.query(`ALTER TABLE "users" ADD "oidc_issuer" ${text(255)}`);
    await queryRunner.query(`ALTER TABLE "users" ADD "oidc_subject" ${text(255)}`);
    await queryRunner.query('CREATE UNIQUE INDEX "ux_users_oidc_identity" ON "users" ("oidc_issuer", "oidc_subject")');

    await queryRunner.query(
      `CREATE TABLE "oidc_sign_ins" ("id" ${text(64)} NOT NULL PRIMARY KEY, "state" ${text(64)} NOT NULL, "nonce" ${text(64)} NOT NULL, ` +
        `"code_verifier" ${text(128)} NOT NULL, "redirect_uri" ${text(500)} NOT NULL, "return_to" ${text(500)} NOT NULL, "expires_ms" ${pg ? 'bigint' : 'integer'} NOT NULL)`,
    );
    await queryRunner.query('CREATE INDEX "ix_oidc_sign_ins_expires" ON "oidc_sign_ins" ("expires_ms")');
    await queryRunner.query(
      `CREATE TABLE "oidc_sessions" ("session_id" ${text(64)} NOT NULL PRIMARY KEY REFERENCES "sessions" ("id") ON DELETE CASCADE, "id_token" text NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "oidc_sessions"');
    await queryRunner.query('DROP TABLE "oidc_sign_ins"');
    await queryRunner.query('DROP INDEX "ux_users_oidc_identity"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "oidc_subject"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "oidc_issuer"');
  }
}
