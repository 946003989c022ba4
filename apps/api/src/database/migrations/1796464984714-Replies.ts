import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replies (the outbox: workflow status, approval, lint report, idempotency and client keys,
 * attempts and a lease with a fencing token), reply templates and voice guides per brand, the
 * agent's first name and signature for templates, and each mention's reply summary. The new
 * mention column has a constant default, so PostgreSQL adds it without rewriting the table.
 */
export class Replies1796464984714 implements MigrationInterface {
  name = 'Replies1796464984714';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reply" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "mention_id" uuid NOT NULL, "source_id" uuid, "platform" character varying(16) NOT NULL, "text" text NOT NULL, "template_id" uuid, "template_unedited" boolean NOT NULL DEFAULT false, "status" character varying(20) NOT NULL, "author_user_id" uuid NOT NULL, "resolve_on_send" boolean NOT NULL DEFAULT false, "approval_required" boolean NOT NULL DEFAULT false, "approval_reasons" jsonb NOT NULL DEFAULT '[]', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_comment" text, "lint_report" jsonb NOT NULL, "idempotency_key" character varying(64) NOT NULL, "client_key" character varying(100) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "first_attempt_at" TIMESTAMP WITH TIME ZONE, "lease_token" uuid, "leased_until" TIMESTAMP WITH TIME ZONE, "last_error" text, "external_id" character varying(255), "external_url" character varying(2000), "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_0cacd845faab49afea72ed6993d" UNIQUE ("idempotency_key"), CONSTRAINT "reply_status_check" CHECK ("status" IN ('draft', 'pending_approval', 'approved', 'rejected', 'queued', 'sending', 'sent', 'failed', 'unknown')), CONSTRAINT "PK_94fa9017051b40a71e000a2aff9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "reply_due_idx" ON "reply"  ("next_attempt_at") WHERE "status" IN ('queued', 'sending', 'unknown')`);
    await queryRunner.query(`CREATE INDEX "reply_status_idx" ON "reply"  ("workspace_id", "status", "created_at") `);
    await queryRunner.query(`CREATE INDEX "reply_mention_idx" ON "reply"  ("workspace_id", "mention_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "reply_client_key_uq" ON "reply"  ("workspace_id", "client_key") `);
    await queryRunner.query(
      `CREATE TABLE "reply_template" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "brand_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "body" text NOT NULL, "intents" jsonb NOT NULL DEFAULT '[]', "categories" jsonb NOT NULL DEFAULT '[]', "platform" character varying(16), "language" character varying(8), "shortcut" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4a3ada0e40cac8291f49287a8f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "reply_template_shortcut_uq" ON "reply_template"  ("workspace_id", "brand_id", "shortcut") WHERE "shortcut" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "reply_template_brand_idx" ON "reply_template"  ("workspace_id", "brand_id") `);
    await queryRunner.query(
      `CREATE TABLE "voice_guide" ("brand_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "guide" jsonb NOT NULL, "updated_by_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_96c58364e683bebcd81cb630ce4" PRIMARY KEY ("brand_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "user" ADD "first_name" character varying(60)`);
    await queryRunner.query(`ALTER TABLE "user" ADD "signature" character varying(30)`);
    await queryRunner.query(
      `ALTER TABLE "mention" ADD "reply_summary" jsonb NOT NULL DEFAULT '{"sent": 0, "total": 0, "inFlight": 0, "lastStatus": null, "needsAttention": 0, "awaitingApproval": 0}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mention" DROP COLUMN "reply_summary"`);
    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "signature"`);
    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "first_name"`);
    await queryRunner.query(`DROP TABLE "voice_guide"`);
    await queryRunner.query(`DROP INDEX "public"."reply_template_brand_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reply_template_shortcut_uq"`);
    await queryRunner.query(`DROP TABLE "reply_template"`);
    await queryRunner.query(`DROP INDEX "public"."reply_client_key_uq"`);
    await queryRunner.query(`DROP INDEX "public"."reply_mention_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reply_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reply_due_idx"`);
    await queryRunner.query(`DROP TABLE "reply"`);
  }
}
