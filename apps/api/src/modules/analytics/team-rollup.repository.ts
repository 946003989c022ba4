import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OPEN_STATUS_SQL } from '../mentions/status-sql.util.js';
import type { AnalyticsWhere } from './analytics.repository.js';
import type { TeamRows } from './team-performance.repository.js';
import {
  COMPLAINT,
  RECOVERY_CTE,
  RECOVERY_SELECT,
  REOPENED,
  RESOLVED_EVER,
  SLA_MET,
  queryTeamFigures,
  slaMissedSql,
  teamRowsFrom,
} from './team-work.repository.js';

const HOUR_MS = 3_600_000;

/** The owner of mentions nobody replied to or was assigned (a rollup key cannot be null). */
export const NO_OWNER = '00000000-0000-0000-0000-000000000000';

/** SQL: the UTC hour (its start) mention `m` was posted in, as the analytics rollups cut hours. */
const POSTED_HOUR = `date_bin('1 hour', m.posted_at, timestamptz '2000-01-01T00:00:00Z')`;

/** SQL on mention `m`: its owner as the rollup keys it. */
const OWNER = `COALESCE(m.sent_reply_authors[1], m.assignee_id, '${NO_OWNER}'::uuid)`;

/** SQL on mention `m`: open, unanswered, not marked breached, with a due time: missed or not depends on the time of reading. */
const SLA_PENDING = `(m.sla_due_at IS NOT NULL AND m.first_response_at IS NULL AND m.sla_breached_at IS NULL AND m.status IN (${OPEN_STATUS_SQL}))`;

/** SQL on mention `m`: answered, with a first replier (where sentiment recovery starts). */
const ANSWERED = `(m.first_response_at IS NOT NULL AND m.sent_reply_authors[1] IS NOT NULL)`;

/** The rollup's columns after workspace_id, in table order. */
const ROW_COLUMNS = `hour, spam, owner_id, mentions, first_response_seconds, resolution_seconds, sla_met, sla_missed, sla_pending, sla_pending_first_due,
  sla_pending_last_due, complaints, complaints_answered, resolved_ever, reopened, reply_author_ids, reply_counts, answered_author_ids, answered_posted_at,
  answered_at, answered_mention_ids`;

/**
 * SQL: a subquery of rollup rows (ROW_COLUMNS, by UTC hour of posted time, spam flag and owner) over
 * the mentions `src` yields as `m`. With `now` (an SQL timestamptz) every missed SLA is counted at
 * that time and none is left pending (rows read once, never stored).
 */
