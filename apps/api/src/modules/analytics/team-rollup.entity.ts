import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Team performance's hourly rollup (GET /api/analytics/team over long ranges at a million mentions).
 * One row per workspace, UTC hour of posted time, spam flag and owner (the first replier, else the
 * assignee; the nil uuid for nobody), holding everything the team figures need from that hour's
 * mentions EXACTLY: counts, every duration (percentiles are taken over the full lists), sent replies
 * per author and the answered mentions sentiment recovery starts from. Recomputed whole hours at a
 * time from the mention rows together with the analytics rollups (same hours, lock and change
 * sequence watermark: see recomputeTeamHours), never incremented.
 */
@Entity('team_hourly_rollup')
export class TeamHourlyRollupEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_team_hourly_rollup' })
  workspaceId!: string;

  /** The UTC hour the mentions were posted in (its start). */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_team_hourly_rollup' })
  hour!: Date;

  @PrimaryColumn({ type: 'boolean', primaryKeyConstraintName: 'PK_team_hourly_rollup' })
  spam!: boolean;

  /** First replier, else assignee; the nil uuid when the mentions have neither. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_team_hourly_rollup' })
  ownerId!: string;

  @Column({ type: 'integer' })
  mentions!: number;

  /** First response − received, in seconds, of each answered mention (unsorted). */
  @Column({ type: 'double precision', array: true })
  firstResponseSeconds!: number[];

  /** Resolved − received, in seconds, of each mention resolved now. */
  @Column({ type: 'double precision', array: true })
  resolutionSeconds!: number[];

  @Column({ type: 'integer' })
  slaMet!: number;

  /** Missed whatever the time: answered late, or marked breached. */
  @Column({ type: 'integer' })
  slaMissed!: number;

  /** Open, unanswered and not marked breached, with a due time: missed once it has passed (read time decides). */
  @Column({ type: 'integer' })
  slaPending!: number;

  @Column({ type: 'timestamptz', nullable: true })
  slaPendingFirstDue!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  slaPendingLastDue!: Date | null;

  @Column({ type: 'integer' })
  complaints!: number;

  @Column({ type: 'integer' })
  complaintsAnswered!: number;

  @Column({ type: 'integer' })
  resolvedEver!: number;

  @Column({ type: 'integer' })
  reopened!: number;

  /** Sent replies to these mentions by author (the nil uuid for a reply without one), with their counts. */
  @Column({ type: 'uuid', array: true })
  replyAuthorIds!: string[];

  @Column({ type: 'integer', array: true })
  replyCounts!: number[];

  /** The answered mentions with a first replier (author, posted, first response, id), for sentiment recovery. */
  @Column({ type: 'uuid', array: true })
  answeredAuthorIds!: string[];

  @Column({ type: 'timestamptz', array: true })
  answeredPostedAt!: Date[];

  @Column({ type: 'timestamptz', array: true })
  answeredAt!: Date[];

  @Column({ type: 'uuid', array: true })
  answeredMentionIds!: string[];
}
