import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CATEGORY, INTENT, LABEL } from './analytics.repository.js';
import { recomputeTeamHours } from './team-rollup.repository.js';

/**
 * Writes analytics' hourly rollups (see analytics-rollup.entity.ts): whole UTC hours recomputed
 * from the mention rows, never incremented, so a rollup hour is always exactly what a raw query
 * over that hour counts.
 *
 * Keeping them current: every mention change takes a number from its workspace's change sequence
 * (ingest's inserts, triage, corrections, re-scoring and replies all do; see
 * mentions/change-seq.repository.ts), and those numbers commit in order. A catch-up reads the
 * committed `workspace.change_seq` S, recomputes the hours of the mentions changed after the
 * workspace's watermark, and stores S as the new watermark, in one transaction under a
 * per-workspace advisory lock (two api instances never work on one workspace at once; the second
 * finds nothing left to do). Hours of mentions that commit during the catch-up may be recomputed
 * once more by the next one, never missed. Deleting mentions bumps no sequence: the one path that
 * deletes them (demo data) recomputes their hours in its own transaction
 * (lockRollupHours / recomputeRollupHours).
 */

/** SQL: the UTC hour (its start) mention `m` was posted in, whatever the session's time zone. */
export const MENTION_HOUR = `date_bin('1 hour', m.posted_at, timestamptz '2000-01-01T00:00:00Z')`;

/** The per-workspace advisory lock of rollup writes ($1 = workspace id), held until the transaction ends. */
const LOCK_KEY = `hashtextextended('earshot.analytics-rollup:' || $1::text, 0)`;

/** SQL: a mention's jsonb array of strings as a sorted set (text[]); anything else as the empty set. */
function sortedSet(jsonb: string): string {
  return `ARRAY(SELECT DISTINCT e #>> '{}' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${jsonb}) = 'array' THEN ${jsonb} ELSE '[]'::jsonb END) e
                 WHERE jsonb_typeof(e) = 'string' ORDER BY 1)`;
}

/**
 * Recomputes, inside `tx` (which holds the workspace's lock), the rollup rows of `hours` (every
 * hour when 'all') from the workspace's mention rows, in one statement: aggregate the mentions by
 * hour and every filtered value, add the match sets not seen before, write the detailed rows and
 * the summary and complaints rows derived from them.
 */
