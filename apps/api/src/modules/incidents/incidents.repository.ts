import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Platform, ReplyStatus } from '@earshot/contracts';
import type { DetectorJson } from '@earshot/signals';
import type { DataSource } from 'typeorm';
import { AlertEventEntity } from '../alerts/alert-event.entity.js';
import { REPLY_SELECT, type ReplyRow } from '../replies/reply.mapper.js';

/** The team's corrected values where set, as analytics and the alert runner read them. */
const CATEGORY = `COALESCE(NULLIF(m.corrected->>'category', ''), m.category, 'other')`;
const LABEL = `COALESCE(NULLIF(m.corrected->>'sentiment', ''), m.sentiment_label)`;

/** Reply statuses that mean the team answered (or is answering) a mention: sent, or on its way. */
export const ANSWERED_STATUSES: readonly ReplyStatus[] = ['pending_approval', 'approved', 'queued', 'sending', 'sent', 'unknown'];

/** Platforms whose connector can post a status update (connectors' `post()`). */
export const POSTING_PLATFORMS: readonly Platform[] = ['mastodon', 'bluesky', 'x'];

/** An alert (its own read of alert_event) with its brand's name and its rule's detector (null: no rule, or not run yet). */
export interface IncidentAlert {
  event: AlertEventEntity;
  brandName: string;
  detectorState: DetectorJson | null;
}

/** Which mentions are the alert's: the brand's (by the listening queries they matched), of the category, spam out. */
export interface AlertScope {
  workspaceId: string;
  queryIds: string[];
  category: string | null;
}

export interface AlertMentionRow {
  id: string;
  authorId: string;
  sourceId: string | null;
  text: string;
  postedAt: Date;
  category: string;
  negative: boolean;
  urgency: number;
}

export interface AuthorRow {
  id: string;
  handle: string;
  displayName: string | null;
  platform: Platform;
}

export interface SourceRow {
  id: string;
  name: string;
  platform: Platform;
  credentialFields: string[];
  status: string;
}

/**
 * The incident view's reads: the alert (its own read of alert_event), the alert's mentions and
 * series, its authors and whether the team answered them, its status posts and the sources that
 * can post. Read-only; every statement scoped by workspace. Writes go through RepliesService.
 */
