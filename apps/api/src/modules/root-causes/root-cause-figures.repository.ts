import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * The board's read-only SQL over mention and author. Days are calendar days in the workspace's
 * time zone: a range is [from, toExclusive) of `YYYY-MM-DD` days, turned into instants with
 * `day::timestamp AT TIME ZONE tz`. A complaint is a mention whose (team-corrected, when set)
 * intent is `complaint`, not spam; its category falls back to `other`.
 */
const CATEGORY = `COALESCE(NULLIF(m.corrected->>'category', ''), m.category, 'other')`;
const INTENT = `COALESCE(NULLIF(m.corrected->>'intent', ''), m.intent)`;
const LABEL = `COALESCE(NULLIF(m.corrected->>'sentiment', ''), m.sentiment_label)`;
const IN_RANGE = (tz: string, from: string, to: string) =>
  `m.posted_at >= (${from}::date::timestamp AT TIME ZONE ${tz}) AND m.posted_at < (${to}::date::timestamp AT TIME ZONE ${tz})`;
const COMPLAINT = `m.spam = false AND ${INTENT} = 'complaint'`;

export interface DayRow {
  category: string;
  day: string;
  volume: number;
  negative: number;
}
export interface AuthorsRow {
  category: string;
  authors: number;
  reach: number;
}
export interface CandidateRow {
  category: string;
  id: string;
  authorId: string;
  platform: string;
  text: string;
  url: string | null;
  postedAt: Date;
  handle: string;
  followers: number | null;
  label: string | null;
  urgency: number | null;
}
export interface AuthorMoodRow {
  authorId: string;
  beforeCount: number;
  beforeNegative: number;
  beforeScoreSum: number;
  beforeScored: number;
  afterCount: number;
  afterNegative: number;
  afterScoreSum: number;
  afterScored: number;
}
export interface NotifyTargetRow {
  mentionId: string;
  authorId: string;
  /** What a template's variables take for this author (as the reply composer fills them). */
  authorName: string | null;
  authorHandle: string;
  mentionUrl: string | null;
  brandId: string | null;
}

