import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reply templates and voice guides belong to a brand: deleting the brand deletes them (as it
 * does the brand's listening queries) instead of leaving rows no screen can reach.
 */
export class TemplateVoiceBrandFk1796465393270 implements MigrationInterface {
  name = 'TemplateVoiceBrandFk1796465393270';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "reply_template" t WHERE NOT EXISTS (SELECT 1 FROM "brand" b WHERE b."id" = t."brand_id")`);
    await queryRunner.query(`DELETE FROM "voice_guide" g WHERE NOT EXISTS (SELECT 1 FROM "brand" b WHERE b."id" = g."brand_id")`);
    await queryRunner.query(
      `ALTER TABLE "reply_template" ADD CONSTRAINT "reply_template_brand_fk" FOREIGN KEY ("brand_id") REFERENCES "brand"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "voice_guide" ADD CONSTRAINT "voice_guide_brand_fk" FOREIGN KEY ("brand_id") REFERENCES "brand"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "voice_guide" DROP CONSTRAINT "voice_guide_brand_fk"`);
    await queryRunner.query(`ALTER TABLE "reply_template" DROP CONSTRAINT "reply_template_brand_fk"`);
  }
}
