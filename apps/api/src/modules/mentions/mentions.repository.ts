import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import { MentionEntity } from './mention.entity.js';
import { OPEN_STATUSES, type Mention, type MentionNote, type MentionQueueFilters, type QueueSort, type UserRef } from '@earshot/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { currentChangeSeq, touchMentions } from './change-seq.repository.js';
import { MENTION_COLUMNS, MENTION_FROM, MENTION_SELECT, toMentionDto, toNoteDto, type MentionRow, type NoteRow } from './mention.mapper.js';
import { OPEN_STATUS_SQL, statusListSql } from './status-sql.util.js';
import { decodeQueueCursor, encodeQueueCursor, type QueueKey } from './queue-cursor.util.js';

/** ORDER BY and keyset comparison per sort; every column is in a matching index (see MentionEntity). */
/** A queue row: the mention plus full-precision (microsecond) times for keyset cursors; a JS Date keeps only milliseconds. */
type QueueRow = MentionRow & { created_key: string; sla_key: string | null };

/** The queue's SELECT: the mention columns plus the cursor keys. */
const QUEUE_SELECT = `SELECT ${MENTION_COLUMNS},
    to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key,
    to_char(m.sla_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sla_key
  ${MENTION_FROM}`;

const SORTS: Record<QueueSort, { order: string; keyset: string; key: (r: QueueRow) => QueueKey }> = {
  urgency: {
    order: 'm.urgency_score DESC, m.created_at DESC, m.id DESC',
    keyset: '(m.urgency_score, m.created_at, m.id) < ($K1::smallint, $K2::timestamptz, $K3::uuid)',
    key: (r) => [r.urgency_score, r.created_key, r.id],
  },
  newest: { order: 'm.created_at DESC, m.id DESC', keyset: '(m.created_at, m.id) < ($K1::timestamptz, $K2::uuid)', key: (r) => [r.created_key, r.id] },
  waiting: { order: 'm.created_at ASC, m.id ASC', keyset: '(m.created_at, m.id) > ($K1::timestamptz, $K2::uuid)', key: (r) => [r.created_key, r.id] },
  sla: { order: 'm.sla_due_at ASC, m.id ASC', keyset: '(m.sla_due_at, m.id) > ($K1::timestamptz, $K2::uuid)', key: (r) => [r.sla_key!, r.id] },
};

/**
 * The team's value where it corrected one, else the model's: corrections write the columns too,
 * but reading `corrected` first keeps these filters the same expressions analytics counts with
 * (analytics.repository.ts), whatever wrote the row.
 */
const LABEL = `COALESCE(NULLIF(m.corrected->>'sentiment', ''), m.sentiment_label)`;
const INTENT = `COALESCE(NULLIF(m.corrected->>'intent', ''), m.intent)`;
const CATEGORY = `COALESCE(NULLIF(m.corrected->>'category', ''), m.category, 'other')`;

/** The triage changes one request may make to mentions. */
export type MentionChangeSet = { status?: Mention['status']; assigneeId?: string | null; tags?: string[]; addTags?: string[]; removeTags?: string[] };

export interface QueuePage {
  items: Mention[];
  nextCursor: string | null;
  /** Every matching mention, when asked for on the first page. */
  total?: number;
}

