import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { BrandEntity } from '../brands/brand.entity.js';

/** A boolean query (see @earshot/query) that assigns matching mentions to a brand and topic. */
@Entity('listening_query')
export class ListeningQueryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('listening_query_workspace_idx')
  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  brandId!: string;

  @ManyToOne(() => BrandEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'brand_id' })
  brand?: Relation<BrandEntity>;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'text' })
  query!: string;

  @Column({ type: 'varchar', length: 80, nullable: true })
  topic!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
