import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round's results count appreciations per dimension, group and score. With the score in the index the
 * database counts them from the index alone, in the order it is grouped by: no table reads, no sort.
 * The new index serves every query the old one (round, dimension, group) did, so that one goes.
 */
export class CoveringAppreciations1764310000000 implements MigrationInterface {
  name = 'CoveringAppreciations1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "ix_appreciations_round_scores" ON "appreciations" ("round_id", "dimension", "stakeholder_group", "score")');
    await queryRunner.query('DROP INDEX "ix_appreciations_round_dimension"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "ix_appreciations_round_dimension" ON "appreciations" ("round_id", "dimension", "stakeholder_group")');
    await queryRunner.query('DROP INDEX "ix_appreciations_round_scores"');
  }
}
