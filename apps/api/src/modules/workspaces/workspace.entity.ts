import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A tenant: one organisation and everything it owns. */
@Entity('workspace')
export class WorkspaceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  slug!: string;

  /** IANA time zone used to bucket charts and reports. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timeZone!: string;

  /** The weekly report's first weekday: 0 = Sunday … 6 = Saturday (1 = Monday). */
  @Column({ type: 'smallint', default: 1 })
  reportWeekStart!: number;

  /**
   * The workspace's change sequence: every change to a mention takes the next numbers from
   * here inside its transaction. The row lock makes changes of one workspace commit in
   * sequence order, so "everything after N" never skips a change that commits late.
   */
  @Column({ type: 'bigint', default: 0 })
  changeSeq!: string;

  /** Minutes to respond per urgency level (SlaTargets). */
  @Column({ type: 'jsonb', default: () => `'{"low": 1440, "high": 60, "medium": 240, "critical": 15}'` })
  slaTargets!: { critical: number; high: number; medium: number; low: number };

  /** SLA breaches have been raised for every mention due up to here. */
  @Column({ type: 'timestamptz', nullable: true })
  slaCheckedUntil!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
