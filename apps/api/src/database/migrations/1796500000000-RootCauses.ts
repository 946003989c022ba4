import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners and the root-cause board (issue 14): a category's owning department, its status and
 * status history, expiring owner share links (only the token's hash), and one owner digest row
 * per owner and week (so several api instances send the weekly digest once).
 */
export class RootCauses1796500000000 implements MigrationInterface {
  name = 'RootCauses1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "category_owner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "category" character varying(64) NOT NULL, "department" character varying(120) NOT NULL, "email" character varying(254) NOT NULL, "webhook_url" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_730c49ae7771b10f9b2f45cc9db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "category_owner_category_uq" ON "category_owner" ("workspace_id", "category")`);
    await queryRunner.query(
      `CREATE TABLE "owner_digest" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "owner_email" character varying(254) NOT NULL, "week" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "error" character varying(500), CONSTRAINT "PK_d8137f60effb5b8c57ad53f0e59" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "owner_digest_week_uq" ON "owner_digest" ("workspace_id", "owner_email", "week")`);
    await queryRunner.query(
      `CREATE TABLE "owner_share_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "categories" jsonb NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1875fdfe7a1a37def0e288ce351" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "owner_share_link_workspace_idx" ON "owner_share_link" ("workspace_id", "created_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "owner_share_link_token_uq" ON "owner_share_link" ("token_hash")`);
    await queryRunner.query(
      `CREATE TABLE "root_cause_status" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "category" character varying(64) NOT NULL, "status" character varying(16) NOT NULL, "note" text, "fix_shipped_at" date, "fix_id" uuid, "set_by_kind" character varying(16) NOT NULL, "set_by_user_id" uuid, "set_by_name" character varying(200) NOT NULL, "set_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a52e469d38533a50feb91cf7ca3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "root_cause_status_category_uq" ON "root_cause_status" ("workspace_id", "category")`);
    await queryRunner.query(
      `CREATE TABLE "root_cause_status_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "category" character varying(64) NOT NULL, "status" character varying(16) NOT NULL, "note" text, "fix_shipped_at" date, "set_by_kind" character varying(16) NOT NULL, "set_by_user_id" uuid, "set_by_name" character varying(200) NOT NULL, "share_link_id" uuid, "set_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bc144a355520ac20279eae2d1b7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "root_cause_status_history_category_idx" ON "root_cause_status_history" ("workspace_id", "category", "set_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "root_cause_status_history"`);
    await queryRunner.query(`DROP TABLE "root_cause_status"`);
    await queryRunner.query(`DROP TABLE "owner_share_link"`);
    await queryRunner.query(`DROP TABLE "owner_digest"`);
    await queryRunner.query(`DROP TABLE "category_owner"`);
  }
}