async function recompute(tx: EntityManager, workspaceId: string, hours: Date[] | 'all'): Promise<void> {
  const all = hours === 'all';
  const params: unknown[] = all ? [workspaceId] : [workspaceId, hours];
  // Per listed hour one index range scan (OFFSET 0 keeps the subquery per hour: joined flat, the
  // planner cannot tell an hour holds ~100 rows and scans the whole table instead).
  const src = all
    ? `mention m WHERE m.workspace_id = $1`
    : `(SELECT DISTINCT u FROM unnest($2::timestamptz[]) u) h(hour)
         CROSS JOIN LATERAL (
           SELECT x.posted_at, x.query_ids, x.topics, x.spam, x.platform, x.category, x.intent, x.corrected, x.sentiment_label, x.sentiment_score
             FROM mention x
            WHERE x.workspace_id = $1 AND x.posted_at >= h.hour AND x.posted_at < h.hour + interval '1 hour'
           OFFSET 0) m`;
  const inHours = all ? '' : ` AND hour = ANY($2::timestamptz[])`;
  await tx.query(`DELETE FROM analytics_hourly_summary WHERE workspace_id = $1${inHours}`, params);
  await tx.query(`DELETE FROM analytics_hourly_complaints WHERE workspace_id = $1${inHours}`, params);
  await tx.query(`DELETE FROM analytics_hourly_rollup WHERE workspace_id = $1${inHours}`, params);
  const measures = `total, positive, neutral, negative, unscored, score_sum, scored`;
  const sums = `sum(g.total)::int, sum(g.positive)::int, sum(g.neutral)::int, sum(g.negative)::int, sum(g.unscored)::int, sum(g.score_sum), sum(g.scored)::int`;
  await tx.query(
    `WITH g AS (
       SELECT ${MENTION_HOUR} AS hour, m.query_ids, m.topics, m.spam, m.platform, ${CATEGORY} AS category,
              COALESCE(${INTENT} = 'complaint', false) AS complaint,
              count(*) AS total,
              count(*) FILTER (WHERE ${LABEL} = 'positive') AS positive,
              count(*) FILTER (WHERE ${LABEL} = 'neutral') AS neutral,
              count(*) FILTER (WHERE ${LABEL} = 'negative') AS negative,
              count(*) FILTER (WHERE ${LABEL} IS NULL) AS unscored,
              COALESCE(sum(m.sentiment_score::numeric), 0) AS score_sum,
              count(m.sentiment_score) AS scored
         FROM ${src}
        GROUP BY 1, 2, 3, 4, 5, 6, 7),
     c AS (
       SELECT d.query_ids, d.topics, ${sortedSet('d.query_ids')} AS q, ${sortedSet('d.topics')} AS t
         FROM (SELECT DISTINCT g.query_ids, g.topics FROM g) d),
     known AS (
       SELECT s.id, s.query_ids, s.topics FROM analytics_match_set s WHERE s.workspace_id = $1),
     added AS (
       INSERT INTO analytics_match_set (workspace_id, query_ids, topics)
       SELECT DISTINCT $1::uuid, c.q, c.t FROM c WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.query_ids = c.q AND k.topics = c.t)
       RETURNING id, query_ids, topics),
     ids AS (
       SELECT c.query_ids, c.topics, COALESCE(k.id, a.id) AS id
         FROM c LEFT JOIN known k ON k.query_ids = c.q AND k.topics = c.t LEFT JOIN added a ON a.query_ids = c.q AND a.topics = c.t),
     detailed AS (
       INSERT INTO analytics_hourly_rollup (workspace_id, hour, match_set_id, spam, platform, category, complaint, ${measures})
       SELECT $1::uuid, g.hour, ids.id, g.spam, g.platform, g.category, g.complaint, ${sums}
         FROM g JOIN ids ON ids.query_ids = g.query_ids AND ids.topics = g.topics
        GROUP BY g.hour, ids.id, g.spam, g.platform, g.category, g.complaint
        ORDER BY g.hour
       RETURNING hour, match_set_id, spam, category, complaint, ${measures}),
     summary AS (
       INSERT INTO analytics_hourly_summary (workspace_id, hour, match_set_id, spam, ${measures})
       SELECT $1::uuid, g.hour, g.match_set_id, g.spam, ${sums}
         FROM detailed g
        GROUP BY g.hour, g.match_set_id, g.spam
        ORDER BY g.hour)
     INSERT INTO analytics_hourly_complaints (workspace_id, hour, match_set_id, spam, category, total)
     SELECT $1::uuid, g.hour, g.match_set_id, g.spam, g.category, sum(g.total)::int
       FROM detailed g
      WHERE g.complaint
      GROUP BY g.hour, g.match_set_id, g.spam, g.category
      ORDER BY g.hour`,
    params,
  );
  await recomputeTeamHours(tx, workspaceId, hours);
}

/**
 * For a transaction about to DELETE mentions (no change sequence records a deletion): takes the
 * workspace's rollup lock (a catch-up waits until this transaction ends) and returns the UTC
 * hours of the mentions `where` selects (a trusted condition on `m`; $1 is the workspace id,
 * `params` follow from $2). After the delete, pass them to recomputeRollupHours in the same
 * transaction.
 */
