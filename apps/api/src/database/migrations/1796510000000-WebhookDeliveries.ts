import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhook outbox: one row per outgoing webhook POST, written with the change it announces;
 * its id is the delivery id receivers see on every attempt. Pending rows are leased by the
 * sender (`FOR UPDATE SKIP LOCKED`, a lease token) and retried with backoff until delivered or failed.
 */
export class WebhookDeliveries1796510000000 implements MigrationInterface {
  name = 'WebhookDeliveries1796510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "event" character varying(64) NOT NULL, "url" character varying(2000) NOT NULL, "payload" jsonb NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL, "lease_token" uuid, "last_error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "webhook_delivery_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed')), CONSTRAINT "PK_webhook_delivery_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "webhook_delivery_due_idx" ON "webhook_delivery" ("next_attempt_at") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "webhook_delivery_workspace_idx" ON "webhook_delivery" ("workspace_id", "created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
  }
}
