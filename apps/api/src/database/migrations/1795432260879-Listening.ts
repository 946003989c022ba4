import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Listening1795432260879 implements MigrationInterface {
  name = 'Listening1795432260879';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "brand" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "kind" character varying(16) NOT NULL DEFAULT 'own', "handles" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a5d20765ddd942eb5de4eee2d7f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "brand_workspace_name_uq" ON "brand"  ("workspace_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "listening_query" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "brand_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "query" text NOT NULL, "topic" character varying(80), "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bb74c0ab48068e0e96ccdc36eb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "listening_query_workspace_idx" ON "listening_query"  ("workspace_id") `);
    await queryRunner.query(
      `CREATE TABLE "source" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "platform" character varying(16) NOT NULL, "base_url" character varying(500) NOT NULL, "stream_kind" character varying(40) NOT NULL, "stream_query" character varying(500), "credentials_ciphertext" text, "credential_fields" jsonb NOT NULL DEFAULT '[]', "enabled" boolean NOT NULL DEFAULT true, "poll_interval_seconds" integer NOT NULL DEFAULT '60', "cursor" jsonb, "status" character varying(16) NOT NULL DEFAULT 'idle', "next_poll_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lease_token" uuid, "leased_until" TIMESTAMP WITH TIME ZONE, "consecutive_failures" integer NOT NULL DEFAULT '0', "last_poll_at" TIMESTAMP WITH TIME ZONE, "last_success_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "last_error_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_018c433f8264b58c86363eaadde" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "source_workspace_idx" ON "source"  ("workspace_id") `);
    await queryRunner.query(`CREATE INDEX "source_due_idx" ON "source"  ("next_poll_at") WHERE enabled`);
    await queryRunner.query(
      `CREATE TABLE "author" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "platform" character varying(16) NOT NULL, "external_id" character varying(255) NOT NULL, "handle" character varying(255) NOT NULL, "display_name" character varying(255), "followers" integer, "verified" boolean NOT NULL DEFAULT false, "bot" boolean NOT NULL DEFAULT false, "avatar_url" character varying(1000), "mention_count" integer NOT NULL DEFAULT '0', "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a0e79799d372fe56f2f3fa6871" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "author_workspace_platform_external_uq" ON "author"  ("workspace_id", "platform", "external_id") `);
    await queryRunner.query(
      `CREATE TABLE "mention" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "platform" character varying(16) NOT NULL, "external_id" character varying(255) NOT NULL, "source_id" uuid, "brand_id" uuid, "query_ids" jsonb NOT NULL DEFAULT '[]', "topics" jsonb NOT NULL DEFAULT '[]', "author_id" uuid NOT NULL, "url" character varying(2000), "text" text NOT NULL, "platform_lang" character varying(16), "posted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "edited_at" TIMESTAMP WITH TIME ZONE, "thread_root_id" character varying(255), "parent_id" character varying(255), "engagement" jsonb NOT NULL DEFAULT '{}', "reply_target" jsonb NOT NULL, "raw" jsonb, "status" character varying(16) NOT NULL DEFAULT 'new', "sentiment_score" real, "sentiment_label" character varying(16), "sentiment_confidence" real, "urgency_score" smallint, "urgency_level" character varying(16), "urgency_reasons" jsonb NOT NULL DEFAULT '[]', "intent" character varying(32), "category" character varying(64), "language" character varying(8), "spam" boolean NOT NULL DEFAULT false, "assignee_id" uuid, "sla_due_at" TIMESTAMP WITH TIME ZONE, "first_response_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "tags" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9b02b76c4b65e3c35c1a545bf57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "mention_source_idx" ON "mention"  ("source_id") `);
    await queryRunner.query(`CREATE INDEX "mention_author_idx" ON "mention"  ("author_id") `);
    await queryRunner.query(`CREATE INDEX "mention_workspace_status_urgency_idx" ON "mention"  ("workspace_id", "status", "urgency_score") `);
    await queryRunner.query(`CREATE INDEX "mention_workspace_created_idx" ON "mention"  ("workspace_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "mention_workspace_platform_external_uq" ON "mention"  ("workspace_id", "platform", "external_id") `);
    await queryRunner.query(
      `ALTER TABLE "listening_query" ADD CONSTRAINT "FK_de7bbf286f2c84f7d204b2f1d26" FOREIGN KEY ("brand_id") REFERENCES "brand"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "listening_query" DROP CONSTRAINT "FK_de7bbf286f2c84f7d204b2f1d26"`);
    await queryRunner.query(`DROP INDEX "public"."mention_workspace_platform_external_uq"`);
    await queryRunner.query(`DROP INDEX "public"."mention_workspace_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_workspace_status_urgency_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_author_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mention_source_idx"`);
    await queryRunner.query(`DROP TABLE "mention"`);
    await queryRunner.query(`DROP INDEX "public"."author_workspace_platform_external_uq"`);
    await queryRunner.query(`DROP TABLE "author"`);
    await queryRunner.query(`DROP INDEX "public"."source_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."source_workspace_idx"`);
    await queryRunner.query(`DROP TABLE "source"`);
    await queryRunner.query(`DROP INDEX "public"."listening_query_workspace_idx"`);
    await queryRunner.query(`DROP TABLE "listening_query"`);
    await queryRunner.query(`DROP INDEX "public"."brand_workspace_name_uq"`);
    await queryRunner.query(`DROP TABLE "brand"`);
  }
}
