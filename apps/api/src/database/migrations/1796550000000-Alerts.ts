import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Early warning (issue 15 part 4): `alert_rule` (what the detector watches per brand, optionally per category; its
 * detector state and posted-time watermark; the runner's lease; webhook and e-mail) and `alert_event` (one row per
 * incident, unique per rule and raise minute, with the jump against normal, the top terms and the e-mail claim).
 */
export class Alerts1796550000000 implements MigrationInterface {
  name = 'Alerts1796550000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alert_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "brand_id" uuid NOT NULL, "category" character varying(64), "enabled" boolean NOT NULL DEFAULT true, "metrics" jsonb NOT NULL DEFAULT '["volume", "negative_share"]', "detector_state" jsonb, "watermark" TIMESTAMP WITH TIME ZONE, "late_checked_at" TIMESTAMP WITH TIME ZONE, "late_mentions" integer NOT NULL DEFAULT '0', "webhook_url" character varying(2000), "email" character varying(254), "lease_token" uuid, "leased_until" TIMESTAMP WITH TIME ZONE, "last_run_at" TIMESTAMP WITH TIME ZONE, "last_error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e9bf555f33872d7b50eb2421a17" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alert_rule_brand_category_uq" ON "alert_rule" ("workspace_id", "brand_id", "category") WHERE "category" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "alert_rule_brand_uq" ON "alert_rule" ("workspace_id", "brand_id") WHERE "category" IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "alert_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "rule_id" uuid, "brand_id" uuid NOT NULL, "category" character varying(64), "metric" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "surge_start" TIMESTAMP WITH TIME ZONE NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "cleared_at" TIMESTAMP WITH TIME ZONE, "window_minutes" integer NOT NULL, "observed" numeric NOT NULL, "expected" numeric NOT NULL, "ratio" numeric, "z" numeric NOT NULL, "top_terms" jsonb NOT NULL DEFAULT '[]', "mention_count" integer NOT NULL DEFAULT '0', "historical" boolean NOT NULL DEFAULT false, "seq" bigint NOT NULL, "email_to" character varying(254), "email_state" character varying(16), "email_attempts" integer NOT NULL DEFAULT '0', "email_next_at" TIMESTAMP WITH TIME ZONE, "email_error" character varying(500), "webhook_delivery_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "alert_event_status_check" CHECK ("status" IN ('raised', 'cleared')), CONSTRAINT "alert_event_metric_check" CHECK ("metric" IN ('volume', 'negative_share')), CONSTRAINT "PK_1c7366edb86d2fff4713e74c6eb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "alert_event_email_due_idx" ON "alert_event" ("email_next_at") WHERE "email_state" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "alert_event_workspace_seq_idx" ON "alert_event" ("workspace_id", "seq")`);
    await queryRunner.query(`CREATE INDEX "alert_event_workspace_raised_idx" ON "alert_event" ("workspace_id", "raised_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "alert_event_rule_raised_uq" ON "alert_event" ("rule_id", "raised_at")`);
    await queryRunner.query(
      `ALTER TABLE "alert_rule" ADD CONSTRAINT "FK_c91ae65393c73caa814d799dc53" FOREIGN KEY ("brand_id") REFERENCES "brand"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alert_event" ADD CONSTRAINT "FK_162dcd73f3cdccce5f3e5246510" FOREIGN KEY ("rule_id") REFERENCES "alert_rule"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alert_event" ADD CONSTRAINT "FK_84238839c734f1153395067fe3d" FOREIGN KEY ("brand_id") REFERENCES "brand"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "alert_event"`);
    await queryRunner.query(`DROP TABLE "alert_rule"`);
  }
}
