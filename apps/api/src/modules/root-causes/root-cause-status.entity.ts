import type { RootCauseStatusValue } from '@earshot/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who set a status: a user of the desk, or the owner through a share link. */
export type StatusSetByKind = 'user' | 'share_link';

/** A category's current root-cause status (one row per workspace and category; no row: open). */
@Entity('root_cause_status')
@Index('root_cause_status_category_uq', ['workspaceId', 'category'], { unique: true })
export class RootCauseStatusEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RootCauseStatusValue;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The day the fix went out, in the workspace's time zone (`YYYY-MM-DD`). */
  @Column({ type: 'date', nullable: true })
  fixShippedAt!: string | null;

  /** The history entry that shipped the current fix: notifying authors derives its client keys from it. */
  @Column({ type: 'uuid', nullable: true })
  fixId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  setByKind!: StatusSetByKind;

  @Column({ type: 'uuid', nullable: true })
  setByUserId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  setByName!: string;

  @Column({ type: 'timestamptz' })
  setAt!: Date;
}

/** Every status change, oldest first: who, when, the note. */
@Entity('root_cause_status_history')
@Index('root_cause_status_history_category_idx', ['workspaceId', 'category', 'setAt'])
export class RootCauseStatusHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RootCauseStatusValue;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'date', nullable: true })
  fixShippedAt!: string | null;

  @Column({ type: 'varchar', length: 16 })
  setByKind!: StatusSetByKind;

  @Column({ type: 'uuid', nullable: true })
  setByUserId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  setByName!: string;

  /** The share link the owner used (null for a desk user). */
  @Column({ type: 'uuid', nullable: true })
  shareLinkId!: string | null;

  @Column({ type: 'timestamptz' })
  setAt!: Date;
}
