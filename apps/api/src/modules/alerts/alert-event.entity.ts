import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { AlertMetric, AlertStatus, AlertTopTerm } from '@earshot/contracts';
import { BrandEntity } from '../brands/brand.entity.js';
import { AlertRuleEntity } from './alert-rule.entity.js';

export const ALERT_EMAIL_STATES = ['pending', 'sending', 'sent', 'failed'] as const;
export type AlertEmailState = (typeof ALERT_EMAIL_STATES)[number];

/**
 * One incident the detector raised (and later cleared), with the size of the jump against normal and the surge's
 * top terms. Unique per rule and raise minute, so a run that is repeated never stores an alert twice. The e-mail
 * is claimed (`email_state` pending → sending) by one instance before it is sent; the webhook goes through the
 * webhook outbox (its delivery id is kept here).
 */
@Entity('alert_event')
@Check('alert_event_metric_check', `"metric" IN ('volume', 'negative_share')`)
@Check('alert_event_status_check', `"status" IN ('raised', 'cleared')`)
@Index('alert_event_rule_raised_uq', ['ruleId', 'raisedAt'], { unique: true })
@Index('alert_event_workspace_raised_idx', ['workspaceId', 'raisedAt'])
@Index('alert_event_workspace_seq_idx', ['workspaceId', 'seq'])
@Index('alert_event_email_due_idx', ['emailNextAt'], { where: `"email_state" = 'pending'` })
export class AlertEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  /** Null once the rule was deleted (its alerts stay). */
  @Column({ type: 'uuid', nullable: true })
  ruleId!: string | null;

  @ManyToOne(() => AlertRuleEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'rule_id' })
  rule?: Relation<AlertRuleEntity>;

  @Column({ type: 'uuid' })
  brandId!: string;

  @ManyToOne(() => BrandEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'brand_id' })
  brand?: Relation<BrandEntity>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  category!: string | null;

  @Column({ type: 'varchar', length: 16 })
  metric!: AlertMetric;

  @Column({ type: 'varchar', length: 16 })
  status!: AlertStatus;

  /** Posted-time start of the window that fired. */
  @Column({ type: 'timestamptz' })
  surgeStart!: Date;

  /** Posted-time minute boundary at which it fired (end of the deciding minute). */
  @Column({ type: 'timestamptz' })
  raisedAt!: Date;

  /** Wall clock when the runner found it. */
  @Column({ type: 'timestamptz' })
  detectedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;

  @Column({ type: 'integer' })
  windowMinutes!: number;

  @Column({ type: 'numeric' })
  observed!: string;

  @Column({ type: 'numeric' })
  expected!: string;

  /** observed / expected; null when nothing was expected. */
  @Column({ type: 'numeric', nullable: true })
  ratio!: string | null;

  @Column({ type: 'numeric' })
  z!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  topTerms!: AlertTopTerm[];

  @Column({ type: 'integer', default: 0 })
  mentionCount!: number;

  /** Found while replaying the past (the surge ended over an hour before): nobody was notified. */
  @Column({ type: 'boolean', default: false })
  historical!: boolean;

  /** From the workspace's change sequence, on raise and on clear: a client catches up with `since=seq`. */
  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  emailTo!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  emailState!: AlertEmailState | null;

  @Column({ type: 'integer', default: 0 })
  emailAttempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  emailNextAt!: Date | null;

  /** Our words only. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  emailError!: string | null;

  /** The webhook outbox's delivery id (the receiver's `X-Earshot-Delivery`). */
  @Column({ type: 'uuid', nullable: true })
  webhookDeliveryId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
