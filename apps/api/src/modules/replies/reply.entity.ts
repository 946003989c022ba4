import type { ApprovalReason, LintReport, Platform, ReplyFailure, ReplyStatus } from '@earshot/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A public reply, and the outbox it is sent from. The sender takes a row with
 * `FOR UPDATE SKIP LOCKED`, stamps a fresh `lease_token` (the fencing token every later write
 * of that attempt must match) and `leased_until`, and calls the platform with
 * `idempotency_key`; so any api instance may send and none sends twice.
 */
@Entity('reply')
@Check('reply_status_check', `"status" IN ('draft', 'pending_approval', 'approved', 'rejected', 'queued', 'sending', 'sent', 'failed', 'unknown')`)
@Index('reply_client_key_uq', ['workspaceId', 'clientKey'], { unique: true })
@Index('reply_mention_idx', ['workspaceId', 'mentionId', 'createdAt'])
@Index('reply_status_idx', ['workspaceId', 'status', 'createdAt'])
@Index('reply_due_idx', ['nextAttemptAt'], { where: `"status" IN ('queued', 'sending', 'unknown')` })
@Check('reply_kind_check', `"kind" IN ('reply', 'post') AND ("kind" = 'post') = ("mention_id" IS NULL)`)
@Index('reply_alert_idx', ['workspaceId', 'alertId'], { where: `"alert_id" IS NOT NULL` })
export class ReplyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  /** The mention answered; null for a `post` (a public status update that answers nothing). */
  @Column({ type: 'uuid', nullable: true })
  mentionId!: string | null;

  /** `reply`: answers its mention; `post`: a public post of the source's account (an incident's status update), through the same outbox. */
  @Column({ type: 'varchar', length: 8, default: 'reply' })
  kind!: 'reply' | 'post';

  /** The alert a status post is about (incident view); null otherwise. */
  @Column({ type: 'uuid', nullable: true })
  alertId!: string | null;

  /** The source the reply is posted through (its credentials), fixed when the reply is queued. */
  @Column({ type: 'uuid', nullable: true })
  sourceId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  platform!: Platform;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'uuid', nullable: true })
  templateId!: string | null;

  @Column({ type: 'boolean', default: false })
  templateUnedited!: boolean;

  @Column({ type: 'varchar', length: 20 })
  status!: ReplyStatus;

  @Column({ type: 'uuid' })
  authorUserId!: string;

  @Column({ type: 'boolean', default: false })
  resolveOnSend!: boolean;

  @Column({ type: 'boolean', default: false })
  approvalRequired!: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  approvalReasons!: ApprovalReason[];

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionComment!: string | null;

  @Column({ type: 'jsonb' })
  lintReport!: LintReport;

  /** Sent to the platform with every attempt (Mastodon's Idempotency-Key, Bluesky's rkey seed). Unique across the installation. */
  @Column({ type: 'varchar', length: 64, unique: true })
  idempotencyKey!: string;

  /** The client's key for one composed reply: a double submit finds the first row. */
  @Column({ type: 'varchar', length: 100 })
  clientKey!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** When the first attempt went out (Mastodon keeps an idempotency key for one hour after it). */
  @Column({ type: 'timestamptz', nullable: true })
  firstAttemptAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  leaseToken!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  leasedUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  externalId!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  externalUrl!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** Why a failed or unknown reply stopped (decides whether a person's retry may go ahead); null otherwise. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  failureKind!: ReplyFailure | null;

  /** A person gave up on this failed or unknown reply (e.g. posted it by hand): it no longer needs attention and is never sent. */
  @Column({ type: 'timestamptz', nullable: true })
  dismissedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  dismissedById!: string | null;

  @Column({ type: 'text', nullable: true })
  dismissNote!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
