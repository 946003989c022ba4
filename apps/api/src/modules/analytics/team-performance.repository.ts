import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OPEN_STATUS_SQL } from '../mentions/status-sql.util.js';
import { EFFECTIVE_INTENT, filterSql } from './analytics-where.sql.js';
import type { AnalyticsWhere } from './analytics.repository.js';

/** Raw counts and durations (seconds) of one group: the whole team (`owner` null) or one person. */
export interface TeamRow {
  firstResponse: { median: number | null; p90: number | null; count: number };
  resolution: { median: number | null; p90: number | null; count: number };
  slaMet: number;
  slaMissed: number;
  complaints: number;
  complaintsAnswered: number;
  resolvedEver: number;
  reopened: number;
  repliesSent: number;
  recovery: { authors: number; improved: number; deltaSum: number };
}

export interface TeamRows {
  team: TeamRow;
  /** Per person who owns a mention of the cohort or wrote one of its replies. */
  byUser: Map<string, TeamRow>;
}

export interface MemberRow {
  id: string;
  name: string;
  role: string;
  active: boolean;
}

/** The window of an author's mentions before the one we answered, and after our answer. */
const RECOVERY_WINDOW = `interval '7 days'`;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const emptyTeamRow = (): TeamRow => ({
  firstResponse: { median: null, p90: null, count: 0 },
  resolution: { median: null, p90: null, count: 0 },
  slaMet: 0,
  slaMissed: 0,
  complaints: 0,
  complaintsAnswered: 0,
  resolvedEver: 0,
  reopened: 0,
  repliesSent: 0,
  recovery: { authors: 0, improved: 0, deltaSum: 0 },
});

/**
 * The cohort: the workspace's mentions POSTED in [$2, $3) that pass the filters, with each one's
 * owner (the author of its first sent reply; unanswered: its assignee) and whether it is a complaint.
 * Parameters: $1 workspace, $2 from, $3 to, filters from $4.
 */
function cohortCtes(filters: string): string {
  return `
    c AS MATERIALIZED (
      SELECT m.id, m.author_id, m.posted_at, m.created_at, m.status, m.resolved_at, m.first_response_at,
             m.sla_due_at, m.sla_breached_at, m.assignee_id, (${EFFECTIVE_INTENT} = 'complaint') IS TRUE AS complaint
        FROM mention m
       WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${filters}),
    sent AS MATERIALIZED (
      SELECT r.id, r.mention_id, r.author_user_id, r.sent_at, r.resolve_on_send
        FROM reply r JOIN c ON c.id = r.mention_id
       WHERE r.workspace_id = $1 AND r.status = 'sent'),
    firsts AS (
      SELECT DISTINCT ON (s.mention_id) s.mention_id, s.author_user_id
        FROM sent s ORDER BY s.mention_id, s.sent_at NULLS LAST, s.id),
    o AS MATERIALIZED (
      SELECT c.*, COALESCE(f.author_user_id, c.assignee_id) AS owner
        FROM c LEFT JOIN firsts f ON f.mention_id = c.id)`;
}

/** GROUPING SETS rows → the team's row and one per person (rows of unowned mentions only count for the team). */
function split<T>(rows: Array<Record<string, unknown>>, read: (r: Record<string, unknown>) => T): { team: T | null; byUser: Map<string, T> } {
  let team: T | null = null;
  const byUser = new Map<string, T>();
  for (const r of rows) {
    if (num(r.g) === 1) team = read(r);
    else if (r.owner !== null && r.owner !== undefined) byUser.set(String(r.owner), read(r));
  }
  return { team, byUser };
}

/**
 * Team performance's read-only SQL over mention, reply, audit_event and "user", scoped by
 * workspace. Status history: audit events `mention.updated` / `mention.bulk_updated` naming the
 * mention (targetId) with a `status` in their data, and sent replies with resolve-on-send.
 */
