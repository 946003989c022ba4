import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OPEN_STATUS_SQL } from '../mentions/status-sql.util.js';
import { EFFECTIVE_INTENT, filterSql } from './analytics-where.sql.js';
import type { AnalyticsWhere } from './analytics.repository.js';
import { emptyTeamRow, type TeamRow, type TeamRows } from './team-performance.repository.js';

/** The window of an author's mentions before the one we answered, and after our answer. */
const RECOVERY_WINDOW = `interval '7 days'`;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : []);

/**
 * Team performance from the mention rows alone: the team's work on each mention (its sent replies'
 * authors, first sent first; its first resolution by a reply; its first resolution and latest
 * reopening in the status history) is kept on the row by database triggers in the statements that
 * write replies and audit events (migration MentionTeamWork), so a range's figures are an index-only
 * scan of its mentions (mention_team_cohort_idx) grouped by owner (first replier, else assignee),
 * and a scan of those with a sent reply (mention_team_replied_idx) for replies per person and
 * sentiment recovery. The same figures, by the same definitions, as TeamPerformanceRepository.figures
 * computes from the reply and audit tables (tests compare the two).
 */
@Injectable()
export class TeamWorkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async figures(w: AnalyticsWhere, now: Date): Promise<TeamRows> {
    const f = filterSql(w, 4);
    const params = [w.workspaceId, w.from, w.to, ...f.params, now];
    const nowParam = `$${params.length}::timestamptz`;
    const cohort = `m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${f.sql}`;
    const met = `(m.first_response_at IS NOT NULL AND m.first_response_at <= m.sla_due_at)`;
    const complaint = `${EFFECTIVE_INTENT} = 'complaint'`;
    const sql = `
      WITH grouped AS (
        SELECT COALESCE(m.sent_reply_authors[1], m.assignee_id) AS owner,
               array_agg(extract(epoch FROM m.first_response_at - m.created_at)::float8) FILTER (WHERE m.first_response_at IS NOT NULL) AS fr,
               array_agg(extract(epoch FROM m.resolved_at - m.created_at)::float8) FILTER (WHERE m.resolved_at IS NOT NULL) AS res,
               count(*) FILTER (WHERE ${met}) AS sla_met,
               count(*) FILTER (WHERE m.sla_due_at IS NOT NULL AND NOT ${met} AND (m.first_response_at IS NOT NULL OR m.sla_breached_at IS NOT NULL
                                 OR (m.status IN (${OPEN_STATUS_SQL}) AND m.sla_due_at <= ${nowParam}))) AS sla_missed,
               count(*) FILTER (WHERE ${complaint}) AS complaints,
               count(*) FILTER (WHERE ${complaint} AND m.first_response_at IS NOT NULL) AS complaints_answered,
               count(*) FILTER (WHERE m.resolved_at IS NOT NULL OR m.first_reply_resolved_at IS NOT NULL OR m.first_status_resolved_at IS NOT NULL) AS resolved_ever,
               count(*) FILTER (WHERE m.last_status_open_at > LEAST(m.first_reply_resolved_at, m.first_status_resolved_at)) AS reopened
          FROM mention m
         WHERE ${cohort}
         GROUP BY 1),
      replied AS MATERIALIZED (
        SELECT m.id, m.author_id, m.posted_at, m.first_response_at, m.sent_reply_authors
          FROM mention m
         WHERE ${cohort} AND m.sent_reply_authors IS NOT NULL),
      -- Sent replies per author (a null author counts for the team only); mentions share few distinct author lists.
      replies AS (
        SELECT a.author, sum(l.n) AS n, GROUPING(a.author) AS g
          FROM (SELECT r.sent_reply_authors AS authors, count(*) AS n FROM replied r GROUP BY 1) l, unnest(l.authors) a(author)
         GROUP BY ROLLUP (a.author)),
      answered AS (
        SELECT DISTINCT ON (r.author_id) r.author_id, r.posted_at, r.first_response_at AS t, r.sent_reply_authors[1] AS owner
          FROM replied r
         WHERE r.first_response_at IS NOT NULL AND r.sent_reply_authors[1] IS NOT NULL
         ORDER BY r.author_id, r.first_response_at, r.id),
      rec AS (
        SELECT y.owner,
               (SELECT avg(m.sentiment_score) FROM mention m
                 WHERE m.workspace_id = $1 AND m.author_id = y.author_id AND m.spam = false
                   AND m.posted_at > y.posted_at - ${RECOVERY_WINDOW} AND m.posted_at <= y.posted_at) AS before,
               (SELECT avg(m.sentiment_score) FROM mention m
                 WHERE m.workspace_id = $1 AND m.author_id = y.author_id AND m.spam = false
                   AND m.posted_at > y.t AND m.posted_at <= y.t + ${RECOVERY_WINDOW}) AS after
          FROM answered y)
      SELECT 'group' AS kind, g.owner, g.fr, g.res,
             jsonb_build_object('sla_met', g.sla_met, 'sla_missed', g.sla_missed, 'complaints', g.complaints,
                                'complaints_answered', g.complaints_answered, 'resolved_ever', g.resolved_ever, 'reopened', g.reopened) AS f,
             NULL::int AS g
        FROM grouped g
      UNION ALL
      SELECT 'replies', r.author, NULL, NULL, jsonb_build_object('n', r.n), r.g FROM replies r
      UNION ALL
      SELECT 'recovery', rec.owner, NULL, NULL,
             jsonb_build_object('authors', count(*), 'improved', count(*) FILTER (WHERE rec.after > rec.before),
                                'delta_sum', COALESCE(sum(rec.after - rec.before), 0)),
             GROUPING(rec.owner)
        FROM rec WHERE rec.before IS NOT NULL AND rec.after IS NOT NULL
       GROUP BY GROUPING SETS ((), (rec.owner))`;
    const rows = await this.dataSource.transaction(async (tx: EntityManager) => {
      await tx.query(`SET LOCAL jit = off`);
      return (await tx.query(sql, params)) as Array<{
        kind: 'group' | 'replies' | 'recovery';
        owner: string | null;
        fr: unknown;
        res: unknown;
        f: Record<string, unknown>;
        g: number | null;
      }>;
    });

