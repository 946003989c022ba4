import type { SourceStatus } from '@earshot/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One thing to poll: a platform account or public search. Holds the cursor (stored in
 * the same transaction as the mentions it covers), the lease that keeps two api
 * instances from polling it at once, and its health.
 */
@Entity('source')
@Index('source_due_idx', ['nextPollAt'], { where: 'enabled' })
export class SourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('source_workspace_idx')
  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  platform!: 'mastodon' | 'bluesky' | 'reddit' | 'x' | 'rss';

  @Column({ type: 'varchar', length: 500 })
  baseUrl!: string;

  @Column({ type: 'varchar', length: 40 })
  streamKind!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  streamQuery!: string | null;

  /** AES-256-GCM ciphertext of the credentials JSON (see common/crypto). Never returned or logged. */
  @Column({ type: 'text', nullable: true })
  credentialsCiphertext!: string | null;

  /** Names of the stored credential fields, for display. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  credentialFields!: string[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'integer', default: 60 })
  pollIntervalSeconds!: number;

  @Column({ type: 'jsonb', nullable: true })
  cursor!: unknown;

  /** Made by the first-start demo: its mentions are demo data (DELETE /api/workspace/demo-data). */
  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'idle' })
  status!: SourceStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextPollAt!: Date;

  /** Which api instance holds the lease, and until when; a fencing token for every write. */
  @Column({ type: 'uuid', nullable: true })
  leaseToken!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  leasedUntil!: Date | null;

  @Column({ type: 'integer', default: 0 })
  consecutiveFailures!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastPollAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastErrorAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