function rollupRowsSql(src: string, now?: string): string {
  const answered = (col: string) => `COALESCE(array_agg(${col}) FILTER (WHERE ${ANSWERED}), '{}')`;
  const sla = now
    ? `count(*) FILTER (WHERE ${slaMissedSql(now)})::int AS sla_missed, 0 AS sla_pending, NULL::timestamptz AS first_due, NULL::timestamptz AS last_due`
    : `count(*) FILTER (WHERE m.sla_due_at IS NOT NULL AND NOT ${SLA_MET} AND (m.first_response_at IS NOT NULL OR m.sla_breached_at IS NOT NULL))::int AS sla_missed,
       count(*) FILTER (WHERE ${SLA_PENDING})::int AS sla_pending,
       min(m.sla_due_at) FILTER (WHERE ${SLA_PENDING}) AS first_due,
       max(m.sla_due_at) FILTER (WHERE ${SLA_PENDING}) AS last_due`;
  return `(
    WITH mentions AS NOT MATERIALIZED (
      SELECT ${POSTED_HOUR} AS hour, ${OWNER} AS owner, m.* FROM ${src}),
    replies AS (
      SELECT x.hour, x.spam, x.owner, array_agg(x.author ORDER BY x.author) AS ids, array_agg(x.n ORDER BY x.author) AS counts
        FROM (SELECT m.hour, m.spam, m.owner, COALESCE(a.author, '${NO_OWNER}'::uuid) AS author, count(*)::int AS n
                FROM mentions m CROSS JOIN LATERAL unnest(m.sent_reply_authors) a(author)
               GROUP BY 1, 2, 3, 4) x
       GROUP BY 1, 2, 3),
    grouped AS (
      SELECT m.hour, m.spam, m.owner, count(*)::int AS mentions,
             COALESCE(array_agg(extract(epoch FROM m.first_response_at - m.created_at)::float8) FILTER (WHERE m.first_response_at IS NOT NULL), '{}') AS fr,
             COALESCE(array_agg(extract(epoch FROM m.resolved_at - m.created_at)::float8) FILTER (WHERE m.resolved_at IS NOT NULL), '{}') AS res,
             count(*) FILTER (WHERE ${SLA_MET})::int AS sla_met,
             ${sla},
             count(*) FILTER (WHERE ${COMPLAINT})::int AS complaints,
             count(*) FILTER (WHERE ${COMPLAINT} AND m.first_response_at IS NOT NULL)::int AS complaints_answered,
             count(*) FILTER (WHERE ${RESOLVED_EVER})::int AS resolved_ever,
             count(*) FILTER (WHERE ${REOPENED})::int AS reopened,
             ${answered('m.author_id')} AS a_author, ${answered('m.posted_at')} AS a_posted, ${answered('m.first_response_at')} AS a_at, ${answered('m.id')} AS a_id
        FROM mentions m
       GROUP BY 1, 2, 3)
    SELECT g.hour, g.spam, g.owner AS owner_id, g.mentions, g.fr AS first_response_seconds, g.res AS resolution_seconds, g.sla_met, g.sla_missed,
           g.sla_pending, g.first_due AS sla_pending_first_due, g.last_due AS sla_pending_last_due, g.complaints, g.complaints_answered, g.resolved_ever,
           g.reopened, COALESCE(r.ids, '{}') AS reply_author_ids, COALESCE(r.counts, '{}') AS reply_counts, g.a_author AS answered_author_ids,
           g.a_posted AS answered_posted_at, g.a_at AS answered_at, g.a_id AS answered_mention_ids
      FROM grouped g LEFT JOIN replies r ON r.hour = g.hour AND r.spam = g.spam AND r.owner = g.owner)`;
}

/**
 * Recomputes, inside `tx` (which holds the workspace's analytics rollup lock), the team rollup rows of
 * `hours` (every hour when 'all') from the workspace's mention rows and the team's work kept on them:
 * called by the analytics rollups' recompute, so the team's rows follow the same hours, watermark and
 * deletions as theirs.
 */
export async function recomputeTeamHours(tx: EntityManager, workspaceId: string, hours: Date[] | 'all'): Promise<void> {
  const all = hours === 'all';
  const params: unknown[] = all ? [workspaceId] : [workspaceId, hours];
  const columns = `posted_at, spam, id, author_id, created_at, first_response_at, resolved_at, sla_due_at, sla_breached_at, status, intent, corrected, assignee_id,
                   sent_reply_authors, first_reply_resolved_at, first_status_resolved_at, last_status_open_at`;
  // Per listed hour one index range scan (OFFSET 0 keeps the subquery per hour, as in the analytics rollups).
  const src = all
    ? `mention m WHERE m.workspace_id = $1`
    : `(SELECT DISTINCT u FROM unnest($2::timestamptz[]) u) h(hour)
         CROSS JOIN LATERAL (
           SELECT ${columns} FROM mention x
            WHERE x.workspace_id = $1 AND x.posted_at >= h.hour AND x.posted_at < h.hour + interval '1 hour'
           OFFSET 0) m`;
  await tx.query(`DELETE FROM team_hourly_rollup WHERE workspace_id = $1${all ? '' : ` AND hour = ANY($2::timestamptz[])`}`, params);
  await tx.query(`INSERT INTO team_hourly_rollup (workspace_id, ${ROW_COLUMNS}) SELECT $1::uuid, x.* FROM ${rollupRowsSql(src)} x ORDER BY x.hour`, params);
}

/**
 * Team performance from the hourly rollup: exact for any range with no filter but spam (the service
 * checks), as fresh as the analytics rollups (the service brings them up to date first). The range's
 * whole UTC hours are read from the rollup, the parts of an hour at either end (a zone half an hour
 * off UTC, an instant range) from their mention rows in the same shape; every figure sums or
 * concatenates those rows. An SLA still pending when an hour was recomputed counts as missed once
 * its due time has passed — an hour whose pending due times lie on both sides of `now` is counted
 * from its mention rows. Sentiment recovery starts from the rows' answered mentions and reads the
 * authors' mentions around them.
 */
