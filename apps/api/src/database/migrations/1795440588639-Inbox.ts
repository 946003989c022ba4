import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inbox1795440588639 implements MigrationInterface {
  name = 'Inbox1795440588639';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."mention_workspace_status_urgency_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_workspace_created_idx"`);
    await queryRunner.query(
      `CREATE TABLE "mention_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "mention_id" uuid NOT NULL, "author_user_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fac36372536bb3c2c54d13e1e02" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "mention_note_mention_idx" ON "mention_note"  ("workspace_id", "mention_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "workspace" ADD "change_seq" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "workspace" ADD "sla_targets" jsonb NOT NULL DEFAULT '{"low": 1440, "high": 60, "medium": 240, "critical": 15}'`);
    await queryRunner.query(`ALTER TABLE "workspace" ADD "sla_checked_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "mention" ADD "claimed_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "mention" ADD "claimed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "mention" ADD "claim_expires_at" TIMESTAMP WITH TIME ZONE`);
    // Existing mentions get sequence numbers in the order they were stored; each workspace's
    // counter continues after its last one.
    await queryRunner.query(`ALTER TABLE "mention" ADD "change_seq" bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `UPDATE "mention" m SET "change_seq" = s.n FROM (SELECT id, row_number() OVER (PARTITION BY workspace_id ORDER BY created_at, id) AS n FROM "mention") s WHERE s.id = m.id`,
    );
    await queryRunner.query(`ALTER TABLE "mention" ALTER COLUMN "change_seq" DROP DEFAULT`);
    await queryRunner.query(`UPDATE "workspace" w SET "change_seq" = COALESCE((SELECT max(change_seq) FROM "mention" m WHERE m.workspace_id = w.id), 0)`);
    await queryRunner.query(`ALTER TABLE "mention" ADD "sla_breached_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "mention" SET "urgency_score" = 0 WHERE "urgency_score" IS NULL`);
    await queryRunner.query(`ALTER TABLE "mention" ALTER COLUMN "urgency_score" SET DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "mention" ALTER COLUMN "urgency_score" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "mention_claim_expiry_idx" ON "mention"  ("claim_expires_at") WHERE claimed_by_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "mention_workspace_seq_idx" ON "mention"  ("workspace_id", "change_seq") `);
    await queryRunner.query(`CREATE INDEX "mention_assignee_idx" ON "mention"  ("workspace_id", "assignee_id", "urgency_score") WHERE assignee_id IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "mention_open_sla_idx" ON "mention"  ("workspace_id", "sla_due_at", "id") WHERE status IN ('new', 'open', 'pending')`,
    );
    await queryRunner.query(
      `CREATE INDEX "mention_open_urgency_idx" ON "mention"  ("workspace_id", "urgency_score", "created_at", "id") WHERE status IN ('new', 'open', 'pending')`,
    );
    await queryRunner.query(`CREATE INDEX "mention_workspace_created_idx" ON "mention"  ("workspace_id", "created_at", "id") `);
    // Open SLA clocks get due times from the default targets.
    await queryRunner.query(
      `UPDATE "mention" SET "sla_due_at" = created_at + make_interval(mins => CASE urgency_level WHEN 'critical' THEN 15 WHEN 'high' THEN 60 WHEN 'medium' THEN 240 ELSE 1440 END) WHERE status IN ('new', 'open', 'pending') AND sla_due_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "mention_text_fts_idx" ON "mention" USING gin (to_tsvector('english', "text"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."mention_text_fts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_workspace_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_open_urgency_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_open_sla_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_assignee_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_workspace_seq_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_claim_expiry_idx"`);
    await queryRunner.query(`ALTER TABLE "mention" ALTER COLUMN "urgency_score" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "mention" ALTER COLUMN "urgency_score" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "mention" DROP COLUMN "sla_breached_at"`);
    await queryRunner.query(`ALTER TABLE "mention" DROP COLUMN "change_seq"`);
    await queryRunner.query(`ALTER TABLE "mention" DROP COLUMN "claim_expires_at"`);
    await queryRunner.query(`ALTER TABLE "mention" DROP COLUMN "claimed_at"`);
    await queryRunner.query(`ALTER TABLE "mention" DROP COLUMN "claimed_by_id"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "sla_checked_until"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "sla_targets"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "change_seq"`);
    await queryRunner.query(`DROP INDEX "public"."mention_note_mention_idx"`);
    await queryRunner.query(`DROP TABLE "mention_note"`);
    await queryRunner.query(`CREATE INDEX "mention_workspace_created_idx" ON "mention" ("workspace_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "mention_workspace_status_urgency_idx" ON "mention" ("workspace_id", "status", "urgency_score") `);
  }
}
