import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A way out of `failed` and `unknown` for a person: why the reply stopped (a retry is allowed
 * for transient causes, or once the source was reconnected) and who gave up on it (dismissed
 * replies stop counting as needing attention and are never sent). Nullable columns without
 * defaults: PostgreSQL adds them without rewriting the table.
 */
export class ReplyRetryDismiss1796470000000 implements MigrationInterface {
  name = 'ReplyRetryDismiss1796470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reply" ADD "failure_kind" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "reply" ADD "dismissed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "reply" ADD "dismissed_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "reply" ADD "dismiss_note" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reply" DROP COLUMN "dismiss_note"`);
    await queryRunner.query(`ALTER TABLE "reply" DROP COLUMN "dismissed_by_id"`);
    await queryRunner.query(`ALTER TABLE "reply" DROP COLUMN "dismissed_at"`);
    await queryRunner.query(`ALTER TABLE "reply" DROP COLUMN "failure_kind"`);
  }
}
