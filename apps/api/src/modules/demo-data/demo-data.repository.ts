import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import { lockRollupHours, recomputeRollupHours } from '../analytics/analytics-rollup.repository.js';

export interface DemoDataCounts {
  sources: number;
  mentions: number;
  replies: number;
  corrections: number;
  notes: number;
  authors: number;
}

/** Demo data = the mentions of the workspace's demo sources (`source.demo`), and what hangs off them. */
@Injectable()
export class DemoDataRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /**
   * Deletes, inside `tx`, the workspace's demo mentions with their replies, corrections, notes and
   * raw payloads, then the authors of those mentions that no mention references any more. Every
   * statement is scoped by the workspace id.
   */
  async clear(tx: EntityManager, workspaceId: string): Promise<DemoDataCounts> {
    const sources = (await tx.query(`SELECT id FROM source WHERE workspace_id = $1 AND demo FOR UPDATE`, [workspaceId])) as Array<{ id: string }>;
    const ids = sources.map((s) => s.id);
    if (!ids.length) return { sources: 0, mentions: 0, replies: 0, corrections: 0, notes: 0, authors: 0 };
    const demoMentions = `SELECT id FROM mention WHERE workspace_id = $1 AND source_id = ANY($2::uuid[])`;
    const count = async (sql: string): Promise<number> => {
      const r = (await tx.query(`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`, [workspaceId, ids])) as Array<{ n: number }>;
      return r[0]?.n ?? 0;
    };
    const replies = await count(`DELETE FROM reply WHERE workspace_id = $1 AND (mention_id IN (${demoMentions}) OR source_id = ANY($2::uuid[]))`);
    const corrections = await count(`DELETE FROM mention_correction WHERE workspace_id = $1 AND mention_id IN (${demoMentions})`);
    const notes = await count(`DELETE FROM mention_note WHERE workspace_id = $1 AND mention_id IN (${demoMentions})`);
    await tx.query(`DELETE FROM mention_raw WHERE workspace_id = $1 AND mention_id IN (${demoMentions})`, [workspaceId, ids]);
    const authorRows = (await tx.query(
      `SELECT DISTINCT author_id FROM mention WHERE workspace_id = $1 AND source_id = ANY($2::uuid[]) AND author_id IS NOT NULL`,
      [workspaceId, ids],
    )) as Array<{ author_id: string }>;
    // A deletion bumps no change sequence: the analytics rollups of these mentions' hours are recomputed here.
    const hours = await lockRollupHours(tx, workspaceId, `m.source_id = ANY($2::uuid[])`, [ids]);
    const mentions = await count(`DELETE FROM mention WHERE workspace_id = $1 AND source_id = ANY($2::uuid[])`);
    await recomputeRollupHours(tx, workspaceId, hours);
    const authors = (await tx.query(
      `WITH gone AS (
         DELETE FROM author a WHERE a.workspace_id = $1 AND a.id = ANY($2::uuid[])
            AND NOT EXISTS (SELECT 1 FROM mention m WHERE m.workspace_id = $1 AND m.author_id = a.id)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [workspaceId, authorRows.map((r) => r.author_id)],
    )) as Array<{ n: number }>;
    return { sources: ids.length, mentions, replies, corrections, notes, authors: authors[0]?.n ?? 0 };
  }
}
