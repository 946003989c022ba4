import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Platform, ReplyStatus } from '@earshot/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { REPLY_SELECT, type ReplyRow } from './reply.mapper.js';

/** What decides whether a mention can be answered (see replyability.ts). */
export interface ReplyabilityFacts {
  platform: Platform;
  authorHandle: string;
  /** Null when the mention has no source or the source was deleted. */
  source: { id: string; platform: Platform; baseUrl: string; credentialFields: string[] } | null;
  /** Kinds of the brands whose queries matched the mention (the mention's brand when no query is recorded). */
  matchedBrandKinds: Array<'own' | 'competitor'>;
  /** Handles of the workspace's own brands, lower-case, without @. */
  ownHandles: string[];
}

/**
 * The reply table's reads (lists, a mention's replies, the author's history) and the facts
 * behind replyability. No writes and no dependency beyond the database, so the mentions
 * module (mention detail) and ingest (own replies polled back) can read replies too.
 */
@Injectable()
export class ReplyReadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findOne(workspaceId: string, id: string, m: EntityManager = this.dataSource.manager): Promise<ReplyRow | null> {
    const rows = (await m.query(`${REPLY_SELECT} WHERE r.workspace_id = $1 AND r.id = $2`, [workspaceId, id])) as ReplyRow[];
    return rows[0] ?? null;
  }

  /** A mention's replies, oldest first, every status. */
  async forMention(workspaceId: string, mentionId: string): Promise<ReplyRow[]> {
    return (await this.dataSource.query(`${REPLY_SELECT} WHERE r.workspace_id = $1 AND r.mention_id = $2 ORDER BY r.created_at, r.id`, [
      workspaceId,
      mentionId,
    ])) as ReplyRow[];
  }

  /** The workspace's replies, newest first (at most 500), by status and/or mention. Status posts (kind `post`) are the incident view's. */
  async list(workspaceId: string, f: { status?: ReplyStatus[]; mentionId?: string }): Promise<ReplyRow[]> {
    const params: unknown[] = [workspaceId];
    const where = ['r.workspace_id = $1', `r.kind = 'reply'`];
    if (f.status) {
      params.push(f.status);
      where.push(`r.status = ANY($${params.length}::text[])`);
    }
    if (f.mentionId) {
      params.push(f.mentionId);
      where.push(`r.mention_id = $${params.length}::uuid`);
    }
    return (await this.dataSource.query(`${REPLY_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT 500`, params)) as ReplyRow[];
  }

  /** Sent replies to any mention of this author, newest first (at most 20). */
  async sentToAuthor(workspaceId: string, authorId: string): Promise<ReplyRow[]> {
    return (await this.dataSource.query(
      `${REPLY_SELECT} JOIN mention m ON m.id = r.mention_id
        WHERE r.workspace_id = $1 AND m.workspace_id = $1 AND m.author_id = $2 AND r.status = 'sent'
        ORDER BY r.sent_at DESC NULLS LAST, r.id DESC LIMIT 20`,
      [workspaceId, authorId],
    )) as ReplyRow[];
  }

  /** The facts replyability is decided on; null when the mention is not in the workspace. */
  async replyabilityFacts(workspaceId: string, mentionId: string, m: EntityManager = this.dataSource.manager): Promise<ReplyabilityFacts | null> {
    return (await this.replyabilityFactsOf(workspaceId, [mentionId], m)).get(mentionId) ?? null;
  }

  /** replyabilityFacts of many mentions in one statement (the incident view's authors); mentions not in the workspace are absent. */
  async replyabilityFactsOf(workspaceId: string, mentionIds: string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, ReplyabilityFacts>> {
    if (mentionIds.length === 0) return new Map();
    const rows = (await m.query(
      `SELECT m.id, m.platform, a.handle AS author_handle,
              s.id AS source_id, s.platform AS source_platform, s.base_url, s.credential_fields,
              COALESCE((SELECT jsonb_agg(b.kind) FROM listening_query q JOIN brand b ON b.id = q.brand_id
                         WHERE q.workspace_id = $1 AND q.id::text IN (SELECT jsonb_array_elements_text(m.query_ids))), '[]'::jsonb) AS query_kinds,
              (SELECT b.kind FROM brand b WHERE b.workspace_id = $1 AND b.id = m.brand_id) AS brand_kind,
              COALESCE((SELECT jsonb_agg(h) FROM brand b, jsonb_array_elements_text(b.handles) h WHERE b.workspace_id = $1 AND b.kind = 'own'), '[]'::jsonb) AS own_handles
         FROM mention m
         JOIN author a ON a.id = m.author_id
         LEFT JOIN source s ON s.id = m.source_id AND s.workspace_id = m.workspace_id
        WHERE m.workspace_id = $1 AND m.id = ANY($2::uuid[])`,
      [workspaceId, mentionIds],
    )) as Array<{
      id: string;
      platform: Platform;
      author_handle: string;
      source_id: string | null;
      source_platform: Platform | null;
      base_url: string | null;
      credential_fields: string[] | null;
      query_kinds: Array<'own' | 'competitor'>;
      brand_kind: 'own' | 'competitor' | null;
      own_handles: string[];
    }>;
    return new Map(
      rows.map((r) => [
        r.id,
        {
          platform: r.platform,
          authorHandle: r.author_handle,
          source: r.source_id
            ? { id: r.source_id, platform: r.source_platform!, baseUrl: r.base_url ?? '', credentialFields: r.credential_fields ?? [] }
            : null,
          matchedBrandKinds: r.query_kinds.length > 0 ? r.query_kinds : r.brand_kind ? [r.brand_kind] : [],
          ownHandles: r.own_handles,
        },
      ]),
    );
  }

  /** Handles of the workspace's own brands, lower-case, without @. */
  async ownHandles(workspaceId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ltrim(lower(h), '@') AS h FROM brand b, jsonb_array_elements_text(b.handles) h WHERE b.workspace_id = $1 AND b.kind = 'own'`,
      [workspaceId],
    )) as Array<{ h: string }>;
    return rows.map((r) => r.h);
  }

  /**
   * Of polled posts by our own brand accounts, those that are replies Earshot posted: the post's
   * id is a reply's platform id, or it answers a mention that has a reply of ours being sent,
   * reconciled or sent (its platform id may not be known yet: the answer was lost).
   */
  async ownRepliesAmong(
    workspaceId: string,
    platform: string,
    posts: ReadonlyArray<{ externalId: string; parentId: string | null }>,
  ): Promise<Array<{ externalId: string; replyId: string | null }>> {
    if (posts.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT p.external_id, r.id AS reply_id
         FROM unnest($3::text[], $4::text[]) AS p(external_id, parent_id)
         LEFT JOIN reply r ON r.workspace_id = $1 AND r.platform = $2 AND r.external_id = p.external_id
        WHERE r.id IS NOT NULL
           OR EXISTS (SELECT 1 FROM mention m JOIN reply r2 ON r2.mention_id = m.id AND r2.workspace_id = $1
                       WHERE m.workspace_id = $1 AND m.platform = $2 AND m.external_id = p.parent_id
                         AND r2.status IN ('queued', 'sending', 'unknown', 'sent'))`,
      [workspaceId, platform, posts.map((p) => p.externalId), posts.map((p) => p.parentId)],
    )) as Array<{ external_id: string; reply_id: string | null }>;
    return rows.map((r) => ({ externalId: r.external_id, replyId: r.reply_id }));
  }

  /** The agent's name, first name and signature (null: the defaults) and the brand's name, for templates and the linter. */
  async composerFacts(
    workspaceId: string,
    userId: string,
    brandId: string | null,
  ): Promise<{ name: string; firstName: string | null; signature: string | null; brandName: string | null }> {
    const rows = (await this.dataSource.query(
      `SELECT u.name, u.first_name, u.signature, (SELECT b.name FROM brand b WHERE b.workspace_id = $1 AND b.id = $3) AS brand_name
         FROM "user" u WHERE u.workspace_id = $1 AND u.id = $2`,
      [workspaceId, userId, brandId],
    )) as Array<{ name: string; first_name: string | null; signature: string | null; brand_name: string | null }>;
    const r = rows[0];
    return { name: r?.name ?? '', firstName: r?.first_name ?? null, signature: r?.signature ?? null, brandName: r?.brand_name ?? null };
  }
}
