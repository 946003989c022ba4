import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analytics' hourly rollups (issue 15: fast at a million mentions): the match sets (distinct
 * listening-query and topic sets), the detailed, summary and complaints hourly tables, and each
 * workspace's watermark on its change sequence. Empty at first: the first analytics read (or
 * the interval job) of a workspace builds its rollups from the mention rows.
 */
export class AnalyticsRollups1796540000000 implements MigrationInterface {
  name = 'AnalyticsRollups1796540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "analytics_match_set" ("id" SERIAL NOT NULL, "workspace_id" uuid NOT NULL, "query_ids" text array NOT NULL, "topics" text array NOT NULL, CONSTRAINT "PK_analytics_match_set_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "analytics_match_set_uq" ON "analytics_match_set" ("workspace_id", "query_ids", "topics")`);
    await queryRunner.query(
      `CREATE TABLE "analytics_hourly_rollup" ("workspace_id" uuid NOT NULL, "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "match_set_id" integer NOT NULL, "spam" boolean NOT NULL, "platform" text NOT NULL, "category" text NOT NULL, "complaint" boolean NOT NULL, "total" integer NOT NULL, "positive" integer NOT NULL, "neutral" integer NOT NULL, "negative" integer NOT NULL, "unscored" integer NOT NULL, "score_sum" numeric NOT NULL, "scored" integer NOT NULL, CONSTRAINT "PK_analytics_hourly_rollup" PRIMARY KEY ("workspace_id", "hour", "match_set_id", "spam", "platform", "category", "complaint"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "analytics_hourly_summary" ("workspace_id" uuid NOT NULL, "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "match_set_id" integer NOT NULL, "spam" boolean NOT NULL, "total" integer NOT NULL, "positive" integer NOT NULL, "neutral" integer NOT NULL, "negative" integer NOT NULL, "unscored" integer NOT NULL, "score_sum" numeric NOT NULL, "scored" integer NOT NULL, CONSTRAINT "PK_analytics_hourly_summary" PRIMARY KEY ("workspace_id", "hour", "match_set_id", "spam"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "analytics_hourly_complaints" ("workspace_id" uuid NOT NULL, "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "match_set_id" integer NOT NULL, "spam" boolean NOT NULL, "category" text NOT NULL, "total" integer NOT NULL, CONSTRAINT "PK_analytics_hourly_complaints" PRIMARY KEY ("workspace_id", "hour", "match_set_id", "spam", "category"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "analytics_rollup_state" ("workspace_id" uuid NOT NULL, "watermark" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_analytics_rollup_state" PRIMARY KEY ("workspace_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "analytics_rollup_state"`);
    await queryRunner.query(`DROP TABLE "analytics_hourly_complaints"`);
    await queryRunner.query(`DROP TABLE "analytics_hourly_summary"`);
    await queryRunner.query(`DROP TABLE "analytics_hourly_rollup"`);
    await queryRunner.query(`DROP INDEX "public"."analytics_match_set_uq"`);
    await queryRunner.query(`DROP TABLE "analytics_match_set"`);
  }
}
