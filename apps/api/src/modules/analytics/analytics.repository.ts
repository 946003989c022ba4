import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AnalyticsBucket } from '@earshot/contracts';
import type { DataSource } from 'typeorm';

/**
 * Analytics' read-only SQL over mention, listening_query and brand. Everything is scoped by
 * workspace and by POSTED time, half-open [from, to). Labels, intents and categories are the
 * team's corrected ones where set. Buckets are cut in the workspace's zone: days and weeks
 * (Monday) step through local calendar days, so a daylight-saving day is 23 or 25 hours long;
 * hours step through absolute hours from the local hour `from` falls in, so the autumn night
 * has both of its 02:00 hours.
 */
export const CATEGORY = `COALESCE(NULLIF(m.corrected->>'category', ''), m.category, 'other')`;
export const INTENT = `COALESCE(NULLIF(m.corrected->>'intent', ''), m.intent)`;
export const LABEL = `COALESCE(NULLIF(m.corrected->>'sentiment', ''), m.sentiment_label)`;

/**
 * Where a read counts from: the mention rows, or the hourly rollups (analytics-rollup.entity.ts;
 * only for ranges whose bucket boundaries are whole UTC hours, see bucketsOnWholeHours). Both
 * count the same mentions the same way: scores are summed exactly (as numeric), so the figures
 * are equal to the last digit.
 */
export type AnalyticsSource = 'raw' | 'rollup';

/** The filters every analytics query takes (query ids already resolved from brand ids). */
export interface AnalyticsWhere {
  workspaceId: string;
  from: Date;
  to: Date;
  /** Mentions that matched one of these listening queries; null: no brand filter. */
  queryIds: string[] | null;
  platforms: string[] | null;
  topics: string[] | null;
  categories: string[] | null;
  includeSpam: boolean;
}

export interface BucketRow {
  start: Date;
  end: Date;
  /** Local wall time of the start, `YYYY-MM-DD"T"HH24:MI`. */
  local: string;
  /** Offset of the zone at the start, minutes east of UTC. */
  offsetMinutes: number;
}

export interface VolumeRow extends BucketRow {
  total: number;
  positive: number;
  neutral: number;
  negative: number;
  unscored: number;
  scoreSum: number;
  scored: number;
}

export interface ThemeRow {
  category: string;
  current: number;
  previous: number;
}

export interface BrandRow {
  id: string;
  name: string;
  kind: 'own' | 'competitor';
}

export interface VoiceRow {
  start: Date;
  brandId: string;
  count: number;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** `WHERE` conditions for the filters, with their parameters numbered from `first`. */
function rawConditions(w: AnalyticsWhere, first: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${first + params.length - 1}`;
  };
  if (!w.includeSpam) parts.push(`m.spam = false`);
  if (w.queryIds) parts.push(`m.query_ids ?| ${p(w.queryIds)}::text[]`);
  if (w.platforms) parts.push(`m.platform = ANY(${p(w.platforms)}::text[])`);
  if (w.topics) parts.push(`m.topics ?| ${p(w.topics)}::text[]`);
  if (w.categories) parts.push(`${CATEGORY} = ANY(${p(w.categories)}::text[])`);
  return { sql: parts.map((s) => ` AND ${s}`).join(''), params };
}

/**
 * The same filters on rollup rows `r` (a brand or topic filter picks match sets: a row's set holds
 * exactly the query ids and topics of each of its mentions), and the smallest table that has
 * every column they test: for series the summary (a sixth of the detailed rows) unless a platform
 * or category is filtered; for complaint themes the complaints table unless a platform is.
 */
function rollupConditions(w: AnalyticsWhere, first: number, read: 'series' | 'themes'): { sql: string; params: unknown[]; table: string } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${first + params.length - 1}`;
  };
  if (!w.includeSpam) parts.push(`NOT r.spam`);
  if (w.queryIds || w.topics) {
    const sets = [`s.workspace_id = $1`];
    if (w.queryIds) sets.push(`s.query_ids && ${p(w.queryIds)}::text[]`);
    if (w.topics) sets.push(`s.topics && ${p(w.topics)}::text[]`);
    // An array computed once (an init plan), not a join the planner has to estimate.
    parts.push(`r.match_set_id = ANY(ARRAY(SELECT s.id FROM analytics_match_set s WHERE ${sets.join(' AND ')}))`);
  }
  if (w.platforms) parts.push(`r.platform = ANY(${p(w.platforms)}::text[])`);
  if (w.categories) parts.push(`r.category = ANY(${p(w.categories)}::text[])`);
  let table: string;
  if (w.platforms) {
    table = 'analytics_hourly_rollup';
    if (read === 'themes') parts.push('r.complaint');
  } else if (read === 'themes') table = 'analytics_hourly_complaints';
  else table = w.categories ? 'analytics_hourly_rollup' : 'analytics_hourly_summary';
  return { sql: parts.map((s) => ` AND ${s}`).join(''), params, table };
}

