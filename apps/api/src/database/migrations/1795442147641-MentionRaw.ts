import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform's raw object moves out of the hot `mention` row into `mention_raw` (read by
 * nothing on the hot paths). Every existing raw value is copied before the column goes, and
 * copied back on the way down. Measured with npm run bench:ingest (see the commit).
 */
export class MentionRaw1795442147641 implements MigrationInterface {
  name = 'MentionRaw1795442147641';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mention_raw" ("mention_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "raw" json NOT NULL, CONSTRAINT "PK_c8e3b96de67d3cbe650365c5e2e" PRIMARY KEY ("mention_id"))`,
    );
    // Existing data survives: each mention's raw object is copied before the column is dropped.
    await queryRunner.query(
      `INSERT INTO "mention_raw" ("mention_id", "workspace_id", "raw") SELECT "id", "workspace_id", "raw"::json FROM "mention" WHERE "raw" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "mention" DROP COLUMN "raw"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mention" ADD "raw" jsonb`);
    await queryRunner.query(`UPDATE "mention" m SET "raw" = r."raw"::jsonb FROM "mention_raw" r WHERE r."mention_id" = m."id"`);
    await queryRunner.query(`DROP TABLE "mention_raw"`);
  }
}