/** All mention reads and the triage writes of the inbox; every statement is scoped by workspace id. */
@Injectable()
export class MentionsRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** The workspace's committed change sequence (read before a list so catch-up starts early enough). */
  currentSeq(workspaceId: string, m: EntityManager = this.dataSource.manager): Promise<number> {
    return currentChangeSeq(m, workspaceId);
  }

  /**
   * One page of the queue. Posted-time bounds, brands (by the listening queries a mention
   * matched), topics, categories (`other` when none), sentiment (`unscored`: no label) and spam
   * select exactly the mentions analytics counts for the same filters, so a chart's drill-down
   * lists what its bar says.
   */
  async queue(workspaceId: string, userId: string, f: MentionQueueFilters): Promise<QueuePage> {
    const params: unknown[] = [workspaceId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['m.workspace_id = $1'];
    where.push(`m.status IN (${f.status ? statusListSql(f.status) : OPEN_STATUS_SQL})`);
    if (f.sentiment) {
      const labels = f.sentiment.filter((s) => s !== 'unscored');
      const either = [...(labels.length ? [`${LABEL} = ANY(${p(labels)}::text[])`] : []), ...(f.sentiment.includes('unscored') ? [`${LABEL} IS NULL`] : [])];
      where.push(`(${either.join(' OR ')})`);
    }
    if (f.urgency) where.push(`m.urgency_level = ANY(${p(f.urgency)}::text[])`);
    if (f.minUrgency !== undefined) where.push(`m.urgency_score >= ${p(f.minUrgency)}::smallint`);
    if (f.intent) where.push(`${INTENT} = ANY(${p(f.intent)}::text[])`);
    if (f.category) where.push(`${CATEGORY} = ANY(${p(f.category)}::text[])`);
    if (f.platform) where.push(`m.platform = ANY(${p(f.platform)}::text[])`);
    if (f.brandId)
      where.push(`m.query_ids ?| ARRAY(SELECT q.id::text FROM listening_query q WHERE q.workspace_id = $1 AND q.brand_id = ANY(${p(f.brandId)}::uuid[]))`);
    if (f.topic) where.push(`m.topics ?| ${p(f.topic)}::text[]`);
    if (f.spam === 'exclude') where.push('m.spam = false');
    if (f.spam === 'only') where.push('m.spam = true');
    if (f.assignee) where.push(`m.assignee_id = ${p(f.assignee === 'me' ? userId : f.assignee)}::uuid`);
    if (f.unassigned !== undefined) where.push(f.unassigned ? 'm.assignee_id IS NULL' : 'm.assignee_id IS NOT NULL');
    if (f.from) where.push(`m.created_at >= ${p(f.from)}::timestamptz`);
    if (f.to) where.push(`m.created_at < ${p(f.to)}::timestamptz`);
    if (f.postedFrom) where.push(`m.posted_at >= ${p(f.postedFrom)}::timestamptz`);
    if (f.postedTo) where.push(`m.posted_at < ${p(f.postedTo)}::timestamptz`);
    if (f.q) where.push(`m.search_vector @@ websearch_to_tsquery('english', ${p(f.q)})`);
    const sort = SORTS[f.sort];
    if (f.sort === 'sla') where.push('m.sla_due_at IS NOT NULL');
    // The total counts the whole list, so it is read before the cursor narrows it to the rest.
    const total =
      f.withTotal && !f.cursor
        ? Number(((await this.dataSource.query(`SELECT count(*) AS n FROM mention m WHERE ${where.join(' AND ')}`, params)) as Array<{ n: string }>)[0]!.n)
        : undefined;
    if (f.cursor) {
      const key = decodeQueueCursor(f.sort, f.cursor);
      let keyset = sort.keyset;
      key.forEach((v, i) => (keyset = keyset.replace(`$K${i + 1}`, () => p(v))));
      where.push(keyset);
    }
    const limit = f.limit;
    const rows = (await this.dataSource.query(`${QUEUE_SELECT} WHERE ${where.join(' AND ')} ORDER BY ${sort.order} LIMIT ${limit + 1}`, params)) as QueueRow[];
    const now = new Date();
    const items = rows.slice(0, limit).map((r) => toMentionDto(r, now));
    const last = rows[limit - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeQueueCursor(f.sort, sort.key(last)) : null, ...(total === undefined ? {} : { total }) };
  }

  /** Mentions changed after `since`, in change order, at most `limit` (+1 to tell whether there is more). */
  async changesSince(workspaceId: string, since: number, limit: number): Promise<{ items: Mention[]; hasMore: boolean }> {
    const rows = (await this.dataSource.query(`${MENTION_SELECT} WHERE m.workspace_id = $1 AND m.change_seq > $2 ORDER BY m.change_seq LIMIT ${limit + 1}`, [
      workspaceId,
      since,
    ])) as MentionRow[];
    const now = new Date();
    return { items: rows.slice(0, limit).map((r) => toMentionDto(r, now)), hasMore: rows.length > limit };
  }

  async findByIds(workspaceId: string, ids: string[], m: EntityManager = this.dataSource.manager): Promise<Mention[]> {
    if (ids.length === 0) return [];
    const rows = (await m.query(`${MENTION_SELECT} WHERE m.workspace_id = $1 AND m.id = ANY($2::uuid[]) ORDER BY m.change_seq`, [
      workspaceId,
      ids,
    ])) as MentionRow[];
    const now = new Date();
    return rows.map((r) => toMentionDto(r, now));
  }

  async findOne(workspaceId: string, id: string, m?: EntityManager): Promise<Mention | null> {
    return (await this.findByIds(workspaceId, [id], m))[0] ?? null;
  }

  /** The post a mention answers and the stored posts that answer it. */
  async thread(workspaceId: string, mention: Mention): Promise<{ parent: Mention | null; replies: Mention[] }> {
    const now = new Date();
    const parent = mention.thread.parentId
      ? ((await this.dataSource.query(`${MENTION_SELECT} WHERE m.workspace_id = $1 AND m.platform = $2 AND m.external_id = $3`, [
          workspaceId,
          mention.platform,
          mention.thread.parentId,
        ])) as MentionRow[])
      : [];
    const replies = (await this.dataSource.query(
      `${MENTION_SELECT} WHERE m.workspace_id = $1 AND m.platform = $2 AND m.parent_id = $3 ORDER BY m.posted_at LIMIT 50`,
      [workspaceId, mention.platform, mention.externalId],
    )) as MentionRow[];
    return { parent: parent[0] ? toMentionDto(parent[0], now) : null, replies: replies.map((r) => toMentionDto(r, now)) };
  }

  /** The author's other mentions (newest first, 20) and counts, through the (author_id, posted_at) index. */
  async authorHistory(workspaceId: string, mention: Mention): Promise<{ total: number; open: number; earlier: Mention[] }> {
    const counts = (await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status IN (${OPEN_STATUS_SQL}))::int AS open FROM mention WHERE author_id = $1 AND workspace_id = $2`,
      [mention.author.id, workspaceId],
    )) as Array<{ total: number; open: number }>;
    const rows = (await this.dataSource.query(
      `${MENTION_SELECT} WHERE m.author_id = $1 AND m.workspace_id = $2 AND m.id <> $3 ORDER BY m.posted_at DESC LIMIT 20`,
      [mention.author.id, workspaceId, mention.id],
    )) as MentionRow[];
    const now = new Date();
    return { total: counts[0]?.total ?? 0, open: counts[0]?.open ?? 0, earlier: rows.map((r) => toMentionDto(r, now)) };
  }

  async notes(workspaceId: string, mentionId: string): Promise<MentionNote[]> {
    const rows = (await this.dataSource.query(
      `SELECT n.id, n.mention_id, n.author_user_id, u.name AS author_name, n.body, n.created_at
         FROM mention_note n LEFT JOIN "user" u ON u.id = n.author_user_id
        WHERE n.workspace_id = $1 AND n.mention_id = $2 ORDER BY n.created_at, n.id`,
      [workspaceId, mentionId],
    )) as NoteRow[];
    return rows.map(toNoteDto);
  }

  /** Locks the workspace's mentions among `ids` in id order (so bulk updates cannot deadlock); returns the ids found. */
  async lock(tx: EntityManager, workspaceId: string, ids: string[]): Promise<string[]> {
    const rows = (await tx.query(`SELECT id FROM mention WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`, [
      workspaceId,
      ids,
    ])) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /** Applies triage changes to locked mentions, each taking a change sequence number; returns the ids changed. */
  applyChanges(tx: EntityManager, workspaceId: string, ids: string[], input: MentionChangeSet): Promise<string[]> {
    const sets: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length + 2}`;
    };
    if (input.status !== undefined) {
      const status = p(input.status);
      sets.push(`status = ${status}::varchar`);
      // Resolution time is kept while resolved; reopening clears it. SLA stops while resolved or ignored (partial index).
      sets.push(`resolved_at = CASE WHEN ${status}::varchar = 'resolved' THEN COALESCE(resolved_at, now()) ELSE NULL END`);
      // Reopened after its due time passed: it is breached now (the breach check only looks at new due times).
      if (OPEN_STATUSES.includes(input.status))
        sets.push(
          `sla_breached_at = CASE WHEN sla_due_at <= now() AND first_response_at IS NULL THEN COALESCE(sla_breached_at, now()) ELSE sla_breached_at END`,
        );
    }
    if (input.assigneeId !== undefined) sets.push(`assignee_id = ${p(input.assigneeId)}::uuid`);
    if (input.tags !== undefined) sets.push(`tags = ${p(JSON.stringify([...new Set(input.tags)]))}::jsonb`);
    if (input.addTags?.length || input.removeTags?.length) {
      sets.push(
        `tags = (SELECT COALESCE(jsonb_agg(DISTINCT t), '[]'::jsonb) FROM jsonb_array_elements_text(tags || ${p(JSON.stringify(input.addTags ?? []))}::jsonb) t WHERE t <> ALL(${p(input.removeTags ?? [])}::text[]))`,
      );
    }
    return touchMentions(tx, workspaceId, ids, `, ${sets.join(', ')}`, params);
  }

  /** Gives the mentions the next change sequence numbers with nothing else changed (a note was added). */
  touch(tx: EntityManager, workspaceId: string, ids: string[]): Promise<string[]> {
    return touchMentions(tx, workspaceId, ids);
  }

  async insertNote(tx: EntityManager, workspaceId: string, mentionId: string, authorUserId: string, body: string): Promise<{ id: string; created_at: Date }> {
    const rows = (await tx.query(`INSERT INTO mention_note (workspace_id, mention_id, author_user_id, body) VALUES ($1, $2, $3, $4) RETURNING id, created_at`, [
      workspaceId,
      mentionId,
      authorUserId,
      body,
    ])) as Array<{ id: string; created_at: Date }>;
    return rows[0]!;
  }

  /** Whether `userId` is an active user of the workspace (a valid assignee). */
  async isActiveMember(tx: EntityManager, workspaceId: string, userId: string): Promise<boolean> {
    const ok = (await tx.query(`SELECT 1 FROM "user" WHERE id = $1 AND workspace_id = $2 AND active = true`, [userId, workspaceId])) as unknown[];
    return ok.length > 0;
  }

  /** A user's id and name as shown on mentions ("former user" once the row is gone). */
  async userRef(userId: string): Promise<UserRef> {
    const rows = (await this.dataSource.query(`SELECT id, name FROM "user" WHERE id = $1`, [userId])) as UserRef[];
    return rows[0] ?? { id: userId, name: 'former user' };
  }

  /** Mentions stored today (UTC) per source of the workspace. */
  async countTodayBySource(workspaceId: string): Promise<Map<string, number>> {
    const since = new Date();
    since.setUTCHours(0, 0, 0, 0);
    const rows = await this.dataSource
      .getRepository(MentionEntity)
      .createQueryBuilder('m')
      .select('m.source_id', 'source_id')
      .addSelect('count(*)::int', 'n')
      .where('m.workspace_id = :workspaceId AND m.created_at >= :since', { workspaceId, since })
      .groupBy('m.source_id')
      .getRawMany<{ source_id: string | null; n: number }>();
    return new Map(rows.filter((r) => r.source_id).map((r) => [r.source_id!, Number(r.n)]));
  }
}
