import type { Intent, Platform } from '@earshot/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { BrandEntity } from '../brands/brand.entity.js';

/** A brand's reply template (Settings › Templates). */
@Entity('reply_template')
@Index('reply_template_brand_idx', ['workspaceId', 'brandId'])
@Index('reply_template_shortcut_uq', ['workspaceId', 'brandId', 'shortcut'], { unique: true, where: `"shortcut" IS NOT NULL` })
export class ReplyTemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  brandId!: string;

  /** A deleted brand takes its templates with it (as it does its listening queries). */
  @ManyToOne(() => BrandEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'brand_id', foreignKeyConstraintName: 'reply_template_brand_fk' })
  brand?: Relation<BrandEntity>;

  @Column({ type: 'varchar', length: 120 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  intents!: Intent[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  categories!: string[];

  @Column({ type: 'varchar', length: 16, nullable: true })
  platform!: Platform | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  language!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  shortcut!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
