import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ScoreInput } from '../ingest/scoring/mention-scorer.js';
import { OPEN_STATUS_SQL } from '../mentions/status-sql.util.js';

/** One open mention with what the scorer needs. */
export interface RescoreInput extends ScoreInput {
  id: string;
}

/**
 * The reads of a re-scoring after a model change: the workspace's open mentions (new, open,
 * pending) in id order, with the scorer's context as ingest built it (the author's followers and
 * badge, the engagement, the author's posts in the 24 h up to this one). The writes go through
 * MentionCorrectionsRepository.rescoreMentions, which keeps the team's corrections.
 */
@Injectable()
export class LearningRescoreRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async openPage(workspaceId: string, afterId: string | null, limit: number): Promise<RescoreInput[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.text, m.engagement, a.followers, a.verified,
              (SELECT count(*)::int FROM mention m2
                WHERE m2.author_id = m.author_id AND m2.posted_at > m.posted_at - interval '24 hours' AND m2.posted_at <= m.posted_at) AS recent
         FROM mention m JOIN author a ON a.id = m.author_id
        WHERE m.workspace_id = $1 AND m.status IN (${OPEN_STATUS_SQL}) ${afterId ? 'AND m.id > $2::uuid' : ''}
        ORDER BY m.id
        LIMIT ${Math.trunc(limit)}`,
      afterId ? [workspaceId, afterId] : [workspaceId],
    )) as Array<{ id: string; text: string; engagement: Record<string, number | null> | null; followers: number | null; verified: boolean; recent: number }>;
    return rows.map((r) => ({
      id: r.id,
      text: r.text,
      context: {
        followers: r.followers,
        verified: r.verified,
        engagement: { replies: r.engagement?.replies ?? null, reposts: r.engagement?.reposts ?? null, likes: r.engagement?.likes ?? null },
        authorPostsLast24h: Math.max(1, Number(r.recent)),
      },
    }));
  }
}
