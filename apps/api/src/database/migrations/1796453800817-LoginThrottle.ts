import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sign-in limiter's counters move from each process's memory to the database (several
 * api instances enforce one limit), and a first admin with a generated password must pick
 * their own at first sign-in.
 */
export class LoginThrottle1796453800817 implements MigrationInterface {
  name = 'LoginThrottle1796453800817';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key" character varying(320) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_login_throttle_key" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "login_throttle_window_start_idx" ON "login_throttle" ("window_start") `);
    await queryRunner.query(`ALTER TABLE "user" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "must_change_password"`);
    await queryRunner.query(`DROP INDEX "public"."login_throttle_window_start_idx"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
  }
}
