import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Mention, PollResult } from '@earshot/connectors';
import type { DataSource } from 'typeorm';
import { QueryMatcherService, type QueryMatch } from '../listening-queries/query-matcher.service.js';
import { DEFAULT_SLA_TARGETS } from '@earshot/contracts';
import { pgSafeText } from '../../common/db/pg-safe-text.util.js';
import { PgArray, type PgArrayType } from '../../common/db/pg-array.util.js';
import { queryPrepared } from '../../common/db/query-prepared.util.js';
import { slaDueSql } from '../mentions/sla-due.util.js';
import { LeaseLostError } from './lease-lost.error.js';
import { MENTION_SCORER, type MentionScore, type MentionScorer } from './scoring/mention-scorer.js';
import { DomainEvents } from '../../common/events/domain-events.js';

/** A lease lasts this long and is renewed with every page stored; after a crash the source is free again within it. */
export const LEASE_SECONDS = 30;

export interface LeasedSource {
  id: string;
  workspaceId: string;
  platform: string;
  leaseToken: string;
}

export interface PageOutcome {
  fetched: number;
  matched: number;
  inserted: number;
  insertedIds: string[];
}

type Scalar = string | number | boolean | null;
type Author = Mention['author'] & { platform: string };
interface PageRow {
  m: Mention;
  match: QueryMatch;
  s: MentionScore;
}
/** A column of the page: its name in SQL, its PostgreSQL type, and how to read it off a row (one closure per column: a monomorphic read). */
type Column<R> = readonly [name: string, type: PgArrayType, read: (row: R) => Scalar];
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** The page's authors and mentions, column by column (see WRITE_PAGE_SQL). */
const AUTHOR_IN: ReadonlyArray<Column<Author>> = [
  ['platform', 'text', (a) => a.platform],
  ['external_id', 'text', (a) => a.externalId],
  ['handle', 'text', (a) => a.handle.slice(0, 255)],
  ['display_name', 'text', (a) => a.displayName?.slice(0, 255) ?? null],
  // An integer column: an odd platform value (a fraction, an absurd count) must not fail the page.
  ['followers', 'int4', (a) => (a.followers === null ? null : Math.min(Math.max(Math.round(a.followers), 0), 2_147_483_647))],
  ['verified', 'bool', (a) => a.verified],
  ['bot', 'bool', (a) => a.bot],
  ['avatar_url', 'text', (a) => a.avatarUrl?.slice(0, 1000) ?? null],
];
// JSON columns travel as JSON text (PgArray makes every string storable: NUL and lone surrogates become U+FFFD).
const MENTION_IN: ReadonlyArray<Column<PageRow>> = [
  ['platform', 'text', (r) => r.m.platform],
  ['external_id', 'text', (r) => r.m.externalId],
  ['brand_id', 'uuid', (r) => r.match.brandId],
  ['query_ids', 'jsonb', (r) => json(r.match.queryIds)],
  ['topics', 'jsonb', (r) => json(r.match.topics)],
  ['author_external_id', 'text', (r) => r.m.author.externalId],
  ['url', 'text', (r) => r.m.url],
  ['text', 'text', (r) => r.m.text],
  ['platform_lang', 'text', (r) => r.m.lang],
  ['posted_at', 'timestamptz', (r) => r.m.createdAt],
  ['edited_at', 'timestamptz', (r) => r.m.editedAt],
  ['thread_root_id', 'text', (r) => r.m.thread.rootId],
  ['parent_id', 'text', (r) => r.m.thread.parentId],
  ['engagement', 'jsonb', (r) => json(r.m.engagement)],
  ['reply_target', 'jsonb', (r) => json(r.m.replyTarget)],
  ['raw', 'json', (r) => json(r.m.raw)],
  ['sentiment_score', 'float4', (r) => r.s.sentimentScore],
  ['sentiment_label', 'text', (r) => r.s.sentimentLabel],
  ['sentiment_confidence', 'float4', (r) => r.s.sentimentConfidence],
  ['urgency_score', 'int2', (r) => r.s.urgencyScore],
  ['urgency_level', 'text', (r) => r.s.urgencyLevel],
  ['urgency_reasons', 'jsonb', (r) => json(r.s.urgencyReasons)],
  ['intent', 'text', (r) => r.s.intent],
  ['category', 'text', (r) => r.s.category],
  ['language', 'text', (r) => r.s.language],
  ['spam', 'bool', (r) => r.s.spam],
];
/** Parameters $1-$7 are scalars; then one array per author column, then one per mention column. */
const AUTHOR_PARAM = 8;
const MENTION_PARAM = AUTHOR_PARAM + AUTHOR_IN.length;