export async function lockRollupHours(tx: EntityManager, workspaceId: string, where: string, params: unknown[] = []): Promise<Date[]> {
  await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`, [workspaceId]);
  const rows = (await tx.query(`SELECT DISTINCT ${MENTION_HOUR} AS hour FROM mention m WHERE m.workspace_id = $1 AND (${where})`, [
    workspaceId,
    ...params,
  ])) as Array<{ hour: Date }>;
  return rows.map((r) => new Date(r.hour));
}

/** Recomputes these hours of the workspace's rollups from the mention rows left (after lockRollupHours, in its transaction). */
export async function recomputeRollupHours(tx: EntityManager, workspaceId: string, hours: Date[]): Promise<void> {
  if (hours.length > 0) await recompute(tx, workspaceId, hours);
}

export interface RollupCatchUp {
  /** Hours recomputed (every hour of the workspace's mentions when `full`). */
  hours: number;
  /** First build: every hour. */
  full: boolean;
  /** The change sequence number the rollups are now current to. */
  watermark: number;
}

@Injectable()
export class AnalyticsRollupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Whether the workspace's rollups hold every committed change, lag behind (by `lag` change
   * numbers), or were never built (one indexed read; no lock).
   */
  async status(workspaceId: string): Promise<{ status: 'current' | 'behind' | 'unbuilt'; lag: number }> {
    const rows = (await this.dataSource.query(
      `SELECT s.workspace_id IS NOT NULL AS built, GREATEST(w.change_seq - COALESCE(s.watermark, 0), 0)::text AS lag
         FROM workspace w LEFT JOIN analytics_rollup_state s ON s.workspace_id = w.id WHERE w.id = $1`,
      [workspaceId],
    )) as Array<{ built: boolean; lag: string }>;
    const lag = Number(rows[0]?.lag ?? 0);
    return { status: !rows[0]?.built ? 'unbuilt' : lag === 0 ? 'current' : 'behind', lag };
  }

  async isCurrent(workspaceId: string): Promise<boolean> {
    return (await this.status(workspaceId)).status === 'current';
  }

  /** Fresh statistics after a build: the planner otherwise takes the new rows for one and picks nested loops over them. */
  async analyze(): Promise<void> {
    await this.dataSource.query(
      `ANALYZE analytics_hourly_rollup, analytics_hourly_summary, analytics_hourly_complaints, analytics_match_set, team_hourly_rollup`,
    );
  }

  /** Workspaces whose rollups are behind their committed changes (or were never built). */
  async behind(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT w.id FROM workspace w LEFT JOIN analytics_rollup_state s ON s.workspace_id = w.id
        WHERE s.workspace_id IS NULL OR w.change_seq > s.watermark ORDER BY w.id`,
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /**
   * Brings the workspace's rollups up to its committed change sequence, in one transaction under
   * its advisory lock. `wait: false` gives up (null) when another transaction holds the lock.
   */
  async catchUp(workspaceId: string, o: { wait: boolean }): Promise<RollupCatchUp | null> {
    return this.dataSource.transaction(async (tx) => {
      const locked = (await tx.query(`SELECT ${o.wait ? 'pg_advisory_xact_lock' : 'pg_try_advisory_xact_lock'}(${LOCK_KEY}) AS ok`, [workspaceId])) as Array<{
        ok: boolean | string;
      }>;
      if (!o.wait && locked[0]?.ok !== true) return null;
      // After the lock: a catch-up that committed meanwhile is seen here.
      const state = (await tx.query(`SELECT watermark FROM analytics_rollup_state WHERE workspace_id = $1`, [workspaceId])) as Array<{ watermark: string }>;
      const ws = (await tx.query(`SELECT change_seq FROM workspace WHERE id = $1`, [workspaceId])) as Array<{ change_seq: string }>;
      if (!ws[0]) return null;
      const seq = ws[0].change_seq;
      const watermark = state[0]?.watermark;
      if (watermark !== undefined && BigInt(watermark) >= BigInt(seq)) return { hours: 0, full: false, watermark: Number(watermark) };
      let hours: number;
      if (watermark === undefined) {
        await recompute(tx, workspaceId, 'all');
        const n = (await tx.query(`SELECT count(DISTINCT hour)::int AS n FROM analytics_hourly_summary WHERE workspace_id = $1`, [workspaceId])) as Array<{
          n: number;
        }>;
        hours = n[0]?.n ?? 0;
      } else {
        // Every mention changed after the watermark (and any committing now, harmlessly): their hours.
        const changed = (await tx.query(`SELECT DISTINCT ${MENTION_HOUR} AS hour FROM mention m WHERE m.workspace_id = $1 AND m.change_seq > $2`, [
          workspaceId,
          watermark,
        ])) as Array<{ hour: Date }>;
        hours = changed.length;
        if (hours > 0)
          await recompute(
            tx,
            workspaceId,
            changed.map((r) => new Date(r.hour)),
          );
      }
      await tx.query(
        `INSERT INTO analytics_rollup_state (workspace_id, watermark, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (workspace_id) DO UPDATE SET watermark = EXCLUDED.watermark, updated_at = EXCLUDED.updated_at`,
        [workspaceId, seq],
      );
      return { hours, full: watermark === undefined, watermark: Number(seq) };
    });
  }
}