    const team = emptyTeamRow();
    const byUser = new Map<string, TeamRow>();
    const of = (id: string) => byUser.get(id) ?? byUser.set(id, emptyTeamRow()).get(id)!;
    for (const r of rows) {
      if (r.kind === 'group') {
        const [fr, res] = [numbers(r.fr), numbers(r.res)];
        for (const x of r.owner ? [team, of(r.owner)] : [team]) {
          for (const v of fr) x.firstResponseSeconds.push(v);
          for (const v of res) x.resolutionSeconds.push(v);
          x.slaMet += num(r.f.sla_met);
          x.slaMissed += num(r.f.sla_missed);
          x.complaints += num(r.f.complaints);
          x.complaintsAnswered += num(r.f.complaints_answered);
          x.resolvedEver += num(r.f.resolved_ever);
          x.reopened += num(r.f.reopened);
        }
      } else if (r.kind === 'replies') {
        if (num(r.g) === 1) team.repliesSent = num(r.f.n);
        else if (r.owner) of(r.owner).repliesSent = num(r.f.n);
      } else {
        const recovery = { authors: num(r.f.authors), improved: num(r.f.improved), deltaSum: num(r.f.delta_sum) };
        if (num(r.g) === 1) team.recovery = recovery;
        else if (r.owner) of(r.owner).recovery = recovery;
      }
    }
    for (const x of [team, ...byUser.values()]) {
      x.firstResponseSeconds.sort((a, b) => a - b);
      x.resolutionSeconds.sort((a, b) => a - b);
    }
    return { team, byUser };
  }
}