@Injectable()
export class IncidentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async alert(workspaceId: string, id: string): Promise<IncidentAlert | null> {
    const event = await this.dataSource.getRepository(AlertEventEntity).findOne({ where: { workspaceId, id } });
    if (!event) return null;
    const rows = (await this.dataSource.query(
      `SELECT b.name AS brand_name, (SELECT r.detector_state FROM alert_rule r WHERE r.workspace_id = $1 AND r.id = $3) AS detector_state
         FROM brand b WHERE b.workspace_id = $1 AND b.id = $2`,
      [workspaceId, event.brandId, event.ruleId],
    )) as Array<{ brand_name: string; detector_state: DetectorJson | null }>;
    return { event, brandName: rows[0]?.brand_name ?? '', detectorState: rows[0]?.detector_state ?? null };
  }

  /** A brand's listening queries: a mention is the brand's when it matched one (analytics and the alert runner count so). */
  async queryIdsOfBrand(workspaceId: string, brandId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM listening_query WHERE workspace_id = $1 AND brand_id = $2`, [workspaceId, brandId])) as Array<{
      id: string;
    }>;
    return rows.map((r) => r.id);
  }

  /** The alert's mentions posted in [from, to), newest first, at most `limit`. */
  async mentions(s: AlertScope, from: Date, to: Date, limit: number): Promise<AlertMentionRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.author_id, m.source_id, m.text, m.posted_at, ${CATEGORY} AS category, ${LABEL} = 'negative' AS negative, m.urgency_score
         FROM mention m
        WHERE ${scopeSql()} AND m.posted_at >= $4 AND m.posted_at < $5
        ORDER BY m.posted_at DESC, m.id DESC LIMIT $6`,
      [s.workspaceId, s.queryIds, s.category, from, to, limit],
    )) as Array<{
      id: string;
      author_id: string;
      source_id: string | null;
      text: string;
      posted_at: Date;
      category: string;
      negative: boolean | null;
      urgency_score: number;
    }>;
    return rows.map((r) => ({
      id: r.id,
      authorId: r.author_id,
      sourceId: r.source_id,
      text: r.text,
      postedAt: new Date(r.posted_at),
      category: r.category,
      negative: r.negative === true,
      urgency: Number(r.urgency_score),
    }));
  }

  /** The alert's mentions (and negatives) posted in [from, to), per bucket index floor((posted − from) / bucket). */
  async bucketCounts(s: AlertScope, from: Date, to: Date, bucketSeconds: number): Promise<Array<{ bucket: number; total: number; negative: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT floor(extract(epoch FROM (m.posted_at - $4::timestamptz)) / $6)::int AS bucket, count(*)::int AS total,
              count(*) FILTER (WHERE ${LABEL} = 'negative')::int AS negative
         FROM mention m
        WHERE ${scopeSql()} AND m.posted_at >= $4 AND m.posted_at < $5
        GROUP BY 1`,
      [s.workspaceId, s.queryIds, s.category, from, to, bucketSeconds],
    )) as Array<{ bucket: number; total: number; negative: number }>;
    return rows.map((r) => ({ bucket: Number(r.bucket), total: Number(r.total), negative: Number(r.negative) }));
  }

  /** When the alert's scope has its first mention (how far back "the previous weeks" can look). */
  async firstPostedAt(s: AlertScope): Promise<Date | null> {
    const rows = (await this.dataSource.query(`SELECT min(m.posted_at) AS first FROM mention m WHERE ${scopeSql()}`, [
      s.workspaceId,
      s.queryIds,
      s.category,
    ])) as Array<{
      first: Date | null;
    }>;
    return rows[0]?.first ? new Date(rows[0].first) : null;
  }

  async authors(workspaceId: string, ids: string[]): Promise<AuthorRow[]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(`SELECT id, handle, display_name, platform FROM author WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [
      workspaceId,
      ids,
    ])) as Array<{ id: string; handle: string; display_name: string | null; platform: Platform }>;
    return rows.map((r) => ({ id: r.id, handle: r.handle, displayName: r.display_name, platform: r.platform }));
  }

  /** The newest answering reply (sent or on its way; not dismissed) of each of these mentions that has one. */
  async answeredMentions(workspaceId: string, mentionIds: string[]): Promise<Map<string, ReplyStatus>> {
    if (mentionIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (r.mention_id) r.mention_id, r.status FROM reply r
        WHERE r.workspace_id = $1 AND r.kind = 'reply' AND r.mention_id = ANY($2::uuid[]) AND r.status = ANY($3::text[]) AND r.dismissed_at IS NULL
        ORDER BY r.mention_id, r.created_at DESC, r.id DESC`,
      [workspaceId, mentionIds, ANSWERED_STATUSES],
    )) as Array<{ mention_id: string; status: ReplyStatus }>;
    return new Map(rows.map((r) => [r.mention_id, r.status]));
  }

  /** Which of these reply client keys the workspace already has (an earlier request with the same key). */
  async usedClientKeys(workspaceId: string, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = (await this.dataSource.query(`SELECT client_key FROM reply WHERE workspace_id = $1 AND client_key = ANY($2::text[])`, [
      workspaceId,
      keys,
    ])) as Array<{
      client_key: string;
    }>;
    return new Set(rows.map((r) => r.client_key));
  }

  /** The alert's status posts, oldest first. */
  async statusPosts(workspaceId: string, alertId: string): Promise<ReplyRow[]> {
    return (await this.dataSource.query(`${REPLY_SELECT} WHERE r.workspace_id = $1 AND r.kind = 'post' AND r.alert_id = $2 ORDER BY r.created_at, r.id`, [
      workspaceId,
      alertId,
    ])) as ReplyRow[];
  }

  /** The workspace's sources on platforms that can post a status update. */
  async postingSources(workspaceId: string): Promise<SourceRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, name, platform, credential_fields, status FROM source WHERE workspace_id = $1 AND platform = ANY($2::text[]) ORDER BY created_at, id`,
      [workspaceId, POSTING_PLATFORMS],
    )) as Array<{ id: string; name: string; platform: Platform; credential_fields: string[] | null; status: string }>;
    return rows.map((r) => ({ id: r.id, name: r.name, platform: r.platform, credentialFields: r.credential_fields ?? [], status: r.status }));
  }
}

/** $1 workspace, $2 the brand's query ids, $3 category (null: all). */
function scopeSql(): string {
  return `m.workspace_id = $1 AND m.spam = false AND m.query_ids ?| $2::text[] AND ($3::text IS NULL OR ${CATEGORY} = $3::text)`;
}