/** `unnest($n::type[], …) AS alias(col, …)` over consecutive parameters from `first`. */
function unnestSql(columns: ReadonlyArray<Column<never>>, first: number, alias: string, ordinality = false): string {
  const arrays = columns.map(([, type], i) => `$${first + i}::${type}[]`).join(', ');
  const names = columns.map(([name]) => name).join(', ');
  return `unnest(${arrays})${ordinality ? ' WITH ORDINALITY' : ''} AS ${alias}(${names}${ordinality ? ', ord' : ''})`;
}

/** The page's rows as one PgArray per column, in the order of `columns`. */
function columnsOf<R>(columns: ReadonlyArray<Column<R>>, rows: readonly R[]): PgArray[] {
  return columns.map(([, type, read]) => new PgArray(type, rows.map((r) => read(r))));
}

/**
 * The page's write, as ONE statement (and so one transaction of its own, committed by the
 * server with no round trip in between): fence, authors, change sequence, mentions, cursor.
 *
 * - `fence` moves the cursor only if our lease token is still the source's; every other
 *   write is conditional on it, so a stale instance writes nothing (and learns it from
 *   `fenced = 0`).
 * - `seq` locks the workspace row (change_seq) only after the authors are written (its
 *   WHERE reads `a_ids`, which PostgreSQL evaluates before it locks the row), and holds it
 *   until the statement commits: a workspace's changes commit in sequence order.
 * - The rows arrive as one array per column, read with unnest(): on a PostgreSQL server in
 *   the binary array format (see PgArray), so the server copies values instead of parsing a
 *   JSON document (the page's JSON, with each post's raw object inside, was parsed two to
 *   three times over: a third of PostgreSQL's CPU per mention).
 * - The platform's raw object goes to mention_raw (only for the rows actually inserted), so
 *   the mention row stays narrow.
 * - sla_due_at = received + the workspace's target for the urgency level, exactly as
 *   SlaService recomputes it (created_at is now() for this statement).
 */
const WRITE_PAGE_SQL = `
WITH fence AS (
  UPDATE source SET cursor = $4::jsonb, updated_at = now(), leased_until = now() + make_interval(secs => $5)
   WHERE id = $2 AND lease_token = $3
   RETURNING id),
a_in AS (
  SELECT * FROM ${unnestSql(AUTHOR_IN, AUTHOR_PARAM, 'u')}),
a_ins AS (
  INSERT INTO author (workspace_id, platform, external_id, handle, display_name, followers, verified, bot, avatar_url)
  SELECT $1::uuid, platform, external_id, handle, display_name, followers, verified, bot, avatar_url FROM a_in
   WHERE EXISTS (SELECT 1 FROM fence)
  ON CONFLICT (workspace_id, platform, external_id) DO UPDATE SET
    handle = EXCLUDED.handle, display_name = EXCLUDED.display_name, followers = COALESCE(EXCLUDED.followers, author.followers),
    verified = EXCLUDED.verified, bot = EXCLUDED.bot, avatar_url = EXCLUDED.avatar_url
  WHERE (author.handle, author.display_name, author.followers, author.verified, author.bot, author.avatar_url)
    IS DISTINCT FROM (EXCLUDED.handle, EXCLUDED.display_name, COALESCE(EXCLUDED.followers, author.followers), EXCLUDED.verified, EXCLUDED.bot, EXCLUDED.avatar_url)
  RETURNING id, platform, external_id),
a_ids AS (
  -- The statement's snapshot does not see rows its CTEs insert: new authors come from a_ins, known ones from the table.
  SELECT id, platform, external_id FROM a_ins
  UNION
  -- LATERAL: one unique-index probe per author (a plain join may hash every author of the workspace).
  SELECT a.id, a.platform, a.external_id FROM a_in i
   CROSS JOIN LATERAL (SELECT id, platform, external_id FROM author WHERE workspace_id = $1 AND platform = i.platform AND external_id = i.external_id LIMIT 1) a),
seq AS (
  UPDATE workspace SET change_seq = change_seq + $6
   WHERE id = $1 AND EXISTS (SELECT 1 FROM fence) AND (SELECT count(*) FROM a_ids) >= 0
   RETURNING change_seq - $6 AS base, $7::jsonb || COALESCE(sla_targets, '{}'::jsonb) AS targets),
m_in AS (
  SELECT * FROM ${unnestSql(MENTION_IN, MENTION_PARAM, 'r', true)}),
ins AS (
  INSERT INTO mention (change_seq, sla_due_at, workspace_id, platform, external_id, source_id, brand_id, query_ids, topics, author_id, url, text, platform_lang, posted_at, edited_at,
      thread_root_id, parent_id, engagement, reply_target, sentiment_score, sentiment_label, sentiment_confidence, urgency_score, urgency_level,
      urgency_reasons, intent, category, language, spam)
  SELECT s.base + r.ord,
      ${slaDueSql('now()', 'r.urgency_level', 's.targets')},
      $1::uuid, r.platform, r.external_id, $2::uuid, r.brand_id, r.query_ids, r.topics, a.id, r.url, r.text, r.platform_lang, r.posted_at, r.edited_at,
      r.thread_root_id, r.parent_id, r.engagement, r.reply_target, r.sentiment_score, r.sentiment_label, r.sentiment_confidence, r.urgency_score, r.urgency_level,
      r.urgency_reasons, r.intent, r.category, r.language, r.spam
    FROM m_in r
    CROSS JOIN seq s
    LEFT JOIN a_ids a ON a.platform = r.platform AND a.external_id = r.author_external_id
  ON CONFLICT (workspace_id, platform, external_id) DO NOTHING
  RETURNING id, platform, external_id),
raw_ins AS (
  INSERT INTO mention_raw (mention_id, workspace_id, raw)
  SELECT ins.id, $1::uuid, r.raw FROM ins JOIN m_in r ON r.platform = ins.platform AND r.external_id = ins.external_id
   WHERE r.raw IS NOT NULL)
SELECT (SELECT count(*) FROM fence)::int AS fenced, (SELECT COALESCE(array_agg(id), '{}') FROM ins) AS ids`;

