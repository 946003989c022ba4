import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReportSnapshot } from '@earshot/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import { EFFECTIVE_CATEGORY } from '../analytics/analytics-where.sql.js';
import { LABEL } from '../analytics/analytics.repository.js';
import { returnedRows } from '../replies/returned-rows.util.js';

/**
 * The weekly report's own SQL: the `report` and `report_recipient` rows, and the few reads of a week the analytics,
 * root-cause and team services do not answer (authors' reach, notable mentions, one conversation, the week's alerts
 * and what the team did about them). Every statement is scoped by workspace; weeks are half-open [from, to) of
 * posted time. Author reach is `author.followers`, which keeps only the latest value (not historised): it is read
 * when the report is generated and stored in the snapshot from then on.
 */

export interface WorkspaceReportSettings {
  id: string;
  name: string;
  timeZone: string;
  reportWeekStart: number;
}

export interface ReportRow {
  id: string;
  workspaceId: string;
  weekStart: string;
  periodStart: Date;
  periodEnd: Date;
  snapshot: ReportSnapshot;
  generatedAt: Date;
  generatedBy: string | null;
  emailedAt: Date | null;
  emailError: string | null;
}

export interface ReportListRow {
  id: string;
  weekStart: string;
  label: string;
  headline: string;
  direction: string;
  generatedAt: Date;
  emailedAt: Date | null;
}

export interface ExampleRow {
  mentionId: string;
  authorId: string;
  platform: string;
  authorHandle: string;
  authorReach: number;
  text: string;
  postedAt: Date;
  url: string | null;
}

export interface ConversationRow {
  post: ExampleRow;
  replyBody: string;
  replySentAt: Date;
  next: ExampleRow | null;
}

export interface WeekAlertRow {
  id: string;
  brandId: string;
  brandName: string;
  category: string | null;
  metric: 'volume' | 'negative_share';
  ratio: number | null;
  surgeStart: Date;
  raisedAt: Date;
  clearedAt: Date | null;
  topTerms: string[];
}

export interface AlertHandlingRow {
  replies: number;
  firstReplyAt: Date | null;
  statusPost: boolean;
  firstPostAt: Date | null;
}

export interface RecipientRow {
  id: string;
  email: string;
  name: string | null;
  createdAt: Date;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const date = (v: unknown): Date => new Date(v as string | Date);
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string | Date));
/** A `date` column as `YYYY-MM-DD` (read as text, so no zone ever shifts it). */
const WEEK_START = `to_char(r.week_start, 'YYYY-MM-DD') AS week_start`;
const REPORT_COLUMNS = `r.id, r.workspace_id, ${WEEK_START}, r.period_start, r.period_end, r.snapshot, r.generated_at, r.generated_by, r.emailed_at, r.email_error`;

function toReport(r: Record<string, unknown>): ReportRow {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    weekStart: String(r.week_start),
    periodStart: date(r.period_start),
    periodEnd: date(r.period_end),
    snapshot: (typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : r.snapshot) as ReportSnapshot,
    generatedAt: date(r.generated_at),
    generatedBy: (r.generated_by as string | null) ?? null,
    emailedAt: dateOrNull(r.emailed_at),
    emailError: (r.email_error as string | null) ?? null,
  };
}

function toExample(r: Record<string, unknown>, prefix = ''): ExampleRow {
  return {
    mentionId: String(r[`${prefix}id`]),
    authorId: String(r[`${prefix}author_id`]),
    platform: String(r[`${prefix}platform`]),
    authorHandle: String(r[`${prefix}handle`]),
    authorReach: num(r[`${prefix}followers`]),
    text: String(r[`${prefix}text`]),
    postedAt: date(r[`${prefix}posted_at`]),
    url: (r[`${prefix}url`] as string | null) ?? null,
  };
}

