import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Mention, PollResult } from '@earshot/connectors';
import type { DataSource, EntityManager } from 'typeorm';
import { QueryMatcherService, type QueryMatch } from '../listening-queries/query-matcher.service.js';
import { pgSafeJson, pgSafeText, pgSafeTextOrNull } from '../../common/db/pg-safe-text.util.js';
import { LeaseLostError } from './lease-lost.error.js';
import { MENTION_SCORER, type MentionScorer } from './mention-scorer.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import { takeChangeSeqs } from '../mentions/change-seq.util.js';
import { slaMinutes } from '../mentions/sla-due.util.js';

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

/**
 * Rows as one array parameter per column: `SELECT * FROM unnest($1::uuid[], $2::text[], …)`.
 * The statement has a fixed, small number of parameters whatever the page size, so
 * PostgreSQL parses and plans it cheaply (a VALUES list of 100 rows has 2,800).
 */
function unnestRows(rows: unknown[][], types: string[], offset = 0): { sql: string; params: unknown[][] } {
  const params = types.map((_, c) => rows.map((r) => r[c]));
  return { sql: `SELECT * FROM unnest(${types.map((t, c) => `$${offset + c + 1}::${t}[]`).join(', ')})`, params };
}

/**
 * Stores one polled page: matches it against the listening queries, scores it, and in ONE
 * transaction upserts the authors, inserts the mentions (a duplicate is skipped by the
 * unique key) and advances the source's cursor. The transaction first re-checks the
 * lease token (a fencing token): if another instance has taken the source, nothing is
 * written. A crash at any point leaves either the whole page with its cursor, or neither.
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
    const unique = dedupe(page.mentions);
    const matches = await this.matcher.matchAll(
      source.workspaceId,
      unique.map((m) => ({ text: m.text, authorHandle: m.author.handle, lang: m.lang, platform: m.platform })),
    );
    const kept: Array<{ m: Mention; match: QueryMatch }> = [];
    unique.forEach((m, i) => {
      const match = matches[i];
      if (match) kept.push({ m, match });
    });
    // Six round trips: BEGIN, authors, change sequence, mentions, cursor (+ fence), COMMIT.
    const outcome = await this.dataSource.transaction(async (tx) => {
      let inserted: Array<{ id: string; author_id: string }> = [];
      if (kept.length > 0) {
        const authors = await this.upsertAuthors(tx, source.workspaceId, kept.map((k) => k.m));
        const authorIds = new Map([...authors].map(([ext, a]) => [ext, a.id]));
        const scores = this.scorer.scoreBatch(
          kept.map(({ m }) => ({
            text: m.text,
            context: {
              followers: m.author.followers,
              verified: m.author.verified,
              engagement: m.engagement,
              authorPostsLast24h: (authors.get(m.author.externalId)?.recent ?? 0) + 1,
            },
          })),
        );
        // Taken last before the insert: the workspace row stays locked until commit.
        const seqs = await takeChangeSeqs(tx, source.workspaceId, kept.length);
        const now = Date.now();
        const rows = kept.map(({ m, match }, i) => {
          const s = scores[i]!;
          return [
            seqs.first + i, new Date(now + slaMinutes(seqs.slaTargets, s.urgencyLevel) * 60_000),
            source.workspaceId, m.platform, pgSafeText(m.externalId), source.id, match.brandId, JSON.stringify(match.queryIds), pgSafeJson(match.topics),
            authorIds.get(m.author.externalId)!, pgSafeTextOrNull(m.url), pgSafeText(m.text), pgSafeTextOrNull(m.lang), m.createdAt, m.editedAt,
            pgSafeTextOrNull(m.thread.rootId), pgSafeTextOrNull(m.thread.parentId), pgSafeJson(m.engagement), pgSafeJson(m.replyTarget), pgSafeJson(m.raw ?? null),
            s.sentimentScore, s.sentimentLabel, s.sentimentConfidence, s.urgencyScore, s.urgencyLevel, JSON.stringify(s.urgencyReasons),
            s.intent, s.category, s.language, s.spam,
          ];
        });
        const types = ['bigint', 'timestamptz', 'uuid', 'text', 'text', 'uuid', 'uuid', 'jsonb', 'jsonb', 'uuid', 'text', 'text', 'text', 'timestamptz', 'timestamptz', 'text', 'text', 'jsonb', 'jsonb', 'jsonb', 'real', 'text', 'real', 'smallint', 'text', 'jsonb', 'text', 'text', 'text', 'boolean'];
        const v = unnestRows(rows, types);
        inserted = (await tx.query(
          `INSERT INTO mention (change_seq, sla_due_at, workspace_id, platform, external_id, source_id, brand_id, query_ids, topics, author_id, url, text, platform_lang, posted_at, edited_at,
               thread_root_id, parent_id, engagement, reply_target, raw, sentiment_score, sentiment_label, sentiment_confidence, urgency_score, urgency_level,
               urgency_reasons, intent, category, language, spam)
             ${v.sql}
             ON CONFLICT (workspace_id, platform, external_id) DO NOTHING
             RETURNING id, author_id`,
          v.params,
        )) as Array<{ id: string; author_id: string }>;
      }
      // The fence: the cursor moves only if our lease token is still the source's. If another
      // instance took the source meanwhile, everything above is rolled back.
      const fenced = await tx.queryRunner!.query(
        `UPDATE source SET cursor = $3::jsonb, updated_at = now(), leased_until = now() + make_interval(secs => $4) WHERE id = $1 AND lease_token = $2`,
        [source.id, source.leaseToken, JSON.stringify(page.nextCursor ?? null), LEASE_SECONDS],
        true,
      );
      if (fenced.affected !== 1) throw new LeaseLostError(source.id);
      return { fetched: page.mentions.length, matched: kept.length, inserted: inserted.length, insertedIds: inserted.map((r) => r.id) };
    });
    if (outcome.inserted > 0) this.events.emit('mentions.changed', { workspaceId: source.workspaceId, ids: outcome.insertedIds, kind: 'created' });
    return outcome;
  }

  /** Upserts the page's authors; returns each one's row id and posts in the last 24 h (before this page). */
  private async upsertAuthors(tx: EntityManager, workspaceId: string, mentions: Mention[]): Promise<Map<string, { id: string; recent: number }>> {
    const byId = new Map<string, Mention['author'] & { platform: string }>();
    for (const m of mentions) byId.set(m.author.externalId, { ...m.author, platform: m.platform });
    const rows = [...byId.values()].map((a) => [
      workspaceId, a.platform, pgSafeText(a.externalId), pgSafeText(a.handle.slice(0, 255)), pgSafeTextOrNull(a.displayName?.slice(0, 255) ?? null),
      a.followers, a.verified, a.bot, pgSafeTextOrNull(a.avatarUrl?.slice(0, 1000) ?? null),
    ]);
    const v = unnestRows(rows, ['uuid', 'text', 'text', 'text', 'text', 'int', 'boolean', 'boolean', 'text']);
    // Insert new authors; rewrite a known one only when their profile changed (no write per
    // page per author). The statement's snapshot does not see the rows its CTE inserts, so
    // new ones come from `ins` and known ones from the table.
    const out = (await tx.query(
      `WITH input AS (${v.sql} AS u(workspace_id, platform, external_id, handle, display_name, followers, verified, bot, avatar_url)),
       ins AS (
         INSERT INTO author (workspace_id, platform, external_id, handle, display_name, followers, verified, bot, avatar_url)
         SELECT * FROM input
         ON CONFLICT (workspace_id, platform, external_id) DO UPDATE SET
           handle = EXCLUDED.handle, display_name = EXCLUDED.display_name, followers = COALESCE(EXCLUDED.followers, author.followers),
           verified = EXCLUDED.verified, bot = EXCLUDED.bot, avatar_url = EXCLUDED.avatar_url
         WHERE (author.handle, author.display_name, author.followers, author.verified, author.bot, author.avatar_url)
           IS DISTINCT FROM (EXCLUDED.handle, EXCLUDED.display_name, COALESCE(EXCLUDED.followers, author.followers), EXCLUDED.verified, EXCLUDED.bot, EXCLUDED.avatar_url)
         RETURNING id, external_id),
       ids AS (
         SELECT id, external_id FROM ins
         UNION
         SELECT a.id, a.external_id FROM author a JOIN input i USING (workspace_id, platform, external_id))
       SELECT ids.id, ids.external_id,
         (SELECT count(*)::int FROM mention m WHERE m.author_id = ids.id AND m.posted_at > now() - interval '24 hours') AS recent
       FROM ids`,
      v.params,
    )) as Array<{ id: string; external_id: string; recent: number }>;
    // Keyed by the connector's id; the stored id may differ only where it held unsafe characters.
    const stored = new Map(out.map((r) => [r.external_id, { id: r.id, recent: Number(r.recent) }]));
    return new Map([...byId.keys()].map((id) => [id, stored.get(pgSafeText(id))!]));
  }
}

/** The same post can appear twice in one page (platform duplicates across pages): keep one. */
function dedupe(mentions: Mention[]): Mention[] {
  const seen = new Map<string, Mention>();
  for (const m of mentions) if (!seen.has(m.externalId)) seen.set(m.externalId, m);
  return [...seen.values()];
}
