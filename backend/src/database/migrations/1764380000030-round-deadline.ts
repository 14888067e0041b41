import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last day a round takes contributions (`YYYY-MM-DD`, in the Netherlands' time), shown to residents. Rounds
 * opened before this migration have none: they take contributions until the coordinator closes them, as they did.
 */
export class RoundDeadline1764380000030 implements MigrationInterface {
  name = 'RoundDeadline1764380000030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "evaluation_rounds" ADD "deadline" varchar(10)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "evaluation_rounds" DROP COLUMN "deadline"');
  }
}
