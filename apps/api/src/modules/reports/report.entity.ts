import type { ReportSnapshot } from '@earshot/contracts';
import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';

/**
 * One weekly reputation report per workspace and week (the workspace's zone and week start): the stored snapshot
 * of every number and example as it was when the week was reported. Unique on (workspace, week start): the schedule
 * inserts with ON CONFLICT DO NOTHING, so several api instances generate it once; an explicit rebuild updates it.
 */
@Entity('report')
@Index('report_workspace_week_uq', ['workspaceId', 'weekStart'], { unique: true })
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'FK_report_workspace' })
  workspace?: Relation<WorkspaceEntity>;

  /** The local date the week starts on, `YYYY-MM-DD`. */
  @Column({ type: 'date' })
  weekStart!: string;

  /** The week as instants: [periodStart, periodEnd), 167 to 169 hours. */
  @Column({ type: 'timestamptz' })
  periodStart!: Date;

  @Column({ type: 'timestamptz' })
  periodEnd!: Date;

  @Column({ type: 'jsonb' })
  snapshot!: ReportSnapshot;

  @Column({ type: 'varchar', length: 16, default: 'ready' })
  status!: string;

  @Column({ type: 'timestamptz' })
  generatedAt!: Date;

  /** The manager who built or rebuilt it; null = the schedule. */
  @Column({ type: 'uuid', nullable: true })
  generatedBy!: string | null;

  /** Claimed (in a transaction) by the instance that e-mails it, so the recipients get it once. */
  @Column({ type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;

  /** Why the last e-mail failed (our words). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  emailError!: string | null;
}
