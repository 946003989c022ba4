import { createHash } from 'node:crypto';
import {
  ConnectorError,
  FIND_REPLY_MAX_PAGES,
  ReplyLookupIncompleteError,
  type Connector,
  type FindReplyOptions,
  type Mention,
  type PollResult,
  type ReplyResult,
  type ReplyTarget,
  type SourceConfig,
} from '../core/connector.js';
import { HttpClient, tokenLike, type HttpResponse } from '../core/http-client.js';
import { arr, isObject, malformed, numOrNull, obj, str } from '../core/json.js';
import { DEFAULT_USER_AGENT, type ConnectorOptions } from '../core/options.js';
import { assertHttpBaseUrl, buildUrl } from '../core/safe-url.js';
import { isRedditTombstone, normalizeRedditThing } from './normalize.js';
import { REPLY_LIMITS, type ReplyLimit } from '../core/reply-length.js';

/**
 * Reddit cursor (connectors.md §4, §8.1). Never resume with `before=` (breaks when that item is
 * removed): each run reads the newest page and follows `after` back until `created_utc` passes
 * `highWaterUtc - overlap`. `highWaterUtc` (epoch seconds) only moves when a run completes;
 * `run` is the mid-run state. `highWaterUtc: 0` = read everything the listing still has.
 */
export interface RedditCursor {
  highWaterUtc: number | null;
  run?: { after: string; newestUtc: number | null; pagesLeft?: number };
}

interface Token {
  value: string;
  expiresAt: number;
}

const DEFAULT_OVERLAP_MS = 5 * 60_000;
/** How deep Reddit serves a listing (about 1,000 items, connectors.md §4): older items are not listed at all. */
const REDDIT_LISTING_DEPTH = 1000;

export class RedditConnector implements Connector<RedditCursor> {
  readonly platform = 'reddit' as const;
  private readonly http: HttpClient;
  private readonly overlapMs: number;
  private readonly now: () => number;
  private readonly tokens = new Map<string, Token>();
  /** The account each set of credentials acts as, from `/api/v1/me` (by source and credentials: new credentials are asked again). */
  private readonly accounts = new Map<string, string>();

  constructor(options: ConnectorOptions = {}) {
    this.http = new HttpClient({ userAgent: DEFAULT_USER_AGENT, ...options });
    this.overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MS;
    this.now = options.now ?? Date.now;
  }

  replyLimit(): ReplyLimit {
    return REPLY_LIMITS.reddit;
  }

  async poll(source: SourceConfig, cursor: RedditCursor | null, signal: AbortSignal): Promise<PollResult<RedditCursor>> {
    const limit = Math.max(1, Math.min(source.pageSize ?? 100, 100));
    const { path, params, keyword } = this.streamRequest(source);
    const after = cursor?.run?.after;
    const res = await this.api(source, 'GET', path, { ...params, limit, raw_json: 1, ...(after ? { after } : {}) }, signal);
    const listing = obj(res.data);
    const data = obj(listing['data']);
    if (listing['kind'] !== 'Listing' || !Array.isArray(data['children'])) malformed('reddit', 'expected a Listing');
    const things = data['children'].filter(isObject);
    const created = things.map((t) => numOrNull(obj(t['data'])['created_utc'])).filter((n): n is number => n !== null);
    const mentions = things
      .filter((t) => !isRedditTombstone(obj(t['data'])))
      .map((t) => normalizeRedditThing(t, source.sourceKey))
      .filter((m): m is Mention => m !== null && (!keyword || m.text.toLowerCase().includes(keyword)));

    const highWater = cursor?.highWaterUtc ?? null;
    const markUtc = highWater === null ? null : highWater - this.overlapMs / 1000;
    const newest = Math.max(cursor?.run?.newestUtc ?? -Infinity, ...created);
    const newestUtc = Number.isFinite(newest) ? newest : null;
    const reachedMark = markUtc !== null && created.length > 0 && Math.min(...created) < markUtc;
    const nextAfter = str(data['after']);
    const runAfter = nextAfter && things.length > 0 && !reachedMark ? nextAfter : null;
    const rateLimit = res.rateLimit;

    if (highWater === null) {
      const pagesLeft = cursor?.run?.pagesLeft ?? source.backfillPages ?? 0;
      if (runAfter && pagesLeft > 0)
        return { mentions, nextCursor: { highWaterUtc: null, run: { after: runAfter, newestUtc, pagesLeft: pagesLeft - 1 } }, more: true, rateLimit };
      return { mentions, nextCursor: { highWaterUtc: newestUtc ?? 0 }, more: false, rateLimit };
    }
    if (runAfter) return { mentions, nextCursor: { highWaterUtc: highWater, run: { after: runAfter, newestUtc } }, more: true, rateLimit };
    return { mentions, nextCursor: { highWaterUtc: Math.max(highWater, newestUtc ?? highWater) }, more: false, rateLimit };
  }

