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

/** The order of authors by reach; `a` is the author, `n` their mentions in the range. */
const BY_REACH = `COALESCE(a.followers, 0) DESC, a.handle, a.id`;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

function toAuthor(r: Record<string, unknown>): AuthorReachRow {
  return {
    authorId: String(r.id),
    handle: String(r.handle),
    displayName: r.display_name === null || r.display_name === undefined ? null : String(r.display_name),
    platform: String(r.platform),
    reach: num(r.reach),
    mentions: num(r.n),
  };
}

/** Top lists' read-only SQL over mention and author, scoped by workspace and POSTED time, half-open [from, to). */
@Injectable()
export class AnalyticsTopRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The `limit` authors with the largest reach (then by handle) among those with a mention of the
   * range that passes the filters, with how many they have. First the `candidates` authors of the
   * workspace with the largest reach are probed in that order through (author_id, posted_at), which
   * stops at the `limit`-th active one without reading the range: exact, because every author
   * outside the candidates comes after all of them. Only when fewer than `limit` candidates are
   * active is the range grouped by author (reading every mention of it).
   */
  async authorsByReach(w: AnalyticsWhere, limit: number, candidates: number): Promise<AuthorReachRow[]> {
    const probe = filterSql(w, 6);
    const group = filterSql(w, 5);
    return this.read(async (tx) => {
      const probed = (await tx.query(
        // The outer ORDER BY names the subquery's sort columns, so the plan keeps its order and stops at LIMIT.
        `SELECT a.id, a.handle, a.display_name, a.platform, a.reach, x.n
           FROM (SELECT a.id, a.handle, a.display_name, a.platform, COALESCE(a.followers, 0) AS reach
                   FROM author a WHERE a.workspace_id = $1 ORDER BY ${BY_REACH} LIMIT $5) a
           CROSS JOIN LATERAL (
             SELECT count(*) AS n FROM mention m
              WHERE m.author_id = a.id AND m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${probe.sql}) x
          WHERE x.n > 0
          ORDER BY a.reach DESC, a.handle, a.id
          LIMIT $4`,
        [w.workspaceId, w.from, w.to, limit, candidates, ...probe.params],
      )) as Array<Record<string, unknown>>;
      if (probed.length >= limit) return probed.map(toAuthor);
      const grouped = (await tx.query(
        `SELECT a.id, a.handle, a.display_name, a.platform, COALESCE(a.followers, 0) AS reach, x.n
           FROM (SELECT m.author_id, count(*) AS n FROM mention m
                  WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${group.sql}
                  GROUP BY m.author_id) x
           JOIN author a ON a.id = x.author_id AND a.workspace_id = $1
          ORDER BY ${BY_REACH}
          LIMIT $4`,
        [w.workspaceId, w.from, w.to, limit, ...group.params],
      )) as Array<Record<string, unknown>>;
      return grouped.map(toAuthor);
    });
  }

  /** Texts and posted times of the latest `n` mentions of the range that pass the filters, newest first (a backward walk of (workspace_id, posted_at)). */
  async latestTexts(w: AnalyticsWhere, n: number): Promise<Array<{ text: string; postedAt: Date }>> {
    const c = filterSql(w, 5);
    const rows = await this.read(
      (tx) =>
        tx.query(
          `SELECT m.text, m.posted_at FROM mention m
            WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${c.sql}
            ORDER BY m.posted_at DESC, m.id DESC LIMIT $4`,
          [w.workspaceId, w.from, w.to, n, ...c.params],
        ) as Promise<Array<{ text: string; posted_at: Date | string }>>,
    );
    return rows.map((r) => ({ text: r.text, postedAt: new Date(r.posted_at) }));
  }

  /** A read with JIT off, as in the other analytics reads (compiling costs more than it saves on these plans). */
  private read<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SET LOCAL jit = off`);
      return work(tx);
    });
  }
}
