import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a coordinator withdrew an invitation: its link then says it was withdrawn, not that it expired. Withdrawn
 * before this migration, an invitation keeps only its shortened expiry (it says "expired", as it did).
 */
export class InvitationRevoked1764350000000 implements MigrationInterface {
  name = 'InvitationRevoked1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD "revoked_at" ${pg ? 'TIMESTAMP WITH TIME ZONE' : 'datetime'}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "invitations" DROP COLUMN "revoked_at"');
  }
}
