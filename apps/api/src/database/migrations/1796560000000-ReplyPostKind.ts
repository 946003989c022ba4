import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An incident's public status update goes through the reply outbox (the same lease, fencing,
 * idempotency key and reconciliation as a reply): a reply row of kind `post` has no mention and
 * names the alert it is about. Every existing row is a `reply` with a mention (the check).
 */
export class ReplyPostKind1796560000000 implements MigrationInterface {
  name = 'ReplyPostKind1796560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reply" ADD "kind" character varying(8) NOT NULL DEFAULT 'reply'`);
    await queryRunner.query(`ALTER TABLE "reply" ADD "alert_id" uuid`);
    await queryRunner.query(`ALTER TABLE "reply" ALTER COLUMN "mention_id" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "reply" ADD CONSTRAINT "reply_kind_check" CHECK ("kind" IN ('reply', 'post') AND ("kind" = 'post') = ("mention_id" IS NULL))`,
    );
    await queryRunner.query(`CREATE INDEX "reply_alert_idx" ON "reply" ("workspace_id", "alert_id") WHERE "alert_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reply_alert_idx"`);
    await queryRunner.query(`DELETE FROM "reply" WHERE "kind" = 'post'`);
    await queryRunner.query(`ALTER TABLE "reply" DROP CONSTRAINT "reply_kind_check"`);
    await queryRunner.query(`ALTER TABLE "reply" ALTER COLUMN "mention_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "reply" DROP COLUMN "alert_id"`);
    await queryRunner.query(`ALTER TABLE "reply" DROP COLUMN "kind"`);
  }
}
