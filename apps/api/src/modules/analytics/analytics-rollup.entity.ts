import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Analytics' hourly rollups (issue 15: fast at a million mentions). Each mention is counted in
 * exactly ONE row of each rollup table, by its UTC hour of posted time and the values every
 * filter tests, so a filter on the rollup selects exactly the mentions the raw query selects.
 * Written only by AnalyticsRollupRepository (recompute whole hours from the mention rows); read
 * by AnalyticsRepository when a range is made of whole UTC hours.
 */

/**
 * A workspace's distinct (listening queries matched, topics) pairs, as sorted sets. Rollup rows
 * name theirs by id: brands are resolved from the query ids when a report is read (so moving a
 * query to another brand, or deleting it, needs no rebuild), and a brand or topic filter is a
 * test on a handful of sets, not on every row.
 */
@Entity('analytics_match_set')
@Index('analytics_match_set_uq', ['workspaceId', 'queryIds', 'topics'], { unique: true })
export class AnalyticsMatchSetEntity {
  @PrimaryGeneratedColumn('increment', { primaryKeyConstraintName: 'PK_analytics_match_set_id' })
  id!: number;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  /** `mention.query_ids` as a sorted set of strings. */
  @Column({ type: 'text', array: true })
  queryIds!: string[];

  /** `mention.topics` as a sorted set. */
  @Column({ type: 'text', array: true })
  topics!: string[];
}

/** The measures both rollup tables carry (sentiment by the team's label where corrected; the model's score). */
abstract class RollupMeasures {
  @Column({ type: 'integer' })
  total!: number;

  @Column({ type: 'integer' })
  positive!: number;

  @Column({ type: 'integer' })
  neutral!: number;

  @Column({ type: 'integer' })
  negative!: number;

  /** No label (not scored). */
  @Column({ type: 'integer' })
  unscored!: number;

  /** Sum of sentiment scores, exact (each float4 score as numeric), so sums of sums equal the raw sum. */
  @Column({ type: 'numeric' })
  scoreSum!: string;

  /** Mentions with a score. */
  @Column({ type: 'integer' })
  scored!: number;
}

/**
 * One row per workspace, UTC hour, match set, spam flag, platform, category (the team's, else the
 * model's, else `other`) and complaint flag (intent `complaint`, the team's where corrected).
 * Serves platform and category filters (and complaint themes filtered by platform).
 */
@Entity('analytics_hourly_rollup')
export class AnalyticsHourlyRollupEntity extends RollupMeasures {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_analytics_hourly_rollup' })
  workspaceId!: string;

  /** The UTC hour the mentions were posted in (its start). */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_analytics_hourly_rollup' })
  hour!: Date;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_analytics_hourly_rollup' })
  matchSetId!: number;

  @PrimaryColumn({ type: 'boolean', primaryKeyConstraintName: 'PK_analytics_hourly_rollup' })
  spam!: boolean;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_analytics_hourly_rollup' })
  platform!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_analytics_hourly_rollup' })
  category!: string;

  @PrimaryColumn({ type: 'boolean', primaryKeyConstraintName: 'PK_analytics_hourly_rollup' })
  complaint!: boolean;
}

/**
 * The same mentions by workspace, UTC hour, match set and spam flag only (about a sixth of the
 * rows at a million mentions): volume, sentiment and share of voice without a platform or
 * category filter read this one.
 */
@Entity('analytics_hourly_summary')
export class AnalyticsHourlySummaryEntity extends RollupMeasures {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_analytics_hourly_summary' })
  workspaceId!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_analytics_hourly_summary' })
  hour!: Date;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_analytics_hourly_summary' })
  matchSetId!: number;

  @PrimaryColumn({ type: 'boolean', primaryKeyConstraintName: 'PK_analytics_hourly_summary' })
  spam!: boolean;
}

/**
 * Complaints only (intent `complaint`, the team's where corrected), by workspace, UTC hour, match
 * set, spam flag and category: complaint themes without a platform filter read this one (a
 * quarter of the detailed rows over a period).
 */
@Entity('analytics_hourly_complaints')
export class AnalyticsHourlyComplaintsEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_analytics_hourly_complaints' })
  workspaceId!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_analytics_hourly_complaints' })
  hour!: Date;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_analytics_hourly_complaints' })
  matchSetId!: number;

  @PrimaryColumn({ type: 'boolean', primaryKeyConstraintName: 'PK_analytics_hourly_complaints' })
  spam!: boolean;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_analytics_hourly_complaints' })
  category!: string;

  @Column({ type: 'integer' })
  total!: number;
}

/**
 * How far a workspace's rollups are current: every mention change with a change sequence number
 * up to `watermark` is in them. No row: never built (the next catch-up builds every hour).
 */
@Entity('analytics_rollup_state')
export class AnalyticsRollupStateEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_analytics_rollup_state' })
  workspaceId!: string;

  @Column({ type: 'bigint' })
  watermark!: string;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