@Injectable()
export class TeamRollupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async figures(w: AnalyticsWhere, now: Date): Promise<TeamRows> {
    if (w.queryIds || w.platforms || w.topics || w.categories) throw new Error('the team rollup has no brand, platform, topic or category filter');
    // The whole hours [$5, $6) inside the range (none when it crosses no hour boundary twice).
    const first = Math.ceil(w.from.getTime() / HOUR_MS) * HOUR_MS;
    const last = Math.floor(w.to.getTime() / HOUR_MS) * HOUR_MS;
    const [inFrom, inTo] = first < last ? [new Date(first), new Date(last)] : [w.to, w.to];
    const spam = (alias: string) => (w.includeSpam ? '' : ` AND NOT ${alias}.spam`);
    const edges = `mention m WHERE m.workspace_id = $1 AND ((m.posted_at >= $2 AND m.posted_at < $5) OR (m.posted_at >= $6 AND m.posted_at < $3))${spam('m')}`;
    const sql = `
      WITH r AS MATERIALIZED (
        SELECT ${ROW_COLUMNS} FROM team_hourly_rollup t WHERE t.workspace_id = $1 AND t.hour >= $5 AND t.hour < $6${spam('t')}
        UNION ALL
        SELECT x.* FROM ${rollupRowsSql(edges, '$4')} x),
      grouped AS (
        SELECT r.owner_id AS owner, sum(r.sla_met) AS sla_met,
               sum(CASE WHEN r.sla_pending = 0 OR r.sla_pending_first_due > $4 THEN r.sla_missed
                        WHEN r.sla_pending_last_due <= $4 THEN r.sla_missed + r.sla_pending
                        ELSE (SELECT count(*) FROM mention m
                               WHERE m.workspace_id = $1 AND m.posted_at >= r.hour AND m.posted_at < r.hour + interval '1 hour'
                                 AND m.spam = r.spam AND ${OWNER} = r.owner_id AND ${slaMissedSql('$4')}) END) AS sla_missed,
               sum(r.complaints) AS complaints, sum(r.complaints_answered) AS complaints_answered,
               sum(r.resolved_ever) AS resolved_ever, sum(r.reopened) AS reopened
          FROM r GROUP BY 1),
      fr AS (SELECT r.owner_id AS owner, array_agg(v) AS fr FROM r, unnest(r.first_response_seconds) v GROUP BY 1),
      res AS (SELECT r.owner_id AS owner, array_agg(v) AS res FROM r, unnest(r.resolution_seconds) v GROUP BY 1),
      replies AS (
        SELECT a.author, sum(a.n) AS n, GROUPING(a.author) AS g
          FROM r, unnest(r.reply_author_ids, r.reply_counts) a(author, n)
         GROUP BY ROLLUP (a.author)),
      answered AS (
        SELECT DISTINCT ON (x.author_id) x.author_id, x.posted_at, x.t, r.owner_id AS owner
          FROM r, unnest(r.answered_author_ids, r.answered_posted_at, r.answered_at, r.answered_mention_ids) x(author_id, posted_at, t, id)
         ORDER BY x.author_id, x.t, x.id),${RECOVERY_CTE}
      SELECT 'group' AS kind, NULLIF(g.owner, '${NO_OWNER}'::uuid) AS owner, fr.fr, res.res,
             jsonb_build_object('sla_met', g.sla_met, 'sla_missed', g.sla_missed, 'complaints', g.complaints,
                                'complaints_answered', g.complaints_answered, 'resolved_ever', g.resolved_ever, 'reopened', g.reopened) AS f,
             NULL::int AS g
        FROM grouped g LEFT JOIN fr ON fr.owner = g.owner LEFT JOIN res ON res.owner = g.owner
      UNION ALL
      SELECT 'replies', NULLIF(r.author, '${NO_OWNER}'::uuid), NULL, NULL, jsonb_build_object('n', r.n), r.g FROM replies r
      UNION ALL${RECOVERY_SELECT}`;
    return teamRowsFrom(await queryTeamFigures(this.dataSource, sql, [w.workspaceId, w.from, w.to, now, inFrom, inTo]));
  }
}
