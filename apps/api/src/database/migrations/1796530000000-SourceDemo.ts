import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sources the first-start demo made: their mentions are demo data (`DELETE /api/workspace/demo-data` clears them). */
export class SourceDemo1796530000000 implements MigrationInterface {
  name = 'SourceDemo1796530000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "source" ADD "demo" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "source" DROP COLUMN "demo"`);
  }
}