/** Only the cursor (a page with nothing to store), fenced the same way. */
const WRITE_CURSOR_SQL = `UPDATE source SET cursor = $3::jsonb, updated_at = now(), leased_until = now() + make_interval(secs => $4) WHERE id = $1 AND lease_token = $2 RETURNING id`;

/**
 * Stores one polled page: matches it against the listening queries, scores it, and in ONE
 * transaction (one statement) upserts the authors, inserts the mentions (a duplicate is
 * skipped by the unique key) and advances the source's cursor. The lease token is a
 * fencing token: if another instance has taken the source, nothing is written. A crash at
 * any point leaves either the whole page with its cursor, or neither.
 *
 * Two round trips per page: a read of the authors' posts in the last 24 h (the scorer
 * needs them), then the write.
 */
@Injectable()
export class IngestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matcher: QueryMatcherService,
    @Inject(MENTION_SCORER) private readonly scorer: MentionScorer,
    private readonly events: DomainEvents,
  ) {}

  async storePage(source: LeasedSource, page: PollResult<unknown>): Promise<PageOutcome> {
    const unique = dedupe(page.mentions.map(storable));
    const matches = await this.matcher.matchAll(
      source.workspaceId,
      unique.map((m) => ({ text: m.text, authorHandle: m.author.handle, lang: m.lang, platform: m.platform })),
    );
    const kept: Array<{ m: Mention; match: QueryMatch }> = [];
    unique.forEach((m, i) => {
      const match = matches[i];
      if (match) kept.push({ m, match });
    });
    const cursor = JSON.stringify(page.nextCursor ?? null);
    if (kept.length === 0) {
      const fenced = (await this.dataSource.query(WRITE_CURSOR_SQL, [source.id, source.leaseToken, cursor, LEASE_SECONDS])) as unknown[];
      if (rowsOf(fenced).length !== 1) throw new LeaseLostError(source.id);
      return { fetched: page.mentions.length, matched: 0, inserted: 0, insertedIds: [] };
    }
    const authors = new Map<string, Author>();
    for (const { m } of kept) authors.set(authorKey(m.platform, m.author.externalId), { ...m.author, platform: m.platform });
    const recent = await this.recentPosts(source.workspaceId, [...authors.values()]);
    const scores = await this.scorer.scoreBatch(
      kept.map(({ m }) => ({
        text: m.text,
        context: {
          followers: m.author.followers,
          verified: m.author.verified,
          engagement: m.engagement,
          authorPostsLast24h: (recent.get(authorKey(m.platform, m.author.externalId)) ?? 0) + 1,
        },
      })),
    );
    const rows: PageRow[] = kept.map(({ m, match }, i) => ({ m, match, s: scores[i]! }));
    const out = rowsOf(
      await queryPrepared(this.dataSource, 'earshot_ingest_write_page', WRITE_PAGE_SQL, [
        source.workspaceId, source.id, source.leaseToken, cursor, LEASE_SECONDS, kept.length, JSON.stringify(DEFAULT_SLA_TARGETS),
        ...columnsOf(AUTHOR_IN, [...authors.values()]), ...columnsOf(MENTION_IN, rows),
      ]),
    ) as Array<{ fenced: number; ids: string[] }>;
    if (out[0]?.fenced !== 1) throw new LeaseLostError(source.id);
    const insertedIds = out[0].ids;
    // After commit (the statement was its own transaction): the realtime publisher reads them back.
    if (insertedIds.length > 0) this.events.emit('mentions.changed', { workspaceId: source.workspaceId, ids: insertedIds, kind: 'created' });
    return { fetched: page.mentions.length, matched: kept.length, inserted: insertedIds.length, insertedIds };
  }

  /** Each known author's posts in this workspace in the last 24 h (before this page), by authorKey; unknown authors are absent. */
  private async recentPosts(workspaceId: string, authors: Array<{ platform: string; externalId: string }>): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query(
      `SELECT a.platform, a.external_id,
         (SELECT count(*)::int FROM mention m WHERE m.author_id = a.id AND m.posted_at > now() - interval '24 hours') AS recent
         FROM unnest($2::text[], $3::text[]) AS i(platform, external_id)
         CROSS JOIN LATERAL (SELECT id, platform, external_id FROM author WHERE workspace_id = $1 AND platform = i.platform AND external_id = i.external_id LIMIT 1) a`,
      [workspaceId, authors.map((a) => a.platform), authors.map((a) => a.externalId)],
    )) as Array<{ platform: string; external_id: string; recent: number }>;
    return new Map(rows.map((r) => [authorKey(r.platform, r.external_id), Number(r.recent)]));
  }
}