/** The caller, as the reply composer signs: first name and signature (null: not set, the defaults apply). */
export interface AgentFactsRow {
  name: string;
  firstName: string | null;
  signature: string | null;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

@Injectable()
export class RootCauseFiguresRepository {
  private correctedColumn: boolean | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The workspace's IANA time zone (UTC when unset). */
  async timeZone(workspaceId: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT time_zone FROM workspace WHERE id = $1`, [workspaceId])) as Array<{ time_zone: string | null }>;
    return rows[0]?.time_zone || 'UTC';
  }

  /** The workspace's name (shown on a share link's board). */
  async workspaceName(workspaceId: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT name FROM workspace WHERE id = $1`, [workspaceId])) as Array<{ name: string }>;
    return rows[0]?.name ?? '';
  }

  /** Complaints and negative complaints per category and day; `categories` null: every category. */
  async daily(workspaceId: string, tz: string, from: string, toExclusive: string, categories: string[] | null): Promise<DayRow[]> {
    const sql = await this.expr(`
      SELECT ${CATEGORY} AS category,
             to_char((m.posted_at AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day,
             count(*) AS volume,
             count(*) FILTER (WHERE ${LABEL} = 'negative') AS negative
        FROM mention m
       WHERE m.workspace_id = $1 AND ${COMPLAINT} AND ${IN_RANGE('$2', '$3', '$4')}
         AND ($5::text[] IS NULL OR ${CATEGORY} = ANY($5::text[]))
       GROUP BY 1, 2`);
    const rows = (await this.dataSource.query(sql, [workspaceId, tz, from, toExclusive, categories])) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ category: String(r.category), day: String(r.day), volume: num(r.volume), negative: num(r.negative) }));
  }

  /** Distinct authors who complained per category, and the sum of those authors' followers (unknown: 0). */
  async authors(workspaceId: string, tz: string, from: string, toExclusive: string, categories: string[] | null): Promise<AuthorsRow[]> {
    const sql = await this.expr(`
      SELECT d.category, count(*) AS authors, COALESCE(sum(a.followers), 0) AS reach
        FROM (SELECT DISTINCT ${CATEGORY} AS category, m.author_id
                FROM mention m
               WHERE m.workspace_id = $1 AND ${COMPLAINT} AND ${IN_RANGE('$2', '$3', '$4')}
                 AND ($5::text[] IS NULL OR ${CATEGORY} = ANY($5::text[]))) d
        JOIN author a ON a.id = d.author_id AND a.workspace_id = $1
       GROUP BY d.category`);
    const rows = (await this.dataSource.query(sql, [workspaceId, tz, from, toExclusive, categories])) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ category: String(r.category), authors: num(r.authors), reach: num(r.reach) }));
  }

  /** The most urgent complaints per category (newest first among equals), up to `perCategory` each: the representatives' candidates. */
  async candidates(
    workspaceId: string,
    tz: string,
    from: string,
    toExclusive: string,
    categories: string[] | null,
    perCategory: number,
  ): Promise<CandidateRow[]> {
    const sql = await this.expr(`
      SELECT * FROM (
        SELECT ${CATEGORY} AS category, m.id, m.author_id, m.platform, m.text, m.url, m.posted_at, a.handle, a.followers,
               ${LABEL} AS label, m.urgency_score,
               row_number() OVER (PARTITION BY ${CATEGORY} ORDER BY m.urgency_score DESC, m.posted_at DESC, m.id) AS rn
          FROM mention m
          JOIN author a ON a.id = m.author_id AND a.workspace_id = $1
         WHERE m.workspace_id = $1 AND ${COMPLAINT} AND ${IN_RANGE('$2', '$3', '$4')}
           AND ($5::text[] IS NULL OR ${CATEGORY} = ANY($5::text[]))
      ) c WHERE c.rn <= $6
      ORDER BY c.category, c.rn`);
    const rows = (await this.dataSource.query(sql, [workspaceId, tz, from, toExclusive, categories, perCategory])) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      category: String(r.category),
      id: String(r.id),
      authorId: String(r.author_id),
      platform: String(r.platform),
      text: String(r.text),
      url: (r.url as string | null) ?? null,
      postedAt: new Date(r.posted_at as string | Date),
      handle: String(r.handle),
      followers: r.followers === null || r.followers === undefined ? null : Number(r.followers),
      label: (r.label as string | null) ?? null,
      urgency: r.urgency_score === null || r.urgency_score === undefined ? null : Number(r.urgency_score),
    }));
  }

  /**
   * The authors who complained in `category` in [complainFrom, fixDay): each one's mentions (any topic, not spam)
   * in that window and after `afterFrom` (a day), with negative counts and sentiment score sums.
   */
  async authorMoods(workspaceId: string, tz: string, category: string, complainFrom: string, fixDay: string, afterFrom: string): Promise<AuthorMoodRow[]> {
    const sql = await this.expr(`
      WITH complainers AS (
        SELECT DISTINCT m.author_id
          FROM mention m
         WHERE m.workspace_id = $1 AND ${COMPLAINT} AND ${CATEGORY} = $3 AND ${IN_RANGE('$2', '$4', '$5')}
      )
      SELECT c.author_id,
             count(*) FILTER (WHERE ${IN_RANGE('$2', '$4', '$5')}) AS before_count,
             count(*) FILTER (WHERE ${IN_RANGE('$2', '$4', '$5')} AND ${LABEL} = 'negative') AS before_negative,
             COALESCE(sum(m.sentiment_score) FILTER (WHERE ${IN_RANGE('$2', '$4', '$5')}), 0) AS before_score_sum,
             count(m.sentiment_score) FILTER (WHERE ${IN_RANGE('$2', '$4', '$5')}) AS before_scored,
             count(*) FILTER (WHERE m.posted_at >= ($6::date::timestamp AT TIME ZONE $2)) AS after_count,
             count(*) FILTER (WHERE m.posted_at >= ($6::date::timestamp AT TIME ZONE $2) AND ${LABEL} = 'negative') AS after_negative,
             COALESCE(sum(m.sentiment_score) FILTER (WHERE m.posted_at >= ($6::date::timestamp AT TIME ZONE $2)), 0) AS after_score_sum,
             count(m.sentiment_score) FILTER (WHERE m.posted_at >= ($6::date::timestamp AT TIME ZONE $2)) AS after_scored
        FROM complainers c
        JOIN mention m ON m.author_id = c.author_id AND m.workspace_id = $1 AND m.spam = false
       GROUP BY c.author_id`);
    const rows = (await this.dataSource.query(sql, [workspaceId, tz, category, complainFrom, fixDay, afterFrom])) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      authorId: String(r.author_id),
      beforeCount: num(r.before_count),
      beforeNegative: num(r.before_negative),
      beforeScoreSum: num(r.before_score_sum),
      beforeScored: num(r.before_scored),
      afterCount: num(r.after_count),
      afterNegative: num(r.after_negative),
      afterScoreSum: num(r.after_score_sum),
      afterScored: num(r.after_scored),
    }));
  }

  /** Each author's latest complaint in `category` posted in [since, until): the mention a fix notice answers. */
  async notifyTargets(workspaceId: string, category: string, since: Date, until: Date): Promise<NotifyTargetRow[]> {
    const sql = await this.expr(`
      SELECT DISTINCT ON (m.author_id) m.id, m.author_id, a.display_name, a.handle, m.url, m.brand_id
        FROM mention m JOIN author a ON a.id = m.author_id AND a.workspace_id = m.workspace_id
       WHERE m.workspace_id = $1 AND ${COMPLAINT} AND ${CATEGORY} = $2 AND m.posted_at >= $3 AND m.posted_at < $4
       ORDER BY m.author_id, m.posted_at DESC, m.id`);
    const rows = (await this.dataSource.query(sql, [workspaceId, category, since, until])) as Array<{
      id: string;
      author_id: string;
      display_name: string | null;
      handle: string;
      url: string | null;
      brand_id: string | null;
    }>;
    return rows.map((r) => ({
      mentionId: r.id,
      authorId: r.author_id,
      authorName: r.display_name,
      authorHandle: r.handle,
      mentionUrl: r.url,
      brandId: r.brand_id,
    }));
  }

  /** The caller's name, first name and signature (the composer's `agent.*` values). */
  async agentFacts(workspaceId: string, userId: string): Promise<AgentFactsRow> {
    const rows = (await this.dataSource.query(`SELECT name, first_name, signature FROM "user" WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      userId,
    ])) as Array<{
      name: string;
      first_name: string | null;
      signature: string | null;
    }>;
    const r = rows[0];
    return { name: r?.name ?? '', firstName: r?.first_name ?? null, signature: r?.signature ?? null };
  }

  /** The workspace's brand names by id (the composer's `brand.name`). */
  async brandNames(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, name FROM brand WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [workspaceId, ids])) as Array<{
      id: string;
      name: string;
    }>;
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Uses the team's corrections once mention.corrected exists (the corrections feature adds it); the model's values before. */
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
