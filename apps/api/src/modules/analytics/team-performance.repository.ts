import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OPEN_STATUS_SQL } from '../mentions/status-sql.util.js';
import { EFFECTIVE_INTENT, filterSql } from './analytics-where.sql.js';
import type { AnalyticsWhere } from './analytics.repository.js';

/** Raw figures of one group of the cohort: the whole team or one person. Durations in seconds, ascending. */
export interface TeamRow {
  firstResponseSeconds: number[];
  resolutionSeconds: number[];
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

/** A uuid-shaped text as a uuid, else null (other audit target ids never name a mention; a bad value must not fail the read). */
const asUuid = (text: string) => `CASE WHEN ${text} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (${text})::uuid END`;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : []);

export const emptyTeamRow = (): TeamRow => ({
  firstResponseSeconds: [],
  resolutionSeconds: [],
  slaMet: 0,
  slaMissed: 0,
  complaints: 0,
  complaintsAnswered: 0,
  resolvedEver: 0,
  reopened: 0,
  repliesSent: 0,
  recovery: { authors: 0, improved: 0, deltaSum: 0 },
});

/** Adds a group's counts and durations to `into` (durations are sorted once, at the end). */
function add(into: TeamRow, g: { fr: number[]; res: number[]; f: Record<string, unknown> }): void {
  into.firstResponseSeconds.push(...g.fr);
  into.resolutionSeconds.push(...g.res);
  into.slaMet += num(g.f.sla_met);
  into.slaMissed += num(g.f.sla_missed);
  into.complaints += num(g.f.complaints);
  into.complaintsAnswered += num(g.f.complaints_answered);
  into.resolvedEver += num(g.f.resolved_ever);
  into.reopened += num(g.f.reopened);
}

/** A sentiment-recovery row (GROUPING 1: the team's; else one owner's) into the team or that person's figures. */
export function addRecovery(team: TeamRow, of: (id: string) => TeamRow, r: { f: Record<string, unknown>; g: number | null; owner: string | null }): void {
  const recovery = { authors: num(r.f.authors), improved: num(r.f.improved), deltaSum: num(r.f.delta_sum) };
  if (num(r.g) === 1) team.recovery = recovery;
  else if (r.owner) of(r.owner).recovery = recovery;
}

/** The figures in their final shape: every duration list sorted (percentiles read them in order). */
export function finishTeamRows(team: TeamRow, byUser: Map<string, TeamRow>): TeamRows {
  for (const x of [team, ...byUser.values()]) {
    x.firstResponseSeconds.sort((a, b) => a - b);
    x.resolutionSeconds.sort((a, b) => a - b);
  }
  return { team, byUser };
}

