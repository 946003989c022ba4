import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The weekly reputation report (issue 16): `report` (one stored snapshot per workspace and local week start, unique,
 * with the e-mail claim), `report_recipient` (plain addresses admins manage, unique per workspace ignoring case) and
 * the workspace's report week start (0 = Sunday … 6 = Saturday, default Monday).
 */
export class Reports1796570000000 implements MigrationInterface {
  name = 'Reports1796570000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workspace" ADD "report_week_start" smallint NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `CREATE TABLE "report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "week_start" date NOT NULL, "period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "period_end" TIMESTAMP WITH TIME ZONE NOT NULL, "snapshot" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'ready', "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "generated_by" uuid, "emailed_at" TIMESTAMP WITH TIME ZONE, "email_error" character varying(500), CONSTRAINT "PK_99e4d0bea58cba73c57f935a546" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "report_workspace_week_uq" ON "report" ("workspace_id", "week_start") `);
    await queryRunner.query(
      `CREATE TABLE "report_recipient" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "name" character varying(120), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_report_recipient" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "report_recipient_email_uq" ON "report_recipient" ("workspace_id", lower("email"))`);
    await queryRunner.query(
      `ALTER TABLE "report" ADD CONSTRAINT "FK_report_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_recipient" ADD CONSTRAINT "FK_report_recipient_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_recipient"`);
    await queryRunner.query(`DROP TABLE "report"`);
    await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "report_week_start"`);
  }
}
