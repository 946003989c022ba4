import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthorHistoryIndex1795435457876 implements MigrationInterface {
  name = 'AuthorHistoryIndex1795435457876';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."mention_author_idx"`);
    await queryRunner.query(`CREATE INDEX "mention_author_posted_idx" ON "mention"  ("author_id", "posted_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."mention_author_posted_idx"`);
    await queryRunner.query(`CREATE INDEX "mention_author_idx" ON "mention" USING btree ("author_id") `);
  }
}
