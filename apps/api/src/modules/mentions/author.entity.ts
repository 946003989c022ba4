import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A person or account on a platform, per workspace. Their history (how many posts, when
 * last seen) is read from `mention` through the (author_id, posted_at) index, not kept
 * as counters that every ingested page would have to rewrite.
 */
@Entity('author')
@Index('author_workspace_platform_external_uq', ['workspaceId', 'platform', 'externalId'], { unique: true })
export class AuthorEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 16 })
  platform!: string;

  @Column({ type: 'varchar', length: 255 })
  externalId!: string;

  @Column({ type: 'varchar', length: 255 })
  handle!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  displayName!: string | null;

  @Column({ type: 'integer', nullable: true })
  followers!: number | null;

  @Column({ type: 'boolean', default: false })
  verified!: boolean;

  @Column({ type: 'boolean', default: false })
  bot!: boolean;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  avatarUrl!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;
}
