import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthorHistoryOnRead1795435746769 implements MigrationInterface {
  name = 'AuthorHistoryOnRead1795435746769';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "author" DROP COLUMN "mention_count"`);
    await queryRunner.query(`ALTER TABLE "author" DROP COLUMN "last_seen_at"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "author" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "author" ADD "mention_count" integer NOT NULL DEFAULT '0'`);
  }
}