const authorKey = (platform: string, externalId: string): string => `${platform}\u0001${externalId}`;

/** TypeORM returns [rows, affected] for some drivers' data-modifying statements and plain rows for others. */
function rowsOf(res: unknown[]): unknown[] {
  return Array.isArray(res[0]) ? (res[0] as unknown[]) : res;
}

/** Longest id the id columns (varchar(255)) hold; a longer one is stored as a prefix and a hash of the whole (stable, so dedupe and threads still work). */
const MAX_ID = 255;

function storableId(id: string): string {
  const safe = pgSafeText(id);
  return safe.length <= MAX_ID ? safe : `${safe.slice(0, 180)}~sha256:${createHash('sha256').update(safe).digest('hex')}`;
}

/**
 * The mention as it will be stored: ids made storable (NUL and lone surrogates replaced, an id
 * longer than its column hashed), a language or URL its column cannot hold dropped. One odd
 * value from a platform must not fail the page again and again (the cursor would never move),
 * and two ids that become the same stored id are the same mention or author. The same object
 * when nothing needs changing (the usual case).
 */
function storable(m: Mention): Mention {
  const fit = (id: string | null) => id === null || (id.length <= MAX_ID && pgSafeText(id) === id);
  if (fit(m.externalId) && fit(m.author.externalId) && fit(m.thread.rootId) && fit(m.thread.parentId) && (m.lang === null || m.lang.length <= 16) && (m.url === null || m.url.length <= 2000)) return m;
  return {
    ...m,
    externalId: storableId(m.externalId),
    url: m.url !== null && m.url.length <= 2000 ? m.url : null,
    lang: m.lang !== null && m.lang.length <= 16 ? m.lang : null,
    author: { ...m.author, externalId: storableId(m.author.externalId) },
    thread: { rootId: m.thread.rootId === null ? null : storableId(m.thread.rootId), parentId: m.thread.parentId === null ? null : storableId(m.thread.parentId) },
  };
}

/** The same post can appear twice in one page (platform duplicates across pages): keep one. */
function dedupe(mentions: Mention[]): Mention[] {
  const seen = new Map<string, Mention>();
  for (const m of mentions) if (!seen.has(m.externalId)) seen.set(m.externalId, m);
  return [...seen.values()];
}