@Injectable()
export class ReportsRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async dbNow(): Promise<Date> {
    const rows = (await this.dataSource.query(`SELECT now() AS now`)) as Array<{ now: Date }>;
    return new Date(rows[0]!.now);
  }

  async workspace(workspaceId: string): Promise<WorkspaceReportSettings | null> {
    const rows = (await this.dataSource.query(`SELECT id, name, time_zone, report_week_start FROM workspace WHERE id = $1`, [workspaceId])) as Array<
      Record<string, unknown>
    >;
    const r = rows[0];
    return r ? { id: String(r.id), name: String(r.name), timeZone: String(r.time_zone || 'UTC'), reportWeekStart: num(r.report_week_start) } : null;
  }

  /** Every workspace with its zone and week start (the schedule's round). */
  async workspaces(): Promise<WorkspaceReportSettings[]> {
    const rows = (await this.dataSource.query(`SELECT id, name, time_zone, report_week_start FROM workspace ORDER BY id`)) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ id: String(r.id), name: String(r.name), timeZone: String(r.time_zone || 'UTC'), reportWeekStart: num(r.report_week_start) }));
  }

  /** Local midnights of two calendar days in `zone`, as instants (as analytics cuts its days). */
  async localMidnights(from: string, to: string, zone: string): Promise<{ from: Date; to: Date }> {
    const rows = (await this.dataSource.query(`SELECT ($1::date::timestamp AT TIME ZONE $3) AS a, ($2::date::timestamp AT TIME ZONE $3) AS b`, [
      from,
      to,
      zone,
    ])) as Array<{ a: Date; b: Date }>;
    return { from: date(rows[0]!.a), to: date(rows[0]!.b) };
  }

  // ---- the week's figures the other modules do not answer ---------------------------------------------------

  /**
   * The week's people, from one read of its mentions and the week before's (spam left out): the reach of each
   * week (the sum of the followers, as stored now, of its distinct authors), and the mentions with a positive and
   * a negative (team-corrected) sentiment from the authors with most followers — one per author (their latest of
   * the week), most followers first, `limit` of each.
   */
  async weekPeople(
    workspaceId: string,
    previousFrom: Date,
    from: Date,
    to: Date,
    limit: number,
  ): Promise<{ reach: number; previousReach: number; positive: ExampleRow[]; negative: ExampleRow[] }> {
    const rows = (await this.dataSource.query(
      `WITH wk AS MATERIALIZED (
         SELECT m.id, m.author_id, m.posted_at, m.posted_at >= $3 AS current, ${LABEL} AS label
           FROM mention m
          WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $4 AND m.spam = false),
       authors AS MATERIALIZED (
         SELECT a.id, a.handle, a.followers FROM author a WHERE a.workspace_id = $1 AND a.id IN (SELECT wk.author_id FROM wk)),
       reach AS (
         SELECT d.current, COALESCE(sum(a.followers), 0) AS reach
           FROM (SELECT DISTINCT wk.current, wk.author_id FROM wk) d JOIN authors a ON a.id = d.author_id
          GROUP BY d.current),
       latest AS (
         SELECT DISTINCT ON (wk.label, wk.author_id) wk.id, wk.author_id, wk.label, wk.posted_at
           FROM wk WHERE wk.current AND wk.label IN ('positive', 'negative')
          ORDER BY wk.label, wk.author_id, wk.posted_at DESC, wk.id),
       ranked AS (
         SELECT l.id, l.label, a.handle, a.followers,
                row_number() OVER (PARTITION BY l.label ORDER BY a.followers DESC NULLS LAST, l.posted_at DESC, l.id) AS rn
           FROM latest l JOIN authors a ON a.id = l.author_id)
       SELECT 'reach' AS kind, r.current, r.reach, NULL::uuid AS id, NULL::uuid AS author_id, NULL AS platform, NULL AS handle,
              NULL::int AS followers, NULL AS text, NULL::timestamptz AS posted_at, NULL AS url, NULL::bigint AS rn
         FROM reach r
       UNION ALL
       SELECT x.label, NULL, NULL, m.id, m.author_id, m.platform, x.handle, x.followers, m.text, m.posted_at, m.url, x.rn
         FROM ranked x
         -- By id, one row each (LIMIT keeps it a lookup: a join would let the planner hash the whole mention table).
         CROSS JOIN LATERAL (SELECT * FROM mention m WHERE m.id = x.id AND m.workspace_id = $1 LIMIT 1) m
        WHERE x.rn <= $5`,
      [workspaceId, previousFrom, from, to, limit],
    )) as Array<Record<string, unknown>>;
    const reachOf = (current: boolean) => num(rows.find((r) => r.kind === 'reach' && r.current === current)?.reach);
    const list = (label: string) =>
      rows
        .filter((r) => r.kind === label)
        .sort((a, b) => num(a.rn) - num(b.rn))
        .map((r) => toExample(r));
    return { reach: reachOf(true), previousReach: reachOf(false), positive: list('positive'), negative: list('negative') };
  }

  /**
   * One conversation as the customer saw it: a mention of the week we answered (the first reply sent to it), and
   * the author's next post after our reply (within a week). Preferred: one with a next post, then a negative one,
   * then the author with most followers.
   */
  async conversation(workspaceId: string, from: Date, to: Date): Promise<ConversationRow | null> {
    const rows = (await this.dataSource.query(
      `WITH answered AS (
         SELECT DISTINCT ON (m.id) m.id, m.author_id, m.platform, a.handle, a.followers, m.text, m.posted_at, m.url,
                ${LABEL} AS label, r.text AS reply_body, r.sent_at AS reply_sent_at
           FROM reply r
           JOIN mention m ON m.id = r.mention_id AND m.workspace_id = $1
           JOIN author a ON a.id = m.author_id AND a.workspace_id = $1
          WHERE r.workspace_id = $1 AND r.kind = 'reply' AND r.status = 'sent' AND r.sent_at IS NOT NULL AND r.created_at >= $2
            AND m.posted_at >= $2 AND m.posted_at < $3 AND m.spam = false
          ORDER BY m.id, r.sent_at, r.id)
       SELECT x.*, n.id AS n_id, n.author_id AS n_author_id, n.platform AS n_platform, x.handle AS n_handle, x.followers AS n_followers,
              n.text AS n_text, n.posted_at AS n_posted_at, n.url AS n_url
         FROM answered x
         LEFT JOIN LATERAL (
           SELECT m2.id, m2.author_id, m2.platform, m2.text, m2.posted_at, m2.url
             FROM mention m2
            WHERE m2.workspace_id = $1 AND m2.author_id = x.author_id AND m2.spam = false
              AND m2.posted_at > x.reply_sent_at AND m2.posted_at <= x.reply_sent_at + interval '7 days'
            ORDER BY m2.posted_at, m2.id
            LIMIT 1) n ON true
        ORDER BY (n.id IS NOT NULL) DESC, (x.label = 'negative') DESC, x.followers DESC NULLS LAST, x.posted_at, x.id
        LIMIT 1`,
      [workspaceId, from, to],
    )) as Array<Record<string, unknown>>;
    const r = rows[0];
    if (!r) return null;
    return {
      post: toExample(r),
      replyBody: String(r.reply_body),
      replySentAt: date(r.reply_sent_at),
      next: r.n_id === null || r.n_id === undefined ? null : toExample(r, 'n_'),
    };
  }

  /** Alerts raised in the week, oldest first, with their brand's name. */
  async weekAlerts(workspaceId: string, from: Date, to: Date): Promise<WeekAlertRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT e.id, e.brand_id, b.name AS brand_name, e.category, e.metric, e.ratio, e.surge_start, e.raised_at, e.cleared_at, e.top_terms
         FROM alert_event e
         JOIN brand b ON b.id = e.brand_id AND b.workspace_id = $1
        WHERE e.workspace_id = $1 AND e.raised_at >= $2 AND e.raised_at < $3
        ORDER BY e.raised_at, e.id`,
      [workspaceId, from, to],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => {
      const terms = (typeof r.top_terms === 'string' ? JSON.parse(r.top_terms) : r.top_terms) as Array<{ term?: unknown }> | null;
      return {
        id: String(r.id),
        brandId: String(r.brand_id),
        brandName: String(r.brand_name),
        category: (r.category as string | null) ?? null,
        metric: r.metric === 'negative_share' ? 'negative_share' : 'volume',
        ratio: r.ratio === null || r.ratio === undefined ? null : Number(r.ratio),
        surgeStart: date(r.surge_start),
        raisedAt: date(r.raised_at),
        clearedAt: dateOrNull(r.cleared_at),
        topTerms: (terms ?? []).map((t) => String(t.term ?? '')).filter((t) => t.length > 0),
      };
    });
  }

  /**
   * What the team did about an alert: replies written (queued or further, not drafts or rejected ones) to its
   * mentions — the brand's (and category's) mentions posted in [from, to), spam left out — and its status posts.
   */
  async alertHandling(workspaceId: string, alertId: string, queryIds: string[], category: string | null, from: Date, to: Date): Promise<AlertHandlingRow> {
    const rows = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM reply r JOIN mention m ON m.id = r.mention_id AND m.workspace_id = $1
                WHERE r.workspace_id = $1 AND r.kind = 'reply' AND r.status NOT IN ('draft', 'rejected') AND r.created_at >= $4
                  AND m.posted_at >= $4 AND m.posted_at < $5 AND m.spam = false AND m.query_ids ?| $3::text[]
                  AND ($6::text IS NULL OR ${EFFECTIVE_CATEGORY} = $6)) AS replies,
              (SELECT min(r.created_at) FROM reply r JOIN mention m ON m.id = r.mention_id AND m.workspace_id = $1
                WHERE r.workspace_id = $1 AND r.kind = 'reply' AND r.status NOT IN ('draft', 'rejected') AND r.created_at >= $4
                  AND m.posted_at >= $4 AND m.posted_at < $5 AND m.spam = false AND m.query_ids ?| $3::text[]
                  AND ($6::text IS NULL OR ${EFFECTIVE_CATEGORY} = $6)) AS first_reply_at,
              (SELECT count(*) FROM reply p WHERE p.workspace_id = $1 AND p.kind = 'post' AND p.alert_id = $2 AND p.status NOT IN ('draft', 'rejected')) AS posts,
              (SELECT min(p.created_at) FROM reply p WHERE p.workspace_id = $1 AND p.kind = 'post' AND p.alert_id = $2 AND p.status NOT IN ('draft', 'rejected')) AS first_post_at`,
      [workspaceId, alertId, queryIds, from, to, category],
    )) as Array<Record<string, unknown>>;
    const r = rows[0]!;
    return { replies: num(r.replies), firstReplyAt: dateOrNull(r.first_reply_at), statusPost: num(r.posts) > 0, firstPostAt: dateOrNull(r.first_post_at) };
  }

  // ---- reports -----------------------------------------------------------------------------------------------

  /**
   * Stores a week's report. `mode: 'schedule'` inserts ON CONFLICT DO NOTHING (another instance or an earlier
   * round has it: `inserted` false, the stored row returned); `mode: 'rebuild'` replaces the snapshot of an
   * existing row (an explicit rebuild; the e-mail state stays).
   */
  async save(
    r: { workspaceId: string; weekStart: string; periodStart: Date; periodEnd: Date; snapshot: ReportSnapshot; generatedAt: Date; generatedBy: string | null },
    mode: 'schedule' | 'rebuild',
  ): Promise<{ row: ReportRow; inserted: boolean }> {
    const conflict =
      mode === 'schedule'
        ? `DO NOTHING`
        : `DO UPDATE SET period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, snapshot = EXCLUDED.snapshot,
                         generated_at = EXCLUDED.generated_at, generated_by = EXCLUDED.generated_by, status = 'ready'`;
    const rows = returnedRows<Record<string, unknown>>(
      await this.dataSource.query(
        `INSERT INTO report AS r (workspace_id, week_start, period_start, period_end, snapshot, status, generated_at, generated_by)
         VALUES ($1, $2::date, $3, $4, $5::jsonb, 'ready', $6, $7)
         ON CONFLICT (workspace_id, week_start) ${conflict}
         RETURNING r.id, (r.xmax = 0) AS inserted`,
        [r.workspaceId, r.weekStart, r.periodStart, r.periodEnd, JSON.stringify(r.snapshot), r.generatedAt, r.generatedBy],
      ),
    );
    // xmax is 0 for a row this statement inserted, the updating transaction's id for one it updated.
    if (rows[0]) return { row: (await this.find(r.workspaceId, String(rows[0].id)))!, inserted: rows[0].inserted === true };
    return { row: (await this.findByWeek(r.workspaceId, r.weekStart))!, inserted: false };
  }

  async find(workspaceId: string, id: string): Promise<ReportRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${REPORT_COLUMNS} FROM report r WHERE r.workspace_id = $1 AND r.id = $2`, [workspaceId, id])) as Array<
      Record<string, unknown>
    >;
    return rows[0] ? toReport(rows[0]) : null;
  }

  async findByWeek(workspaceId: string, weekStart: string): Promise<ReportRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${REPORT_COLUMNS} FROM report r WHERE r.workspace_id = $1 AND r.week_start = $2::date`, [
      workspaceId,
      weekStart,
    ])) as Array<Record<string, unknown>>;
    return rows[0] ? toReport(rows[0]) : null;
  }

  async exists(workspaceId: string, weekStart: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM report WHERE workspace_id = $1 AND week_start = $2::date`, [workspaceId, weekStart])) as unknown[];
    return rows.length > 0;
  }

  /** The workspace's reports, newest week first (list fields only, read from the snapshot). */
  async list(workspaceId: string, limit: number): Promise<ReportListRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT r.id, ${WEEK_START}, r.snapshot->'week'->>'label' AS label, r.snapshot->'headline'->>'sentence' AS headline,
              r.snapshot->'headline'->>'direction' AS direction, r.generated_at, r.emailed_at
         FROM report r WHERE r.workspace_id = $1 ORDER BY r.week_start DESC LIMIT $2`,
      [workspaceId, limit],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: String(r.id),
      weekStart: String(r.week_start),
      label: String(r.label ?? ''),
      headline: String(r.headline ?? ''),
      direction: String(r.direction ?? 'no-data'),
      generatedAt: date(r.generated_at),
      emailedAt: dateOrNull(r.emailed_at),
    }));
  }

  /**
   * Claims a report's scheduled e-mail: sets `emailed_at` only while it is unset, in one transaction; true for
   * the one instance whose update took it.
   */
  async claimEmail(workspaceId: string, id: string, at: Date): Promise<boolean> {
    return this.dataSource.transaction(async (tx: EntityManager) => {
      const rows = returnedRows<{ id: string }>(
        await tx.query(`UPDATE report SET emailed_at = $3, email_error = NULL WHERE workspace_id = $1 AND id = $2 AND emailed_at IS NULL RETURNING id`, [
          workspaceId,
          id,
          at,
        ]),
      );
      return rows.length === 1;
    });
  }

  /** After a send: the time it went (null gives the claim back, so a later round tries again) and our words on failures. */
  async finishEmail(workspaceId: string, id: string, emailedAt: Date | null, error: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE report SET emailed_at = $3, email_error = $4 WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      id,
      emailedAt,
      error === null ? null : error.slice(0, 500),
    ]);
  }

  // ---- recipients --------------------------------------------------------------------------------------------

  async recipients(workspaceId: string): Promise<RecipientRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, email, name, created_at FROM report_recipient WHERE workspace_id = $1 ORDER BY lower(email), id`,
      [workspaceId],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ id: String(r.id), email: String(r.email), name: (r.name as string | null) ?? null, createdAt: date(r.created_at) }));
  }

  /** Adds an address; null when the workspace has it already (ignoring case). */
  async addRecipient(tx: EntityManager, workspaceId: string, email: string, name: string | null, createdBy: string): Promise<RecipientRow | null> {
    const rows = returnedRows<Record<string, unknown>>(
      await tx.query(
        `INSERT INTO report_recipient (workspace_id, email, name, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, lower(email)) DO NOTHING
         RETURNING id, email, name, created_at`,
        [workspaceId, email, name, createdBy],
      ),
    );
    const r = rows[0];
    return r ? { id: String(r.id), email: String(r.email), name: (r.name as string | null) ?? null, createdAt: date(r.created_at) } : null;
  }

  async deleteRecipient(tx: EntityManager, workspaceId: string, id: string): Promise<RecipientRow | null> {
    const rows = returnedRows<Record<string, unknown>>(
      await tx.query(`DELETE FROM report_recipient WHERE workspace_id = $1 AND id = $2 RETURNING id, email, name, created_at`, [workspaceId, id]),
    );
    const r = rows[0];
    return r ? { id: String(r.id), email: String(r.email), name: (r.name as string | null) ?? null, createdAt: date(r.created_at) } : null;
  }
}
