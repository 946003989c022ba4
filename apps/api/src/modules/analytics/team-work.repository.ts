import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OPEN_STATUS_SQL } from '../mentions/status-sql.util.js';
import { EFFECTIVE_INTENT, filterSql } from './analytics-where.sql.js';
import type { AnalyticsWhere } from './analytics.repository.js';
import { addRecovery, emptyTeamRow, finishTeamRows, type TeamRow, type TeamRows } from './team-performance.repository.js';

/** The window of an author's mentions before the one we answered, and after our answer. */
const RECOVERY_WINDOW = `interval '7 days'`;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : []);

/** SQL on mention `m`: the first response came by the SLA's due time. */
export const SLA_MET = `(m.first_response_at IS NOT NULL AND m.first_response_at <= m.sla_due_at)`;

/** SQL on mention `m`: the SLA was missed, as the SLA module decides it at `now` (an SQL timestamptz). */
export const slaMissedSql = (now: string) =>
  `(m.sla_due_at IS NOT NULL AND NOT ${SLA_MET} AND (m.first_response_at IS NOT NULL OR m.sla_breached_at IS NOT NULL
     OR (m.status IN (${OPEN_STATUS_SQL}) AND m.sla_due_at <= ${now})))`;

/** SQL on mention `m`: a complaint (the team's intent where corrected). */
export const COMPLAINT = `(${EFFECTIVE_INTENT} = 'complaint')`;

/** SQL on mention `m`: resolved at some time (now, by a resolving reply, or in the status history). */
export const RESOLVED_EVER = `(m.resolved_at IS NOT NULL OR m.first_reply_resolved_at IS NOT NULL OR m.first_status_resolved_at IS NOT NULL)`;

/** SQL on mention `m`: set to an open status after its first resolution. */
export const REOPENED = `(m.last_status_open_at > LEAST(m.first_reply_resolved_at, m.first_status_resolved_at))`;

/**
 * SQL: sentiment recovery from a CTE `answered(author_id, posted_at, t, owner)` (each author's first
 * answered mention of the cohort: posted, first response, owner): the CTE `rec` with the author's
 * average score in the 7 days up to that mention and in the 7 days after our answer ($1 = workspace),
 * and the statement's last SELECT, the team's and each owner's counts (kind 'recovery').
 */
export const RECOVERY_CTE = `
  rec AS (
    SELECT y.owner,
           (SELECT avg(m.sentiment_score) FROM mention m
             WHERE m.workspace_id = $1 AND m.author_id = y.author_id AND m.spam = false
               AND m.posted_at > y.posted_at - ${RECOVERY_WINDOW} AND m.posted_at <= y.posted_at) AS before,
           (SELECT avg(m.sentiment_score) FROM mention m
             WHERE m.workspace_id = $1 AND m.author_id = y.author_id AND m.spam = false
               AND m.posted_at > y.t AND m.posted_at <= y.t + ${RECOVERY_WINDOW}) AS after
      FROM answered y)`;
export const RECOVERY_SELECT = `
  SELECT 'recovery', rec.owner, NULL, NULL,
         jsonb_build_object('authors', count(*), 'improved', count(*) FILTER (WHERE rec.after > rec.before),
                            'delta_sum', COALESCE(sum(rec.after - rec.before), 0)),
         GROUPING(rec.owner)
    FROM rec WHERE rec.before IS NOT NULL AND rec.after IS NOT NULL
   GROUP BY GROUPING SETS ((), (rec.owner))`;

/** One row of a team figures statement: a group's counts and durations, sent replies per author, or recovery. */
export interface TeamFiguresRow {
  kind: 'group' | 'replies' | 'recovery';
  /** The group's owner, the replies' author, the recovery's owner (null: nobody, or the team's total). */
  owner: string | null;
  fr: unknown;
  res: unknown;
  f: Record<string, unknown>;
  /** 1 on the team's total of replies or recovery. */
  g: number | null;
}

/** Runs a team figures statement read-only with JIT off (as the other analytics reads). */
export function queryTeamFigures(dataSource: DataSource, sql: string, params: unknown[]): Promise<TeamFiguresRow[]> {
  return dataSource.transaction(async (tx: EntityManager) => {
    await tx.query(`SET LOCAL jit = off`);
    return (await tx.query(sql, params)) as TeamFiguresRow[];
  });
}

/** A team figures statement's rows → the team's raw figures and each person's (durations sorted). */
export function teamRowsFrom(rows: TeamFiguresRow[]): TeamRows {
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
    } else addRecovery(team, of, r);
  }
  return finishTeamRows(team, byUser);
}

/**
 * Team performance from the mention rows alone: the team's work on each mention (its sent replies'
 * authors, first sent first; its first resolution by a reply; its first resolution and latest
 * reopening in the status history) is kept on the row by database triggers in the statements that
 * write replies and audit events (migration MentionTeamWork), so a range's figures are one pass over
 * its mentions grouped by owner (first replier, else assignee), with no join, and a pass over those
 * with a sent reply (mention_team_replied_idx) for replies per person and sentiment recovery. Serves
 * the filtered reads (brand, platform, topic, category) the hourly rollup cannot. The same figures,
 * by the same definitions, as TeamPerformanceRepository.figures computes from the reply and audit
 * tables (tests compare the two).
 */
@Injectable()
export class TeamWorkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async figures(w: AnalyticsWhere, now: Date): Promise<TeamRows> {
    const f = filterSql(w, 4);
    const params = [w.workspaceId, w.from, w.to, ...f.params, now];
    const cohort = `m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${f.sql}`;
    const sql = `
      WITH grouped AS (
        SELECT COALESCE(m.sent_reply_authors[1], m.assignee_id) AS owner,
               array_agg(extract(epoch FROM m.first_response_at - m.created_at)::float8) FILTER (WHERE m.first_response_at IS NOT NULL) AS fr,
               array_agg(extract(epoch FROM m.resolved_at - m.created_at)::float8) FILTER (WHERE m.resolved_at IS NOT NULL) AS res,
               count(*) FILTER (WHERE ${SLA_MET}) AS sla_met,
               count(*) FILTER (WHERE ${slaMissedSql(`$${params.length}::timestamptz`)}) AS sla_missed,
               count(*) FILTER (WHERE ${COMPLAINT}) AS complaints,
               count(*) FILTER (WHERE ${COMPLAINT} AND m.first_response_at IS NOT NULL) AS complaints_answered,
               count(*) FILTER (WHERE ${RESOLVED_EVER}) AS resolved_ever,
               count(*) FILTER (WHERE ${REOPENED}) AS reopened
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
         ORDER BY r.author_id, r.first_response_at, r.id),${RECOVERY_CTE}
      SELECT 'group' AS kind, g.owner, g.fr, g.res,
             jsonb_build_object('sla_met', g.sla_met, 'sla_missed', g.sla_missed, 'complaints', g.complaints,
                                'complaints_answered', g.complaints_answered, 'resolved_ever', g.resolved_ever, 'reopened', g.reopened) AS f,
             NULL::int AS g
        FROM grouped g
      UNION ALL
      SELECT 'replies', r.author, NULL, NULL, jsonb_build_object('n', r.n), r.g FROM replies r
      UNION ALL${RECOVERY_SELECT}`;
    return teamRowsFrom(await queryTeamFigures(this.dataSource, sql, params));
  }
}