/**
 * The bucket series of [$2, $3) in zone $4 as a CTE `b(key, start, "end", local, offset_minutes)`;
 * `unit` is a fixed word, never user text. `key` equals `bucketKey(unit)` of the mentions in the bucket.
 */
function bucketsCte(unit: AnalyticsBucket): string {
  const series =
    unit === 'hour'
      ? `SELECT s AS key, s AS start, s + interval '1 hour' AS "end"
           FROM generate_series(date_trunc('hour', $2::timestamptz AT TIME ZONE $4) AT TIME ZONE $4,
                                $3::timestamptz - interval '1 microsecond', interval '1 hour') s`
      : `SELECT s AS key, s AT TIME ZONE $4 AS start, (s + interval '1 ${unit}') AT TIME ZONE $4 AS "end"
           FROM generate_series(date_trunc('${unit}', $2::timestamptz AT TIME ZONE $4),
                                date_trunc('${unit}', ($3::timestamptz - interval '1 microsecond') AT TIME ZONE $4), interval '1 ${unit}') s`;
  return `b AS (
    SELECT x.key, x.start, x."end",
           to_char(x.start AT TIME ZONE $4, 'YYYY-MM-DD"T"HH24:MI') AS local,
           (extract(epoch FROM (x.start AT TIME ZONE $4) - (x.start AT TIME ZONE 'UTC')) / 60)::int AS offset_minutes
      FROM (${series}) x)`;
}

/**
 * Rollup rows `r` of bucket `b` (a LATERAL subquery per bucket: one index range scan each, no
 * zone arithmetic per row), within the range [$2, $3). Exact when bucket boundaries are whole hours.
 */
const rollupBucketRange = `r.workspace_id = $1 AND r.hour >= GREATEST(b.start, $2::timestamptz) AND r.hour < LEAST(b."end", $3::timestamptz)`;

/**
 * A mention's bucket key: its local day or Monday (a local timestamp), or for hours the instant
 * its local hour began (the posted instant less the minutes and seconds into the local hour, so
 * the two 02:00 hours of an autumn night stay apart).
 */
function bucketKey(unit: AnalyticsBucket): string {
  return unit === 'hour'
    ? `m.posted_at - ((m.posted_at AT TIME ZONE $4) - date_trunc('hour', m.posted_at AT TIME ZONE $4))`
    : `date_trunc('${unit}', m.posted_at AT TIME ZONE $4)`;
}

