import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A workspace's mentions by posted time: analytics' ranges and buckets, and the early-warning detector. */
export class MentionPostedIndex1796520000000 implements MigrationInterface {
  name = 'MentionPostedIndex1796520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "mention_workspace_posted_idx" ON "mention" ("workspace_id", "posted_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."mention_workspace_posted_idx"`);
  }
}
