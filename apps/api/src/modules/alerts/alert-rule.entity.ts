import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { AlertMetric } from '@earshot/contracts';
import type { DetectorJson } from '@earshot/signals';
import { BrandEntity } from '../brands/brand.entity.js';

/**
 * What the early-warning detector watches: a brand's mentions (all of them, or one complaint category), by posted
 * time. Every own brand gets an all-categories rule when first needed. The runner feeds complete posted-time minutes
 * from `watermark` on to the detector restored from `detector_state` and writes both back in the transaction that
 * stores what it found; `lease_token` fences those writes so one instance at a time works on a rule.
 */
@Entity('alert_rule')
@Index('alert_rule_brand_uq', ['workspaceId', 'brandId'], { unique: true, where: `"category" IS NULL` })
@Index('alert_rule_brand_category_uq', ['workspaceId', 'brandId', 'category'], { unique: true, where: `"category" IS NOT NULL` })
export class AlertRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  brandId!: string;

  @ManyToOne(() => BrandEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'brand_id' })
  brand?: Relation<BrandEntity>;

  /** Null: all the brand's mentions. Otherwise the (corrected) category. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  category!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Which metrics may raise an alert. */
  @Column({ type: 'jsonb', default: () => `'["volume", "negative_share"]'` })
  metrics!: AlertMetric[];

  /** The detector (`@earshot/signals` toJSON); null before the first run or after a reset. */
  @Column({ type: 'jsonb', nullable: true })
  detectorState!: DetectorJson | null;

  /** Start of the last posted-time minute fed to the detector. */
  @Column({ type: 'timestamptz', nullable: true })
  watermark!: Date | null;

  /** Mentions stored (created_at) after this were not yet checked for arriving late (posted before the watermark). */
  @Column({ type: 'timestamptz', nullable: true })
  lateCheckedAt!: Date | null;

  /** Mentions that arrived after their minute was fed, since the detector was last built. */
  @Column({ type: 'integer', default: 0 })
  lateMentions!: number;

  /** https (http only to an allowed private host): each alert is POSTed here as Slack-compatible JSON. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  webhookUrl!: string | null;

  /** Exactly one address (checked when saved and again before each mail). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'uuid', nullable: true })
  leaseToken!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  leasedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastRunAt!: Date | null;

  /** Our words about the last failed run (null after a good one). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