  async reply(source: SourceConfig, target: ReplyTarget, text: string, o: { idempotencyKey: string; signal: AbortSignal }): Promise<ReplyResult> {
    if (target.platform !== 'reddit') throw new ConnectorError('bad_request', `reddit cannot reply to a ${target.platform} target`, { platform: 'reddit' });
    // Reddit has no idempotency key: the outbox must call findExistingReply() before any resend.
    const res = await this.api(source, 'POST', '/api/comment', {}, o.signal, { thing_id: target.fullname, text, api_type: 'json' });
    const json = obj(obj(res.data)['json']);
    const errors = arr(json['errors']);
    if (errors.length) throw redditApiError(errors, this.now());
    const thing = obj(arr(obj(json['data'])['things'])[0]);
    const m = normalizeRedditThing(thing, '');
    const name = str(obj(thing['data'])['name']);
    if (!name) malformed('reddit', 'comment without name');
    return { externalId: name, url: m?.url ?? null };
  }

  /**
   * Pages back through the account's comments (`/user/<me>/comments?sort=new`, 100 a page,
   * `after` = the previous page's `data.after`) for one under `target` with the same body, until
   * they are older than `o.since`, however many newer comments the brand made since. Null = the
   * comments since `o.since` (or the whole listing) do not hold it.
   */
  async findExistingReply(source: SourceConfig, target: ReplyTarget, text: string, signal: AbortSignal, o: FindReplyOptions = {}): Promise<ReplyResult | null> {
    if (target.platform !== 'reddit') return null;
    // Never `credentials.username`: a refresh-token source has none, and a wrong or differently cased one
    // would list someone else's comments, miss the reply that landed, and let the outbox post it twice.
    const username = await this.accountName(source, signal);
    const maxPages = Math.max(1, o.maxPages ?? FIND_REPLY_MAX_PAGES);
    const sinceUtc = o.since ? o.since.getTime() / 1000 : null;
    const want = text.trim();
    let after: string | null = null;
    let posts = 0;
    for (let page = 1; ; page++) {
      const query: Record<string, string | number> = { limit: 100, sort: 'new', raw_json: 1, ...(after ? { after } : {}) };
      const res = await this.api(source, 'GET', `/user/${encodeURIComponent(username)}/comments`, query, signal);
      const listing = obj(res.data);
      const data = obj(listing['data']);
      // Anything but a Listing (an empty `{}`, an HTML bot check) proves nothing: malformed (retried), never "absent".
      if (listing['kind'] !== 'Listing' || !Array.isArray(data['children'])) malformed('reddit', 'user comments: expected a Listing');
      const children: unknown[] = data['children'];
      posts += children.length;
      let oldest = Infinity;
      for (const c of children) {
        const d = obj(obj(c)['data']);
        oldest = Math.min(oldest, numOrNull(d['created_utc']) ?? Infinity);
        if (str(d['parent_id']) === target.fullname && (str(d['body']) ?? '').trim() === want) {
          const m = normalizeRedditThing(obj(c), '');
          const name = str(d['name']);
          if (name) return { externalId: name, url: m?.url ?? null };
        }
      }
      // The comments are newest first: once they are older than the first attempt, the reply cannot come later.
      if (sinceUtc !== null && oldest < sinceUtc) return null;
      after = str(data['after']);
      if (!after || children.length === 0) {
        // Reddit's listings end at about 1,000 items whatever is older: an end reached that deep proves nothing.
        if (posts >= REDDIT_LISTING_DEPTH) throw new ReplyLookupIncompleteError('reddit', page, posts);
        return null;
      }
      if (page >= maxPages) throw new ReplyLookupIncompleteError('reddit', page, posts);
    }
  }

