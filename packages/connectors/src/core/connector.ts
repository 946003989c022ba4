/**
 * The one connector contract. Every platform adapter implements `Connector`; the api's
 * poller and reply outbox use nothing else. No framework imports here (scope:shared).
 * Shapes follow shared/connectors.md §1.
 */

import type { Platform } from '@earshot/contracts';

// The platform list lives in the one platform table (@earshot/contracts); re-exported for the connectors' callers.
export { PLATFORMS, type Platform } from '@earshot/contracts';

/** Everything `reply()` needs, captured at ingest time. */
export type ReplyTarget =
  | { platform: 'mastodon'; statusId: string; acct: string; visibility: string }
  | { platform: 'bluesky'; uri: string; cid: string; rootUri: string; rootCid: string; did: string; handle: string }
  | { platform: 'reddit'; fullname: string }
  | { platform: 'x'; tweetId: string; username: string }
  | { platform: 'rss'; link: string };

export interface MentionAuthor {
  externalId: string;
  handle: string;
  displayName: string | null;
  followers: number | null;
  avatarUrl: string | null;
  verified: boolean;
  bot: boolean;
}

export interface Engagement {
  replies: number | null;
  reposts: number | null;
  likes: number | null;
}

/** One platform post, normalised. Dedupe key: (workspace, platform, externalId). */
export interface Mention {
  platform: Platform;
  /** Mastodon status id | at:// URI | Reddit fullname | tweet id | feed item guid. Opaque string. */
  externalId: string;
  /** Which source/query found it (not part of the dedupe key). */
  sourceKey: string;
  /** Only http(s) URLs; null otherwise. */
  url: string | null;
  author: MentionAuthor;
  /** Plain text: platform HTML stripped, entities decoded. Still attacker-controlled. */
  text: string;
  /** ISO 639-1 when the platform says; null otherwise. */
  lang: string | null;
  /** ISO-8601. */
  createdAt: string;
  editedAt: string | null;
  thread: { rootId: string | null; parentId: string | null };
  engagement: Engagement;
  replyTarget: ReplyTarget;
  /** The platform's own object, kept for re-normalisation. */
  raw: unknown;
}

export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  resetAt: Date | null;
  retryAfterMs: number | null;
  bucket: string;
}

/** One page of a poll. `more` = call again now; the caller stores `nextCursor` with the rows. */
export interface PollResult<C> {
  mentions: Mention[];
  nextCursor: C;
  more: boolean;
  rateLimit: RateLimitInfo | null;
  /**
   * Set when the platform could not serve everything since the stored mark (e.g. X `since_id`
   * older than 7 days): the poll continues from `since` and the UI should show a gap.
   * Added after the first contract; optional, so older callers can ignore it.
   */
  gap?: { reason: string; since: string | null };
}

export interface SourceConfig {
  /** Stable key of this source, e.g. `mastodon:notifications` or `reddit:search:acme`. */
  sourceKey: string;
  /** The platform's API root (the simulator's on loopback in tests and demos). */
  baseUrl: string;
  /** Decrypted credentials; never logged. */
  credentials: Record<string, string>;
  /** What to read: `notifications`, `search`, `hashtag`, `subreddit`, `feed`… and its argument. */
  stream: { kind: string; query?: string };
  /** Page size to ask for (the connector caps it at the platform's maximum). */
  pageSize?: number;
  /**
   * First poll only (cursor null): how many pages *older* than the newest page to read before
   * switching to forward polling. Default 0 = newest page only.
   */
  backfillPages?: number;
  /** OAuth token endpoint when it is not derivable from `baseUrl` (Reddit). */
  tokenUrl?: string;
}

export interface ReplyResult {
  externalId: string;
  url: string | null;
}

/** How far findExistingReply looks back through the account's own posts. */
export interface FindReplyOptions {
  /**
   * Nothing posted before this instant can be the reply: the reply's first attempt minus a
   * clock-skew margin. Paging stops once the account's posts are older than this, however many
   * newer posts the brand made since. Without it the lookup reads back to the page cap.
   */
  since?: Date;
  /** Pages (of 100 posts) to read at most before giving up with ReplyLookupIncompleteError. */
  maxPages?: number;
}

