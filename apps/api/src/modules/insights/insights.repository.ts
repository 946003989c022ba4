import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The team's corrected intent where set (as analytics reads it). */
const INTENT = `COALESCE(NULLIF(m.corrected->>'intent', ''), m.intent)`;

export interface QuestionRow {
  id: string;
  authorId: string;
  text: string;
  postedAt: Date;
}

export interface SuggestionsWhere {
  workspaceId: string;
  from: Date | null;
  to: Date | null;
  /** Mentions that matched one of these listening queries; null: every brand. */
  queryIds: string[] | null;
}

/** The insights lists' reads over mention (read-only; every statement scoped by workspace, spam left out). */
@Injectable()
export class InsightsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A brand's listening queries (a mention is the brand's when it matched one), as analytics resolves a brand. */
  async queryIdsOfBrand(workspaceId: string, brandId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM listening_query WHERE workspace_id = $1 AND brand_id = $2`, [workspaceId, brandId])) as Array<{
      id: string;
    }>;
    return rows.map((r) => r.id);
  }

  /** Questions posted in [from, to), newest first, at most `limit`. */
  async questions(workspaceId: string, from: Date, to: Date, queryIds: string[] | null, limit: number): Promise<QuestionRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.author_id, m.text, m.posted_at FROM mention m
        WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3 AND m.spam = false AND ${INTENT} = 'question'
          AND ($4::text[] IS NULL OR m.query_ids ?| $4::text[])
        ORDER BY m.posted_at DESC, m.id DESC LIMIT $5`,
      [workspaceId, from, to, queryIds, limit],
    )) as Array<{ id: string; author_id: string; text: string; posted_at: Date }>;
    return rows.map((r) => ({ id: r.id, authorId: r.author_id, text: r.text, postedAt: new Date(r.posted_at) }));
  }

  /**
   * Suggestions, newest posted first, after the keyset `after` (the last row of the previous page):
   * `limit` ids, and whether more follow.
   */
  async suggestionIds(
    w: SuggestionsWhere,
    after: { postedAt: Date; id: string } | null,
    limit: number,
  ): Promise<{ ids: string[]; last: { postedAt: Date; id: string } | null; more: boolean }> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.posted_at FROM mention m
        WHERE ${this.suggestionsWhere()}
          AND ($5::timestamptz IS NULL OR (m.posted_at, m.id) < ($5::timestamptz, $6::uuid))
        ORDER BY m.posted_at DESC, m.id DESC LIMIT $7`,
      [w.workspaceId, w.from, w.to, w.queryIds, after?.postedAt ?? null, after?.id ?? null, limit + 1],
    )) as Array<{ id: string; posted_at: Date }>;
    const page = rows.slice(0, limit);
    const tail = page.at(-1);
    return { ids: page.map((r) => r.id), last: tail ? { postedAt: new Date(tail.posted_at), id: tail.id } : null, more: rows.length > limit };
  }

  async countSuggestions(w: SuggestionsWhere): Promise<number> {
    const rows = (await this.dataSource.query(`SELECT count(*)::int AS n FROM mention m WHERE ${this.suggestionsWhere()}`, [
      w.workspaceId,
      w.from,
      w.to,
      w.queryIds,
    ])) as Array<{ n: number }>;
    return Number(rows[0]?.n ?? 0);
  }

  /** $1 workspace, $2 from (null: open), $3 to (null: open), $4 query ids (null: every brand). */
  private suggestionsWhere(): string {
    return `m.workspace_id = $1 AND m.spam = false AND ${INTENT} = 'suggestion'
        AND ($2::timestamptz IS NULL OR m.posted_at >= $2::timestamptz) AND ($3::timestamptz IS NULL OR m.posted_at < $3::timestamptz)
        AND ($4::text[] IS NULL OR m.query_ids ?| $4::text[])`;
  }
}
