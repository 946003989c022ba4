import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { filterSql } from './analytics-where.sql.js';
import type { AnalyticsWhere } from './analytics.repository.js';

export interface AuthorReachRow {
  authorId: string;
  handle: string;
  displayName: string | null;
  platform: string;
  reach: number;
  mentions: number;
}

export interface TopRows {
  /** Mentions of the range that pass the filters. */
  total: number;
  /** The `limit` authors of those mentions with the largest reach. */
  authors: AuthorReachRow[];
  /** Texts of the latest `sample` of those mentions, newest first. */
  texts: Array<{ text: string; postedAt: Date }>;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Top lists' read-only SQL over mention and author, scoped by workspace and POSTED time, half-open [from, to). */
@Injectable()
export class AnalyticsTopRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Two scans of the range through (workspace_id, posted_at): one GROUP BY author (joined to its
   * author row only for the groups, with the range's total as a window sum over the groups), and
   * one backward walk of the index that stops after `sample` rows. JIT off, as in the other
   * analytics reads: compiling costs more than it saves on these plans.
   */
  async top(w: AnalyticsWhere, limit: number, sample: number): Promise<TopRows> {
    const c = filterSql(w, 5);
    const range = `m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${c.sql}`;
    return this.dataSource.transaction(async (tx: EntityManager) => {
      await tx.query(`SET LOCAL jit = off`);
      const authors = (await tx.query(
        `SELECT x.author_id, a.handle, a.display_name, a.platform, COALESCE(a.followers, 0) AS reach, x.n, sum(x.n) OVER () AS total
           FROM (SELECT m.author_id, count(*) AS n FROM mention m WHERE ${range} GROUP BY m.author_id) x
           LEFT JOIN author a ON a.id = x.author_id AND a.workspace_id = $1
          ORDER BY COALESCE(a.followers, 0) DESC, x.n DESC, a.handle, x.author_id
          LIMIT $4`,
        [w.workspaceId, w.from, w.to, limit, ...c.params],
      )) as Array<Record<string, unknown>>;
      const texts = (await tx.query(`SELECT m.text, m.posted_at FROM mention m WHERE ${range} ORDER BY m.posted_at DESC, m.id DESC LIMIT $4`, [
        w.workspaceId,
        w.from,
        w.to,
        sample,
        ...c.params,
      ])) as Array<{ text: string; posted_at: Date | string }>;
      return {
        total: num(authors[0]?.total),
        authors: authors
          .filter((r) => r.handle !== null && r.handle !== undefined)
          .map((r) => ({
            authorId: String(r.author_id),
            handle: String(r.handle),
            displayName: r.display_name === null || r.display_name === undefined ? null : String(r.display_name),
            platform: String(r.platform),
            reach: num(r.reach),
            mentions: num(r.n),
          })),
        texts: texts.map((r) => ({ text: r.text, postedAt: new Date(r.posted_at) })),
      };
    });
  }
}
