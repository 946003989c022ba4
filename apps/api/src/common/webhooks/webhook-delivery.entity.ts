import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One outgoing webhook POST (the outbox): written in the same transaction as the change it
 * announces, so a committed change always has its delivery and a rolled-back one never does.
 * `id` is the delivery id the receiver gets in `X-Earshot-Delivery` on every attempt. The sender
 * takes due rows with `FOR UPDATE SKIP LOCKED`, stamps a fresh `lease_token` (every later write
 * of that attempt must match it) and moves `next_attempt_at` to the lease's end while it posts,
 * so several api instances never post one delivery at the same time, and a crashed sender's
 * delivery comes due again once its lease lapses.
 */
@Entity('webhook_delivery')
@Check('webhook_delivery_status_check', `"status" IN ('pending', 'delivered', 'failed')`)
@Index('webhook_delivery_due_idx', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('webhook_delivery_workspace_idx', ['workspaceId', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_webhook_delivery_id' })
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  /** What the payload announces (`root_cause.status`, …): for logs and the receiver's `X-Earshot-Event`. */
  @Column({ type: 'varchar', length: 64 })
  event!: string;

  /** Checked when the owner saved it; the guarded fetch checks it again on every attempt. */
  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  /** Attempts started (counted when an attempt takes the lease, so a sender that dies mid-POST still counts). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When the next attempt is due; while an attempt runs, the end of its lease. */
  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'uuid', nullable: true })
  leaseToken!: string | null;

  /** Our words (the receiver's status, or the network error's kind), never the receiver's body. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