/** Default page cap of findExistingReply: 1,000 posts, about as deep as Reddit's listings go. */
export const FIND_REPLY_MAX_PAGES = 10;

export interface Connector<C = unknown> {
  readonly platform: Platform;
  poll(source: SourceConfig, cursor: C | null, signal: AbortSignal): Promise<PollResult<C>>;
  reply(source: SourceConfig, target: ReplyTarget, text: string, o: { idempotencyKey: string; signal: AbortSignal }): Promise<ReplyResult>;
  /**
   * Reconciliation before a resend where the platform has no idempotency key (connectors.md §8.4):
   * the reply under `target` with `text` posted by the source's account, or null when the account's
   * posts since `o.since` (all it lists, without one) prove it absent. Throws
   * ReplyLookupIncompleteError when it read `o.maxPages` pages without reaching `o.since`.
   */
  findExistingReply?(source: SourceConfig, target: ReplyTarget, text: string, signal: AbortSignal, o?: FindReplyOptions): Promise<ReplyResult | null>;
  /**
   * A public post of the source's account that answers nothing (an incident's status update), with
   * the platform's exactly-once tool where it has one: Mastodon's Idempotency-Key, Bluesky's record
   * key. Absent: the platform cannot post from Earshot (Reddit needs a subreddit to submit to; feeds
   * are read only).
   */
  post?(source: SourceConfig, text: string, o: { idempotencyKey: string; signal: AbortSignal }): Promise<ReplyResult>;
  /**
   * Reconciliation of a post where the platform has no idempotency key (X): the account's own post
   * with `text` that answers nothing, since `o.since`, or null when its posts since then prove it
   * absent. Throws ReplyLookupIncompleteError like findExistingReply.
   */
  findExistingPost?(source: SourceConfig, text: string, signal: AbortSignal, o?: FindReplyOptions): Promise<ReplyResult | null>;
  replyLimit(): { max: number; unit: 'chars' | 'graphemes' | 'weighted' };
}

/**
 * Classified failures:
 * - `retry`: 5xx, malformed body, a platform hiccup — try again with backoff;
 * - `rate_limited`: 429 or quota — wait until `retryAt` (from the platform's headers);
 * - `auth_expired`: 401/expired token — stop polling, ask an admin to reconnect;
 * - `disconnect`: connection refused/reset, DNS, timeout — try again with backoff;
 * - `bad_request`: 4xx the caller caused (bad query, 404 target, validation) — do not retry as is.
 */
export type ConnectorFailure = 'retry' | 'rate_limited' | 'auth_expired' | 'disconnect' | 'bad_request';

export class ConnectorError extends Error {
  constructor(
    readonly failure: ConnectorFailure,
    message: string,
    readonly options: { status?: number; retryAt?: Date; platform?: Platform; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectorError';
  }
  get status(): number | undefined {
    return this.options.status;
  }
  get retryAt(): Date | undefined {
    return this.options.retryAt;
  }
}

/**
 * findExistingReply read its page cap of the account's posts without reaching the reply's first
 * attempt: neither found nor proven absent. A resend could post twice, so the caller must not
 * send; a person checks the thread. `bad_request`: asking again reads the same pages.
 */
export class ReplyLookupIncompleteError extends ConnectorError {
  constructor(
    platform: Platform,
    readonly pagesRead: number,
    readonly postsRead: number,
  ) {
    super('bad_request', `${platform}: the reply was not among the account's newest ${postsRead} posts (${pagesRead} pages) and older ones were not read`, {
      platform,
    });
    this.name = 'ReplyLookupIncompleteError';
  }
}

/**
 * The platform refused the text because the account already posted it (X's 403 "duplicate
 * content"). On a resend of a reply whose earlier attempt may have landed, this means it did:
 * reconcile and record it, never send again. On a first send it is another post with the same text.
 */
export class DuplicateContentError extends ConnectorError {
  constructor(platform: Platform, status: number, cause?: unknown) {
    super('bad_request', `${platform} ${status}: the account already posted this exact text`, { platform, status, cause });
    this.name = 'DuplicateContentError';
  }
}
