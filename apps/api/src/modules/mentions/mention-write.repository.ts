import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Mention } from '@earshot/connectors';
import type { DataSource } from 'typeorm';
import { PgArray, type PgArrayType } from '../../common/db/pg-array.util.js';
import { queryPrepared } from '../../common/db/query-prepared.util.js';
import type { MentionScore } from '../ingest/scoring/mention-scorer.js';
import type { QueryMatch } from '../listening-queries/query-matcher.service.js';
import { slaDueSql } from '../sla/sla-due.util.js';
import { takeChangeSeqsSql } from './change-seq.repository.js';

type Scalar = string | number | boolean | null;
export type PageAuthor = Mention['author'] & { platform: string };
/** One mention of a page as it will be stored: the post, its listening match and its scores. */
export interface PageRow {
  m: Mention;
  match: QueryMatch;
  s: MentionScore;
}
/** Where a page's fence, lease and cursor apply. */
export interface PageTarget {
  workspaceId: string;
  sourceId: string;
  leaseToken: string;
  /** The cursor to store, as JSON text. */
  cursor: string;
  leaseSeconds: number;
}

/** A column of the page: its name in SQL, its PostgreSQL type, and how to read it off a row (one closure per column: a monomorphic read). */
type Column<R> = readonly [name: string, type: PgArrayType, read: (row: R) => Scalar];
/** A mention column; `copy` says the column is stored as is in the mention column of the same name (see WRITE_PAGE_SQL). */
type MentionColumn = readonly [name: string, type: PgArrayType, read: (row: PageRow) => Scalar, copy: boolean];
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** The page's authors, column by column: the unnest list and the author INSERT and SELECT lists all come from here. */
const AUTHOR_IN: ReadonlyArray<Column<PageAuthor>> = [
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
/**
 * The ONE table of the page's mention columns: the unnest list (MENTION_IN), the mention
 * INSERT list and its SELECT list are generated from it. The columns not copied are read
 * otherwise: `author_external_id` finds author_id, `raw` goes to mention_raw.
 * JSON columns travel as JSON text (PgArray makes every string storable: NUL and lone surrogates become U+FFFD).
 */
const MENTION_COLUMNS: readonly MentionColumn[] = [
  ['platform', 'text', (r) => r.m.platform, true],
  ['external_id', 'text', (r) => r.m.externalId, true],
  ['brand_id', 'uuid', (r) => r.match.brandId, true],
  ['query_ids', 'jsonb', (r) => json(r.match.queryIds), true],
  ['topics', 'jsonb', (r) => json(r.match.topics), true],
  ['author_external_id', 'text', (r) => r.m.author.externalId, false],
  ['url', 'text', (r) => r.m.url, true],
  ['text', 'text', (r) => r.m.text, true],
  ['platform_lang', 'text', (r) => r.m.lang, true],
  ['posted_at', 'timestamptz', (r) => r.m.createdAt, true],
  ['edited_at', 'timestamptz', (r) => r.m.editedAt, true],
  ['thread_root_id', 'text', (r) => r.m.thread.rootId, true],
  ['parent_id', 'text', (r) => r.m.thread.parentId, true],
  ['engagement', 'jsonb', (r) => json(r.m.engagement), true],
  ['reply_target', 'jsonb', (r) => json(r.m.replyTarget), true],
  ['raw', 'json', (r) => json(r.m.raw), false],
  ['sentiment_score', 'float4', (r) => r.s.sentimentScore, true],
  ['sentiment_label', 'text', (r) => r.s.sentimentLabel, true],
  ['sentiment_confidence', 'float4', (r) => r.s.sentimentConfidence, true],
  ['urgency_score', 'int2', (r) => r.s.urgencyScore, true],
  ['urgency_level', 'text', (r) => r.s.urgencyLevel, true],
  ['urgency_reasons', 'jsonb', (r) => json(r.s.urgencyReasons), true],
  ['intent', 'text', (r) => r.s.intent, true],
  ['category', 'text', (r) => r.s.category, true],
  ['language', 'text', (r) => r.s.language, true],
  ['spam', 'bool', (r) => r.s.spam, true],
];
const MENTION_IN: ReadonlyArray<Column<PageRow>> = MENTION_COLUMNS.map(([name, type, read]) => [name, type, read] as const);
const COPIED = MENTION_COLUMNS.filter(([, , , copy]) => copy).map(([name]) => name);

/** Parameters $1-$7 are scalars; then one array per author column, then one per mention column. */
const AUTHOR_PARAM = 8;
const MENTION_PARAM = AUTHOR_PARAM + AUTHOR_IN.length;
const AUTHOR_NAMES = AUTHOR_IN.map(([name]) => name);

/** `unnest($n::type[], …) AS alias(col, …)` over consecutive parameters from `first`. */
function unnestSql(columns: ReadonlyArray<Column<never>>, first: number, alias: string, ordinality = false): string {
  const arrays = columns.map(([, type], i) => `$${first + i}::${type}[]`).join(', ');
  const names = columns.map(([name]) => name).join(', ');
  return `unnest(${arrays})${ordinality ? ' WITH ORDINALITY' : ''} AS ${alias}(${names}${ordinality ? ', ord' : ''})`;
}

/** The page's rows as one PgArray per column, in the order of `columns`. */
function columnsOf<R>(columns: ReadonlyArray<Column<R>>, rows: readonly R[]): PgArray[] {
  return columns.map(
    ([, type, read]) =>
      new PgArray(
        type,
        rows.map((r) => read(r)),
      ),
  );
}

/**
 * The page's write, as ONE statement (and so one transaction of its own, committed by the
 * server with no round trip in between): fence, authors, change sequence, mentions, cursor.
 *
 * - `fence` moves the cursor only if our lease token is still the source's; every other
 *   write is conditional on it, so a stale instance writes nothing (and learns it from
 *   `fenced = 0`).
 * - `seq` takes the page's change sequence numbers (takeChangeSeqsSql, the same rule as every
 *   other change): it locks the workspace row only after the authors are written (its WHERE
 *   reads `a_ids`, which PostgreSQL evaluates before it locks the row), and holds it until the
 *   statement commits: a workspace's changes commit in sequence order.
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
  INSERT INTO author (workspace_id, ${AUTHOR_NAMES.join(', ')})
  SELECT $1::uuid, ${AUTHOR_NAMES.join(', ')} FROM a_in
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
  ${takeChangeSeqsSql('$1', '$6', {
    when: 'EXISTS (SELECT 1 FROM fence) AND (SELECT count(*) FROM a_ids) >= 0',
    returning: `$7::jsonb || COALESCE(sla_targets, '{}'::jsonb) AS targets`,
  })}),
m_in AS (
  SELECT * FROM ${unnestSql(MENTION_IN, MENTION_PARAM, 'r', true)}),
ins AS (
  INSERT INTO mention (change_seq, sla_due_at, workspace_id, source_id, author_id, ${COPIED.join(', ')})
  SELECT s.base + r.ord,
      ${slaDueSql('now()', 'r.urgency_level', 's.targets')},
      $1::uuid, $2::uuid, a.id, ${COPIED.map((name) => `r.${name}`).join(', ')}
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

/** TypeORM returns [rows, affected] for some drivers' data-modifying statements and plain rows for others. */
function rowsOf(res: unknown[]): unknown[] {
  return Array.isArray(res[0]) ? (res[0] as unknown[]) : res;
}

/** Ingest's writes of mentions and authors (the page statement) and the read the scorer needs before it. */
@Injectable()
export class MentionWriteRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a page in one statement (see WRITE_PAGE_SQL): authors, mentions (duplicates
   * skipped), raw objects and the cursor, fenced by the lease token. Returns whether the
   * fence held and the ids of the mentions inserted.
   */
  async writePage(
    t: PageTarget,
    authors: readonly PageAuthor[],
    rows: readonly PageRow[],
    defaultSlaTargetsJson: string,
  ): Promise<{ fenced: boolean; ids: string[] }> {
    const out = rowsOf(
      await queryPrepared(this.dataSource, 'earshot_ingest_write_page', WRITE_PAGE_SQL, [
        t.workspaceId,
        t.sourceId,
        t.leaseToken,
        t.cursor,
        t.leaseSeconds,
        rows.length,
        defaultSlaTargetsJson,
        ...columnsOf(AUTHOR_IN, authors),
        ...columnsOf(MENTION_IN, rows),
      ]),
    ) as Array<{ fenced: number; ids: string[] }>;
    return out[0]?.fenced === 1 ? { fenced: true, ids: out[0].ids } : { fenced: false, ids: [] };
  }

  /** Moves only the cursor (a page with nothing to store), fenced the same way; false when the lease is lost. */
  async writeCursor(t: Omit<PageTarget, 'workspaceId'>): Promise<boolean> {
    const fenced = (await this.dataSource.query(WRITE_CURSOR_SQL, [t.sourceId, t.leaseToken, t.cursor, t.leaseSeconds])) as unknown[];
    return rowsOf(fenced).length === 1;
  }

  /** Each known author's posts in this workspace in the last 24 h (before this page); unknown authors are absent. */
  async recentPosts(
    workspaceId: string,
    authors: ReadonlyArray<{ platform: string; externalId: string }>,
  ): Promise<Array<{ platform: string; externalId: string; recent: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT a.platform, a.external_id,
         (SELECT count(*)::int FROM mention m WHERE m.author_id = a.id AND m.posted_at > now() - interval '24 hours') AS recent
         FROM unnest($2::text[], $3::text[]) AS i(platform, external_id)
         CROSS JOIN LATERAL (SELECT id, platform, external_id FROM author WHERE workspace_id = $1 AND platform = i.platform AND external_id = i.external_id LIMIT 1) a`,
      [workspaceId, authors.map((a) => a.platform), authors.map((a) => a.externalId)],
    )) as Array<{ platform: string; external_id: string; recent: number }>;
    return rows.map((r) => ({ platform: r.platform, externalId: r.external_id, recent: Number(r.recent) }));
  }
}
