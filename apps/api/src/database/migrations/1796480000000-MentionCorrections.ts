import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections: `mention_correction` keeps who changed a mention's sentiment, intent, category or
 * urgency level, from what to what and when; `mention.corrected` holds the team's current values
 * (only the fields it set), which every re-scoring keeps. The column has a constant default, so
 * PostgreSQL adds it without rewriting the table.
 */
export class MentionCorrections1796480000000 implements MigrationInterface {
  name = 'MentionCorrections1796480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mention_correction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "mention_id" uuid NOT NULL, "user_id" uuid NOT NULL, "field" character varying(16) NOT NULL, "old_value" character varying(64), "new_value" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c7a2067423ec823db70322f2e8e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "mention_correction_workspace_created_idx" ON "mention_correction" ("workspace_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "mention_correction_mention_idx" ON "mention_correction" ("mention_id") `);
    await queryRunner.query(`ALTER TABLE "mention" ADD "corrected" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mention" DROP COLUMN "corrected"`);
    await queryRunner.query(`DROP INDEX "public"."mention_correction_mention_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_correction_workspace_created_idx"`);
    await queryRunner.query(`DROP TABLE "mention_correction"`);
  }
}
