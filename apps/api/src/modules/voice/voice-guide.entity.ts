import type { VoiceGuideBody } from '@earshot/contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A brand's voice guide (one per brand); absent until a manager saves one (the default guide applies). */
@Entity('voice_guide')
export class VoiceGuideEntity {
  @PrimaryColumn({ type: 'uuid' })
  brandId!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'jsonb' })
  guide!: VoiceGuideBody;

  @Column({ type: 'uuid', nullable: true })
  updatedById!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