/**
 * Team performance's read-only SQL over mention, reply, audit_event and "user", scoped by
 * workspace. Status history: audit events `mention.updated` / `mention.bulk_updated` with a `status`
 * in their data, naming the mentions they changed — a bulk event lists them in `data.ids`, any other
 * names its one mention in targetId — and sent replies with resolve-on-send.
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
   * The team's figures and each person's, in one statement that reads the cohort (mentions posted
   * in [$2, $3) that pass the filters) once. The team's work on it is gathered first, per mention
   * and from its own indexes by time (a reply or a status change comes after the mention was
   * received, so after it was posted, less a day for clock skew): first replier, every sent reply's
   * author, first resolution, last reopening. The cohort is then joined to that once and grouped by
   * (first replier, assignee) — few groups, hashed — collecting counts, durations and the answered
   * mentions; owners (first replier, else assignee) and percentiles are worked out from the groups.
   * Read-only, JIT off as in the other analytics reads.
   */
  async figures(w: AnalyticsWhere, now: Date): Promise<TeamRows> {
    const f = filterSql(w, 4);
    const params = [w.workspaceId, w.from, w.to, ...f.params, now];
    const nowParam = `$${params.length}::timestamptz`;
    const met = `(m.first_response_at IS NOT NULL AND m.first_response_at <= m.sla_due_at)`;
    const sql = `
      WITH sent AS MATERIALIZED (
        SELECT r.id, r.mention_id, r.author_user_id, r.sent_at, r.resolve_on_send
          FROM reply r
         WHERE r.workspace_id = $1 AND r.status = 'sent' AND r.created_at >= $2::timestamptz - interval '1 day'),
      work AS (
        SELECT u.mention_id,
               (array_agg(u.author_user_id ORDER BY u.sent_at NULLS LAST, u.reply_id) FILTER (WHERE u.reply_id IS NOT NULL))[1] AS replier,
               array_agg(u.author_user_id) FILTER (WHERE u.reply_id IS NOT NULL) AS repliers,
               min(u.at) FILTER (WHERE u.status = 'resolved') AS first_resolved,
               max(u.at) FILTER (WHERE u.status IN (${OPEN_STATUS_SQL})) AS last_opened
          FROM (SELECT s.mention_id, s.id AS reply_id, s.author_user_id, s.sent_at,
                       CASE WHEN s.resolve_on_send THEN s.sent_at END AS at, CASE WHEN s.resolve_on_send THEN 'resolved' END AS status
                  FROM sent s
                UNION ALL
                SELECT ${asUuid('COALESCE(bulk.id, a.target_id)')}, NULL, NULL, NULL, a.created_at, a.data->>'status'
                  FROM audit_event a
                  -- A bulk change: one row per mention it names (none for an event without ids: its targetId).
                  LEFT JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(a.data->'ids') = 'array' THEN a.data->'ids' END) bulk(id) ON true
                 WHERE a.workspace_id = $1 AND a.created_at >= $2::timestamptz - interval '1 day'
                   AND a.action IN ('mention.updated', 'mention.bulk_updated') AND a.data ? 'status') u
         WHERE u.mention_id IS NOT NULL
         GROUP BY u.mention_id),
      grouped AS MATERIALIZED (
        SELECT wk.replier, m.assignee_id,
               array_agg(extract(epoch FROM m.first_response_at - m.created_at)::float8) FILTER (WHERE m.first_response_at IS NOT NULL) AS fr,
               array_agg(extract(epoch FROM m.resolved_at - m.created_at)::float8) FILTER (WHERE m.resolved_at IS NOT NULL) AS res,
               count(*) FILTER (WHERE ${met}) AS sla_met,
               count(*) FILTER (WHERE m.sla_due_at IS NOT NULL AND NOT ${met} AND (m.first_response_at IS NOT NULL OR m.sla_breached_at IS NOT NULL
                                 OR (m.status IN (${OPEN_STATUS_SQL}) AND m.sla_due_at <= ${nowParam}))) AS sla_missed,
               count(*) FILTER (WHERE ${EFFECTIVE_INTENT} = 'complaint') AS complaints,
               count(*) FILTER (WHERE ${EFFECTIVE_INTENT} = 'complaint' AND m.first_response_at IS NOT NULL) AS complaints_answered,
               count(*) FILTER (WHERE wk.first_resolved IS NOT NULL OR m.resolved_at IS NOT NULL) AS resolved_ever,
               count(*) FILTER (WHERE wk.last_opened > wk.first_resolved) AS reopened,
               jsonb_agg(to_jsonb(wk.repliers)) FILTER (WHERE wk.repliers IS NOT NULL) AS repliers,
               jsonb_agg(jsonb_build_array(m.author_id, m.posted_at, m.first_response_at, m.id))
                 FILTER (WHERE m.first_response_at IS NOT NULL AND wk.replier IS NOT NULL) AS answered
          FROM mention m
          LEFT JOIN work wk ON wk.mention_id = m.id
         WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${f.sql}
         GROUP BY wk.replier, m.assignee_id),
      answered AS (
        SELECT DISTINCT ON (x.author_id) x.author_id, x.posted_at, x.t, g.replier AS owner
          FROM grouped g, jsonb_array_elements(g.answered) j,
               LATERAL (SELECT (j->>0)::uuid AS author_id, (j->>1)::timestamptz AS posted_at, (j->>2)::timestamptz AS t, (j->>3)::uuid AS id) x
         ORDER BY x.author_id, x.t, x.id),
      rec AS (
        SELECT y.owner,
               (SELECT avg(m.sentiment_score) FROM mention m
                 WHERE m.workspace_id = $1 AND m.author_id = y.author_id AND m.spam = false
                   AND m.posted_at > y.posted_at - ${RECOVERY_WINDOW} AND m.posted_at <= y.posted_at) AS before,
               (SELECT avg(m.sentiment_score) FROM mention m
                 WHERE m.workspace_id = $1 AND m.author_id = y.author_id AND m.spam = false
                   AND m.posted_at > y.t AND m.posted_at <= y.t + ${RECOVERY_WINDOW}) AS after
          FROM answered y)
      SELECT 'group' AS kind, g.replier, g.assignee_id, g.fr, g.res, g.repliers,
             jsonb_build_object('sla_met', g.sla_met, 'sla_missed', g.sla_missed, 'complaints', g.complaints,
                                'complaints_answered', g.complaints_answered, 'resolved_ever', g.resolved_ever, 'reopened', g.reopened) AS f,
             NULL::int AS g, NULL::uuid AS owner
        FROM grouped g
      UNION ALL
      SELECT 'recovery', NULL, NULL, NULL, NULL, NULL,
             jsonb_build_object('authors', count(*), 'improved', count(*) FILTER (WHERE rec.after > rec.before),
                                'delta_sum', COALESCE(sum(rec.after - rec.before), 0)),
             GROUPING(rec.owner), rec.owner
        FROM rec WHERE rec.before IS NOT NULL AND rec.after IS NOT NULL
       GROUP BY GROUPING SETS ((), (rec.owner))`;
    const rows = await this.dataSource.transaction(async (tx: EntityManager) => {
      await tx.query(`SET LOCAL jit = off`);
      return (await tx.query(sql, params)) as Array<{
        kind: string;
        replier: string | null;
        assignee_id: string | null;
        fr: unknown;
        res: unknown;
        repliers: unknown;
        f: Record<string, unknown>;
        g: number | null;
        owner: string | null;
      }>;
    });

    const team = emptyTeamRow();
    const byUser = new Map<string, TeamRow>();
    const of = (id: string) => byUser.get(id) ?? byUser.set(id, emptyTeamRow()).get(id)!;
    for (const r of rows) {
      if (r.kind === 'group') {
        const g = { fr: numbers(r.fr), res: numbers(r.res), f: r.f };
        add(team, g);
        const owner = r.replier ?? r.assignee_id;
        if (owner) add(of(owner), g);
        // Sent replies to the group's mentions, one author id per reply.
        for (const list of Array.isArray(r.repliers) ? (r.repliers as unknown[][]) : [])
          for (const author of list) {
            team.repliesSent += 1;
            if (typeof author === 'string') of(author).repliesSent += 1;
          }
      } else addRecovery(team, of, r);
    }
    return finishTeamRows(team, byUser);
  }
}