@Injectable()
export class AnalyticsRepository {
  private correctedColumn: boolean | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The workspace's IANA time zone (UTC when unset). */
  async timeZone(workspaceId: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT time_zone FROM workspace WHERE id = $1`, [workspaceId])) as Array<{ time_zone: string | null }>;
    return rows[0]?.time_zone || 'UTC';
  }

  /** A local calendar day's midnight in `zone`, as an instant. */
  async localMidnight(day: string, zone: string): Promise<Date> {
    const rows = (await this.dataSource.query(`SELECT ($1::date::timestamp AT TIME ZONE $2) AS t`, [day, zone])) as Array<{ t: Date }>;
    return new Date(rows[0]!.t);
  }

  /** The workspace's brands, own first, then by name. */
  async brands(workspaceId: string): Promise<BrandRow[]> {
    const rows = (await this.dataSource.query(`SELECT id, name, kind FROM brand WHERE workspace_id = $1 ORDER BY kind = 'own' DESC, name, id`, [
      workspaceId,
    ])) as Array<{ id: string; name: string; kind: string }>;
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind === 'competitor' ? 'competitor' : 'own' }));
  }

  /** The ids of the listening queries of these brands (of this workspace). */
  async queryIdsOfBrands(workspaceId: string, brandIds: string[]): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM listening_query WHERE workspace_id = $1 AND brand_id = ANY($2::uuid[])`, [
      workspaceId,
      brandIds,
    ])) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /** Volume and sentiment per bucket; every bucket of the range, zero-filled. */
  async volume(w: AnalyticsWhere, zone: string, unit: AnalyticsBucket, source: AnalyticsSource = 'raw'): Promise<VolumeRow[]> {
    const measures = `count(*) AS total,
               count(*) FILTER (WHERE ${LABEL} = 'positive') AS positive,
               count(*) FILTER (WHERE ${LABEL} = 'neutral') AS neutral,
               count(*) FILTER (WHERE ${LABEL} = 'negative') AS negative,
               count(*) FILTER (WHERE ${LABEL} IS NULL) AS unscored,
               COALESCE(sum(m.sentiment_score::numeric), 0) AS score_sum,
               count(m.sentiment_score) AS scored`;
    let sql: string;
    let params: unknown[];
    if (source === 'raw') {
      const c = rawConditions(w, 5);
      sql = await this.expr(`
      WITH ${bucketsCte(unit)},
      a AS (
        SELECT ${bucketKey(unit)} AS key, ${measures}
          FROM mention m
         WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${c.sql}
         GROUP BY 1)
      SELECT b.start, b."end", b.local, b.offset_minutes, a.total, a.positive, a.neutral, a.negative, a.unscored, a.score_sum, a.scored
        FROM b LEFT JOIN a ON a.key = b.key
       ORDER BY b.start`);
      params = c.params;
    } else {
      const c = rollupConditions(w, 5, 'series');
      sql = `
      WITH ${bucketsCte(unit)}
      SELECT b.start, b."end", b.local, b.offset_minutes, a.total, a.positive, a.neutral, a.negative, a.unscored, a.score_sum, a.scored
        FROM b CROSS JOIN LATERAL (
          SELECT sum(r.total) AS total, sum(r.positive) AS positive, sum(r.neutral) AS neutral, sum(r.negative) AS negative,
                 sum(r.unscored) AS unscored, sum(r.score_sum) AS score_sum, sum(r.scored) AS scored
            FROM ${c.table} r
           WHERE ${rollupBucketRange}${c.sql}) a
       ORDER BY b.start`;
      params = c.params;
    }
    const rows = await this.read(sql, [w.workspaceId, w.from, w.to, zone, ...params]);
    return rows.map((r) => ({
      ...bucket(r),
      total: num(r.total),
      positive: num(r.positive),
      neutral: num(r.neutral),
      negative: num(r.negative),
      unscored: num(r.unscored),
      scoreSum: num(r.score_sum),
      scored: num(r.scored),
    }));
  }

  /** Complaints per category in [from, to) and in [previousFrom, from). */
  async themes(w: AnalyticsWhere, previousFrom: Date, source: AnalyticsSource = 'raw'): Promise<ThemeRow[]> {
    let sql: string;
    let params: unknown[];
    if (source === 'raw') {
      const c = rawConditions(w, 5);
      sql = await this.expr(`
      SELECT ${CATEGORY} AS category,
             count(*) FILTER (WHERE m.posted_at >= $3) AS current,
             count(*) FILTER (WHERE m.posted_at < $3) AS previous
        FROM mention m
       WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $4 AND ${INTENT} = 'complaint'${c.sql}
       GROUP BY 1`);
      params = c.params;
    } else {
      const c = rollupConditions(w, 5, 'themes');
      sql = `
      SELECT r.category, sum(r.total) FILTER (WHERE r.hour >= $3) AS current, sum(r.total) FILTER (WHERE r.hour < $3) AS previous
        FROM ${c.table} r
       WHERE r.workspace_id = $1 AND r.hour >= $2 AND r.hour < $4${c.sql}
       GROUP BY 1`;
      params = c.params;
    }
    const rows = await this.read(sql, [w.workspaceId, previousFrom, w.from, w.to, ...params]);
    return rows.map((r) => ({ category: String(r.category), current: num(r.current), previous: num(r.previous) }));
  }

  /** The buckets of the range (for share of voice's zero-filled series). */
  async buckets(w: AnalyticsWhere, zone: string, unit: AnalyticsBucket): Promise<BucketRow[]> {
    const sql = `WITH ${bucketsCte(unit)} SELECT b.start, b."end", b.local, b.offset_minutes FROM b WHERE $1::uuid IS NOT NULL ORDER BY b.start`;
    const rows = (await this.dataSource.query(sql, [w.workspaceId, w.from, w.to, zone])) as Array<Record<string, unknown>>;
    return rows.map(bucket);
  }

  /**
   * Whether every bucket of the range starts and ends on a whole UTC hour, so each rollup hour
   * falls inside one bucket: true for zones whose offsets over the range are whole hours, false
   * for, say, Asia/Kolkata (+05:30), whose days and hours begin at :30 UTC.
   */
  async bucketsOnWholeHours(w: AnalyticsWhere, zone: string, unit: AnalyticsBucket): Promise<boolean> {
    const hour = (x: string) => `date_bin('1 hour', ${x}, timestamptz '2000-01-01T00:00:00Z') = ${x}`;
    const sql = `WITH ${bucketsCte(unit)} SELECT bool_and(${hour('b.start')} AND ${hour('b."end"')}) AS ok FROM b WHERE $1::uuid IS NOT NULL`;
    const rows = (await this.dataSource.query(sql, [w.workspaceId, w.from, w.to, zone])) as Array<{ ok: boolean | null }>;
    return rows[0]?.ok === true;
  }

  /**
   * Mentions per brand and bucket, a brand's being those that matched one of its listening
   * queries: a mention that matched queries of two brands counts once for each. From rollups,
   * each match set's brands are looked up once (its query ids, through today's listening queries).
   */
  async voice(w: AnalyticsWhere, zone: string, unit: AnalyticsBucket, source: AnalyticsSource = 'raw'): Promise<VoiceRow[]> {
    let aggregate: string;
    let params: unknown[];
    if (source === 'raw') {
      const c = rawConditions(w, 5);
      aggregate = `
      a AS (
        SELECT ${bucketKey(unit)} AS key, mb.brand_id, count(*) AS n
          FROM mention m
          CROSS JOIN LATERAL (
            SELECT DISTINCT q.brand_id
              FROM jsonb_array_elements_text(m.query_ids) e(qid)
              JOIN listening_query q ON q.workspace_id = $1 AND q.id::text = e.qid) mb
         WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${c.sql}
         GROUP BY 1, 2)`;
      params = c.params;
    } else {
      const c = rollupConditions(w, 5, 'series');
      aggregate = `
      sb AS MATERIALIZED (
        SELECT s.id, sq.brand_id
          FROM analytics_match_set s
          CROSS JOIN LATERAL (
            SELECT DISTINCT q.brand_id
              FROM unnest(s.query_ids) e(qid)
              JOIN listening_query q ON q.workspace_id = $1 AND q.id::text = e.qid) sq
         WHERE s.workspace_id = $1),
      h AS (
        SELECT b.key, x.match_set_id, x.n
          FROM b CROSS JOIN LATERAL (
            SELECT r.match_set_id, sum(r.total) AS n
              FROM ${c.table} r
             WHERE ${rollupBucketRange}${c.sql}
             GROUP BY r.match_set_id) x),
      a AS (
        SELECT h.key, sb.brand_id, sum(h.n) AS n
          FROM h JOIN sb ON sb.id = h.match_set_id
         GROUP BY 1, 2)`;
      params = c.params;
    }
    const sql = await this.expr(`
      WITH ${bucketsCte(unit)},${aggregate}
      SELECT b.start, a.brand_id, a.n FROM b JOIN a ON a.key = b.key`);
    const rows = await this.read(sql, [w.workspaceId, w.from, w.to, zone, ...params]);
    return rows.map((r) => ({ start: new Date(r.start as string | Date), brandId: String(r.brand_id), count: num(r.n) }));
  }

  /**
   * Runs an aggregate read with JIT compilation off: the bucket series' row estimate (1,000)
   * makes the planner's cost cross the JIT threshold, and compiling took 300 ms of a 630 ms
   * query over 100k mentions, more than it saved.
   */
  private read(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SET LOCAL jit = off`);
      return (await tx.query(sql, params)) as Array<Record<string, unknown>>;
    });
  }

  /** Uses the team's corrections once mention.corrected exists; the model's values before. */
  private async expr(sql: string): Promise<string> {
    if (this.correctedColumn === null) {
      const rows = (await this.dataSource.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'mention' AND column_name = 'corrected'`,
      )) as unknown[];
      this.correctedColumn = rows.length > 0;
    }
    return this.correctedColumn ? sql : sql.replace(/NULLIF\(m\.corrected->>'\w+', ''\), /g, '');
  }
}

function bucket(r: Record<string, unknown>): BucketRow {
  return { start: new Date(r.start as string | Date), end: new Date(r.end as string | Date), local: String(r.local), offsetMinutes: num(r.offset_minutes) };
}
