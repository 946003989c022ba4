import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Mention, PollResult } from '@earshot/connectors';
import { QueryMatcherService, type QueryMatch } from '../listening-queries/query-matcher.service.js';
import { DEFAULT_SLA_TARGETS } from '@earshot/contracts';
import { pgSafeText } from '../../common/db/pg-safe-text.util.js';
import { MentionWriteRepository, type PageAuthor, type PageRow } from '../mentions/mention-write.repository.js';
import { LeaseLostError } from './lease-lost.error.js';
import { MENTION_SCORER, type MentionScorer } from './scoring/mention-scorer.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import { ReplyReadsRepository } from '../replies/reply-reads.repository.js';

/** How long a workspace's own brand handles are cached (a handle added in Settings applies to pages after this). */
const OWN_HANDLES_TTL_MS = 10_000;

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

type Author = PageAuthor;

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
    private readonly mentions: MentionWriteRepository,
    private readonly matcher: QueryMatcherService,
    @Inject(MENTION_SCORER) private readonly scorer: MentionScorer,
    private readonly events: DomainEvents,
    private readonly replies: ReplyReadsRepository,
  ) {}

  private readonly handleCache = new Map<string, { handles: Set<string>; until: number }>();

  async storePage(source: LeasedSource, page: PollResult<unknown>): Promise<PageOutcome> {
    const unique = await this.withoutOwnReplies(source, dedupe(page.mentions.map(storable)));
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
      const fenced = await this.mentions.writeCursor({ sourceId: source.id, leaseToken: source.leaseToken, cursor, leaseSeconds: LEASE_SECONDS });
      if (!fenced) throw new LeaseLostError(source.id);
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
      source.workspaceId,
    );
    const rows: PageRow[] = kept.map(({ m, match }, i) => ({ m, match, s: scores[i]! }));
    const out = await this.mentions.writePage(
      { workspaceId: source.workspaceId, sourceId: source.id, leaseToken: source.leaseToken, cursor, leaseSeconds: LEASE_SECONDS },
      [...authors.values()],
      rows,
      JSON.stringify(DEFAULT_SLA_TARGETS),
    );
    if (!out.fenced) throw new LeaseLostError(source.id);
    const insertedIds = out.ids;
    // After commit (the statement was its own transaction): the realtime publisher reads them back.
    if (insertedIds.length > 0) this.events.emit('mentions.changed', { workspaceId: source.workspaceId, ids: insertedIds, kind: 'created' });
    return { fetched: page.mentions.length, matched: kept.length, inserted: insertedIds.length, insertedIds };
  }

  /**
   * Drops our own replies coming back through polling (they are the reply's post, not a new
   * mention): posts by one of the workspace's own brand handles that Earshot posted (see
   * ReplyReadsRepository.ownRepliesAmong). The handles are cached briefly: almost every page
   * has no post by the brand, and then it costs no query.
   */
  private async withoutOwnReplies(source: LeasedSource, mentions: Mention[]): Promise<Mention[]> {
    const handles = await this.ownHandles(source.workspaceId);
    if (handles.size === 0) return mentions;
    const byUs = mentions.filter((m) => handles.has(m.author.handle.trim().toLowerCase().replace(/^@/, '')));
    if (byUs.length === 0) return mentions;
    const own = await this.replies.ownRepliesAmong(
      source.workspaceId,
      source.platform,
      byUs.map((m) => ({ externalId: m.externalId, parentId: m.thread.parentId })),
    );
    if (own.length === 0) return mentions;
    const skip = new Set(own.map((o) => o.externalId));
    return mentions.filter((m) => !skip.has(m.externalId));
  }

  private async ownHandles(workspaceId: string): Promise<Set<string>> {
    const hit = this.handleCache.get(workspaceId);
    if (hit && hit.until > Date.now()) return hit.handles;
    const handles = new Set(await this.replies.ownHandles(workspaceId));
    this.handleCache.set(workspaceId, { handles, until: Date.now() + OWN_HANDLES_TTL_MS });
    return handles;
  }

  /** Each known author's posts in this workspace in the last 24 h (before this page), by authorKey; unknown authors are absent. */
  private async recentPosts(workspaceId: string, authors: Array<{ platform: string; externalId: string }>): Promise<Map<string, number>> {
    const rows = await this.mentions.recentPosts(workspaceId, authors);
    return new Map(rows.map((r) => [authorKey(r.platform, r.externalId), r.recent]));
  }
}

const authorKey = (platform: string, externalId: string): string => `${platform}\u0001${externalId}`;

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
  if (
    fit(m.externalId) &&
    fit(m.author.externalId) &&
    fit(m.thread.rootId) &&
    fit(m.thread.parentId) &&
    (m.lang === null || m.lang.length <= 16) &&
    (m.url === null || m.url.length <= 2000)
  )
    return m;
  return {
    ...m,
    externalId: storableId(m.externalId),
    url: m.url !== null && m.url.length <= 2000 ? m.url : null,
    lang: m.lang !== null && m.lang.length <= 16 ? m.lang : null,
    author: { ...m.author, externalId: storableId(m.author.externalId) },
    thread: {
      rootId: m.thread.rootId === null ? null : storableId(m.thread.rootId),
      parentId: m.thread.parentId === null ? null : storableId(m.thread.parentId),
    },
  };
}

/** The same post can appear twice in one page (platform duplicates across pages): keep one. */
function dedupe(mentions: Mention[]): Mention[] {
  const seen = new Map<string, Mention>();
  for (const m of mentions) if (!seen.has(m.externalId)) seen.set(m.externalId, m);
  return [...seen.values()];
}
