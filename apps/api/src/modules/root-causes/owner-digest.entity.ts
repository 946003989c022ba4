import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One weekly digest per owner address and week: the scheduler inserts the row before it sends
 * (ON CONFLICT DO NOTHING), so several api instances send it once.
 */
@Entity('owner_digest')
@Index('owner_digest_week_uq', ['workspaceId', 'ownerEmail', 'week'], { unique: true })
export class OwnerDigestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  /** Lower-cased owner address. */
  @Column({ type: 'varchar', length: 254 })
  ownerEmail!: string;

  /** The Monday the digest's week starts (server time), `YYYY-MM-DD`. */
  @Column({ type: 'date' })
  week!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** Our words only (never the SMTP server's answer with its details). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;
}