  /** The name of the account these credentials post as, as Reddit reports it (`GET /api/v1/me`, the `identity` scope); cached. */
  async accountName(source: SourceConfig, signal: AbortSignal): Promise<string> {
    const key = `${source.sourceKey}|${source.baseUrl}|${createHash('sha256')
      .update(JSON.stringify(Object.entries(source.credentials).sort()))
      .digest('base64url')}`;
    const cached = this.accounts.get(key);
    if (cached) return cached;
    const me = await this.api(source, 'GET', '/api/v1/me', { raw_json: 1 }, signal);
    const name = str(obj(me.data)['name']);
    // Reddit usernames: 3-20 of letters, digits, _ and - (older accounts may be shorter); anything else is not an answer we trust.
    if (!name || !/^[A-Za-z0-9_-]{1,32}$/.test(name)) malformed('reddit', '/api/v1/me without a valid account name');
    if (this.accounts.size >= 1000) this.accounts.clear();
    this.accounts.set(key, name);
    return name;
  }

  private streamRequest(source: SourceConfig): { path: string; params: Record<string, string>; keyword: string | null } {
    const query = source.stream.query?.trim() ?? '';
    if (!query) throw new ConnectorError('bad_request', `reddit ${source.stream.kind} needs a query`, { platform: 'reddit' });
    if (source.stream.kind === 'search') return { path: '/search', params: { q: query, sort: 'new', type: 'link', t: 'all' }, keyword: null };
    if (source.stream.kind === 'subreddit') {
      // "gadgets" (every new comment) or "gadgets:acme" (new comments containing "acme").
      const [sub = '', ...rest] = query.replace(/^\/?r\//i, '').split(':');
      if (!/^[A-Za-z0-9_]{2,21}$/.test(sub)) throw new ConnectorError('bad_request', `reddit: invalid subreddit "${sub}"`, { platform: 'reddit' });
      const keyword = rest.join(':').trim().toLowerCase();
      return { path: `/r/${sub}/comments`, params: {}, keyword: keyword || null };
    }
    throw new ConnectorError('bad_request', `reddit does not support stream "${source.stream.kind}"`, { platform: 'reddit' });
  }

  private userAgent(source: SourceConfig): string {
    const c = source.credentials;
    return c['userAgent'] || (c['username'] ? `web:earshot:0.1.0 (by /u/${c['username']})` : DEFAULT_USER_AGENT);
  }

  private async api(
    source: SourceConfig,
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string | number>,
    signal: AbortSignal,
    form?: Record<string, string>,
  ): Promise<HttpResponse<unknown>> {
    const url = buildUrl(assertHttpBaseUrl(source.baseUrl, 'reddit'), path, query);
    const send = async (token: string) =>
      this.http.json({
        platform: 'reddit',
        method,
        url,
        headers: { authorization: `Bearer ${token}`, 'user-agent': this.userAgent(source) },
        body: form ? { form } : undefined,
        signal,
      });
    const token = await this.token(source, signal, false);
    try {
      return await send(token);
    } catch (err) {
      if (!(err instanceof ConnectorError) || err.failure !== 'auth_expired' || !canRefresh(source)) throw err;
      return send(await this.token(source, signal, true));
    }
  }

  private tokenKey(source: SourceConfig): string {
    return `${source.baseUrl}|${source.credentials['clientId'] ?? ''}|${source.credentials['username'] ?? ''}`;
  }

  private async token(source: SourceConfig, signal: AbortSignal, force: boolean): Promise<string> {
    const c = source.credentials;
    if (!canRefresh(source)) {
      if (c['accessToken']) return c['accessToken'];
      throw new ConnectorError('auth_expired', 'reddit: missing credentials (clientId/clientSecret or accessToken)', { platform: 'reddit' });
    }
    const key = this.tokenKey(source);
    const cached = this.tokens.get(key);
    if (!force && cached && cached.expiresAt > this.now()) return cached.value;
    if (!force && !cached && c['accessToken']) return c['accessToken'];
    const form: Record<string, string> = c['refreshToken']
      ? { grant_type: 'refresh_token', refresh_token: c['refreshToken'] }
      : c['username'] && c['password']
        ? { grant_type: 'password', username: c['username'], password: c['password'] }
        : { grant_type: 'client_credentials' };
    const basic = Buffer.from(`${c['clientId']}:${c['clientSecret'] ?? ''}`).toString('base64');
    const res = await this.http.json({
      platform: 'reddit',
      method: 'POST',
      url: tokenUrl(source),
      headers: { authorization: `Basic ${basic}`, 'user-agent': this.userAgent(source) },
      body: { form },
      signal,
      bucket: 'reddit:token',
    });
    const d = obj(res.data);
    const value = str(d['access_token']);
    // A 200 with {"error": "invalid_grant"} is how Reddit refuses a bad password or refresh token.
    if (!value) throw new ConnectorError('auth_expired', `reddit: token refused (${str(d['error']) ?? 'no access_token'})`, { platform: 'reddit' });
    const expiresIn = numOrNull(d['expires_in']) ?? 3600;
    // Refresh proactively at 80 % of the lifetime.
    this.tokens.set(key, { value, expiresAt: this.now() + expiresIn * 800 });
    return value;
  }
}

function canRefresh(source: SourceConfig): boolean {
  return Boolean(source.credentials['clientId']);
}

/** `https://oauth.reddit.com` → `https://www.reddit.com/api/v1/access_token`; anything else → `${baseUrl}/api/v1/access_token`. */
export function redditTokenUrl(source: SourceConfig): string {
  return tokenUrl(source);
}

function tokenUrl(source: SourceConfig): string {
  if (source.tokenUrl) return assertHttpBaseUrl(source.tokenUrl, 'reddit');
  const root = assertHttpBaseUrl(source.baseUrl, 'reddit');
  if (new URL(root).hostname === 'oauth.reddit.com') return 'https://www.reddit.com/api/v1/access_token';
  return `${root}/api/v1/access_token`;
}

/**
 * `json.errors` inside a 200: `[["RATELIMIT", "…take a break for 5 seconds…", "ratelimit"]]`.
 * The message is remote text: only the wait is read from it (a bounded digit run, linear on any
 * input), and the error says the code (when token-like) and our words.
 */
export function redditApiError(errors: unknown[], now: number): ConnectorError {
  const first = arr(errors[0]);
  const code = tokenLike(str(first[0])) ?? 'UNKNOWN';
  const message = str(first[1]) ?? '';
  if (code === 'RATELIMIT') {
    const m = /(\d{1,9})\s{0,8}(second|minute|hour)/i.exec(message.slice(0, 1000));
    const unit = m?.[2]?.toLowerCase();
    const ms = m ? Number(m[1]) * (unit === 'hour' ? 3_600_000 : unit === 'minute' ? 60_000 : 1000) : 60_000;
    return new ConnectorError('rate_limited', `reddit RATELIMIT: try again in ${Math.ceil(ms / 1000)} s`, {
      platform: 'reddit',
      status: 200,
      retryAt: new Date(now + ms),
    });
  }
  if (code === 'USER_REQUIRED')
    return new ConnectorError('auth_expired', `reddit ${code}: the account must sign in again`, { platform: 'reddit', status: 200 });
  return new ConnectorError('bad_request', `reddit ${code}: request rejected`, { platform: 'reddit', status: 200 });
}

export function createRedditConnector(options: ConnectorOptions = {}): RedditConnector {
  return new RedditConnector(options);
}