@Injectable()
export class TeamPerformanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The workspace's users (active or not), by name. */
  async members(workspaceId: string): Promise<MemberRow[]> {
    const rows = (await this.dataSource.query(`SELECT id, name, role, active FROM "user" WHERE workspace_id = $1 ORDER BY name, id`, [workspaceId])) as Array<{
      id: string;
      name: string;
      role: string;
      active: boolean;
    }>;
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, active: r.active }));
  }

  /**
   * The team's figures and each person's in one statement, so the cohort is read once: three
   * GROUPING SETS aggregates (mentions, replies, recovery) in a UNION ALL, each row's figures as
   * jsonb. Read-only, JIT off as in the other analytics reads.
   */
  async figures(w: AnalyticsWhere, now: Date): Promise<TeamRows> {
    const f = filterSql(w, 4);
    const params = [w.workspaceId, w.from, w.to, ...f.params, now];
    const nowParam = `$${params.length}::timestamptz`;
    const sql = `
      WITH ${cohortCtes(f.sql)},
      ev AS (
        SELECT c.id AS mention_id, a.created_at AS at, a.data->>'status' AS status
          FROM audit_event a JOIN c ON a.target_id = c.id::text
         WHERE a.workspace_id = $1 AND a.action IN ('mention.updated', 'mention.bulk_updated') AND a.data ? 'status'
           AND a.created_at >= $2::timestamptz - interval '1 day'
        UNION ALL
        SELECT s.mention_id, s.sent_at, 'resolved' FROM sent s WHERE s.resolve_on_send AND s.sent_at IS NOT NULL),
      evm AS (
        SELECT mention_id,
               min(at) FILTER (WHERE status = 'resolved') AS first_resolved,
               max(at) FILTER (WHERE status IN (${OPEN_STATUS_SQL})) AS last_opened
          FROM ev GROUP BY mention_id),
      x AS (
        SELECT o.owner, o.complaint, o.first_response_at,
               extract(epoch FROM o.first_response_at - o.created_at) AS fr_s,
               extract(epoch FROM o.resolved_at - o.created_at) AS res_s,
               o.first_response_at IS NOT NULL AND o.first_response_at <= o.sla_due_at AS met,
               o.sla_due_at IS NOT NULL AND NOT (o.first_response_at IS NOT NULL AND o.first_response_at <= o.sla_due_at) AND (
                 o.first_response_at IS NOT NULL OR o.sla_breached_at IS NOT NULL
                 OR (o.status IN (${OPEN_STATUS_SQL}) AND o.sla_due_at <= ${nowParam})) AS missed,
               (evm.first_resolved IS NOT NULL OR o.resolved_at IS NOT NULL) AS resolved_ever,
               (evm.first_resolved IS NOT NULL AND evm.last_opened > evm.first_resolved) AS reopened
          FROM o LEFT JOIN evm ON evm.mention_id = o.id),
      answered AS (
        SELECT DISTINCT ON (o.author_id) o.author_id, o.posted_at, o.first_response_at AS t, o.owner
          FROM o WHERE o.first_response_at IS NOT NULL
         ORDER BY o.author_id, o.first_response_at, o.id),
      rec AS (
        SELECT y.owner,
               (SELECT avg(m.sentiment_score) FROM mention m
                 WHERE m.workspace_id = $1 AND m.author_id = y.author_id AND m.spam = false
                   AND m.posted_at > y.posted_at - ${RECOVERY_WINDOW} AND m.posted_at <= y.posted_at) AS before,
               (SELECT avg(m.sentiment_score) FROM mention m
                 WHERE m.workspace_id = $1 AND m.author_id = y.author_id AND m.spam = false
                   AND m.posted_at > y.t AND m.posted_at <= y.t + ${RECOVERY_WINDOW}) AS after
          FROM answered y)
      SELECT 'mentions' AS kind, GROUPING(x.owner) AS g, x.owner,
             jsonb_build_object(
               'fr_median', percentile_cont(0.5) WITHIN GROUP (ORDER BY x.fr_s),
               'fr_p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY x.fr_s),
               'fr_count', count(x.fr_s),
               'res_median', percentile_cont(0.5) WITHIN GROUP (ORDER BY x.res_s),
               'res_p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY x.res_s),
               'res_count', count(x.res_s),
               'sla_met', count(*) FILTER (WHERE x.met),
               'sla_missed', count(*) FILTER (WHERE x.missed),
               'complaints', count(*) FILTER (WHERE x.complaint),
               'complaints_answered', count(*) FILTER (WHERE x.complaint AND x.first_response_at IS NOT NULL),
               'resolved_ever', count(*) FILTER (WHERE x.resolved_ever),
               'reopened', count(*) FILTER (WHERE x.reopened)) AS f
        FROM x GROUP BY GROUPING SETS ((), (x.owner))
      UNION ALL
      SELECT 'replies', GROUPING(s.author_user_id), s.author_user_id, jsonb_build_object('n', count(*))
        FROM sent s GROUP BY GROUPING SETS ((), (s.author_user_id))
      UNION ALL
      SELECT 'recovery', GROUPING(rec.owner), rec.owner,
             jsonb_build_object('authors', count(*), 'improved', count(*) FILTER (WHERE rec.after > rec.before),
                                'delta_sum', COALESCE(sum(rec.after - rec.before), 0))
        FROM rec WHERE rec.before IS NOT NULL AND rec.after IS NOT NULL
       GROUP BY GROUPING SETS ((), (rec.owner))`;
    return this.dataSource.transaction(async (tx: EntityManager) => {
      await tx.query(`SET LOCAL jit = off`);
      const rows = (await tx.query(sql, params)) as Array<{ kind: string; g: number; owner: string | null; f: Record<string, unknown> }>;
      const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => ({ g: r.g, owner: r.owner, ...r.f }));
      const mentions = split(of('mentions'), (r) => ({
        firstResponse: { median: numOrNull(r.fr_median), p90: numOrNull(r.fr_p90), count: num(r.fr_count) },
        resolution: { median: numOrNull(r.res_median), p90: numOrNull(r.res_p90), count: num(r.res_count) },
        slaMet: num(r.sla_met),
        slaMissed: num(r.sla_missed),
        complaints: num(r.complaints),
        complaintsAnswered: num(r.complaints_answered),
        resolvedEver: num(r.resolved_ever),
        reopened: num(r.reopened),
      }));
      const replies = split(of('replies'), (r) => num(r.n));
      const recovery = split(of('recovery'), (r) => ({ authors: num(r.authors), improved: num(r.improved), deltaSum: num(r.delta_sum) }));

      const row = (key: string | null): TeamRow => {
        const m = key === null ? mentions.team : mentions.byUser.get(key);
        const rep = key === null ? replies.team : replies.byUser.get(key);
        const rec = key === null ? recovery.team : recovery.byUser.get(key);
        return { ...emptyTeamRow(), ...(m ?? {}), repliesSent: rep ?? 0, recovery: rec ?? { authors: 0, improved: 0, deltaSum: 0 } };
      };
      const users = new Set([...mentions.byUser.keys(), ...replies.byUser.keys(), ...recovery.byUser.keys()]);
      return { team: row(null), byUser: new Map([...users].map((u) => [u, row(u)])) };
    });
  }
}
