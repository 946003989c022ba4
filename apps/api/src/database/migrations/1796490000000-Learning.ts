import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Learning: `workspace_model` (versioned models per workspace; at most one active and one training,
 * by partial unique indexes) and `phrase_rule` (one rule per phrase per workspace, case-insensitive
 * through `phrase_key`).
 */
export class Learning1796490000000 implements MigrationInterface {
  name = 'Learning1796490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "workspace_model" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "version" integer NOT NULL, "status" character varying(16) NOT NULL, "data" jsonb, "metrics" jsonb, "trained_from_posts" integer NOT NULL DEFAULT '0', "trained_up_to" TIMESTAMP WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "activated_at" TIMESTAMP WITH TIME ZONE, "error" text, CONSTRAINT "workspace_model_status_check" CHECK ("status" IN ('training', 'ready', 'active', 'rejected', 'retired', 'failed')), CONSTRAINT "PK_c99f4623a3587c7abfe8f909d0a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "workspace_model_training_uq" ON "workspace_model"  ("workspace_id") WHERE "status" = 'training'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "workspace_model_active_uq" ON "workspace_model"  ("workspace_id") WHERE "status" = 'active'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "workspace_model_version_uq" ON "workspace_model"  ("workspace_id", "version") `);
    await queryRunner.query(
      `CREATE TABLE "phrase_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "phrase" character varying(80) NOT NULL, "phrase_key" character varying(80) NOT NULL, "sentiment" character varying(8), "urgency" character varying(8), "category" character varying(64), "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1a1e478fe2a7bd69f3714aa7f09" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "phrase_rule_phrase_uq" ON "phrase_rule"  ("workspace_id", "phrase_key") `);
    await queryRunner.query(
      `ALTER TABLE "workspace_model" ADD CONSTRAINT "workspace_model_workspace_fk" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "phrase_rule" ADD CONSTRAINT "phrase_rule_workspace_fk" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "phrase_rule" DROP CONSTRAINT "phrase_rule_workspace_fk"`);
    await queryRunner.query(`ALTER TABLE "workspace_model" DROP CONSTRAINT "workspace_model_workspace_fk"`);
    await queryRunner.query(`DROP INDEX "public"."phrase_rule_phrase_uq"`);
    await queryRunner.query(`DROP TABLE "phrase_rule"`);
    await queryRunner.query(`DROP INDEX "public"."workspace_model_version_uq"`);
    await queryRunner.query(`DROP INDEX "public"."workspace_model_active_uq"`);
    await queryRunner.query(`DROP INDEX "public"."workspace_model_training_uq"`);
    await queryRunner.query(`DROP TABLE "workspace_model"`);
  }
}
