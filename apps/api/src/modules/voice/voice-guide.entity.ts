import type { VoiceGuideBody } from '@earshot/contracts';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { BrandEntity } from '../brands/brand.entity.js';

/** A brand's voice guide (one per brand); absent until a manager saves one (the default guide applies). */
@Entity('voice_guide')
export class VoiceGuideEntity {
  @PrimaryColumn({ type: 'uuid' })
  brandId!: string;

  /** A deleted brand takes its guide with it. */
  @OneToOne(() => BrandEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'brand_id', foreignKeyConstraintName: 'voice_guide_brand_fk' })
  brand?: Relation<BrandEntity>;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'jsonb' })
  guide!: VoiceGuideBody;

  @Column({ type: 'uuid', nullable: true })
  updatedById!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
