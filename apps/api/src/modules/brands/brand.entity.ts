import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A brand the workspace listens for: its own, or a competitor (for share of voice). */
@Entity('brand')
@Index('brand_workspace_name_uq', ['workspaceId', 'name'], { unique: true })
export class BrandEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 16, default: 'own' })
  kind!: 'own' | 'competitor';

  /** Platform handles of the brand, lower-case, without @. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  handles!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
