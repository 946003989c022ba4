import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An expiring link that shows an owner their categories' board and lets them set the status. Only the token's SHA-256 is stored. */
@Entity('owner_share_link')
@Index('owner_share_link_token_uq', ['tokenHash'], { unique: true })
@Index('owner_share_link_workspace_idx', ['workspaceId', 'createdAt'])
export class OwnerShareLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  /** SHA-256 of the token, hex. */
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'jsonb' })
  categories!: string[];

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
