import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team performance's hourly rollup (see TeamHourlyRollupEntity), recomputed with the analytics
 * rollups. Their state is dropped so that every workspace's rollups are built again, this time with
 * the team's rows (in the background on the first analytics read; reads count mention rows meanwhile).
 */
export class TeamHourlyRollup1796590000000 implements MigrationInterface {
  name = 'TeamHourlyRollup1796590000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "team_hourly_rollup" ("workspace_id" uuid NOT NULL, "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "spam" boolean NOT NULL, "owner_id" uuid NOT NULL, "mentions" integer NOT NULL, "first_response_seconds" double precision array NOT NULL, "resolution_seconds" double precision array NOT NULL, "sla_met" integer NOT NULL, "sla_missed" integer NOT NULL, "sla_pending" integer NOT NULL, "sla_pending_first_due" TIMESTAMP WITH TIME ZONE, "sla_pending_last_due" TIMESTAMP WITH TIME ZONE, "complaints" integer NOT NULL, "complaints_answered" integer NOT NULL, "resolved_ever" integer NOT NULL, "reopened" integer NOT NULL, "reply_author_ids" uuid array NOT NULL, "reply_counts" integer array NOT NULL, "answered_author_ids" uuid array NOT NULL, "answered_posted_at" TIMESTAMP WITH TIME ZONE array NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE array NOT NULL, "answered_mention_ids" uuid array NOT NULL, CONSTRAINT "PK_team_hourly_rollup" PRIMARY KEY ("workspace_id", "hour", "spam", "owner_id"))`,
    );
    await queryRunner.query(`DELETE FROM "analytics_rollup_state"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "team_hourly_rollup"`);
  }
}
