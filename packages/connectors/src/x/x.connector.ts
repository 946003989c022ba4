import {
  ConnectorError,
  DuplicateContentError,
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
import { ConnectorHttpError, HttpClient, type HttpResponse } from '../core/http-client.js';
import { maxNumericId } from '../core/ids.js';
import { arr, idStr, isObject, malformed, obj, str } from '../core/json.js';
import { DEFAULT_USER_AGENT, type ConnectorOptions } from '../core/options.js';
import { assertHttpBaseUrl, buildUrl } from '../core/safe-url.js';
import { decodeEntities } from '../core/strip-html.js';
import { normalizeXTweet, xUsersById } from './normalize.js';
import { REPLY_LIMITS, type ReplyLimit } from '../core/reply-length.js';

/**
 * X cursor (connectors.md §5, §8.1). `since_id` stays fixed while a run follows `next_token`;
 * only when the run ends does `sinceId` become the newest id seen in the run. `sinceId: null` =
 * nothing seen yet: read the whole 7-day window. `startTime` replaces a `since_id` that fell out
 * of the 7-day window (the poll then reports a `gap`).
 */
export interface XCursor {
  sinceId: string | null;
  startTime?: string;
  run?: { nextToken: string; newestId: string | null; pagesLeft?: number };
}

const TWEET_FIELDS = 'created_at,author_id,conversation_id,in_reply_to_user_id,lang,referenced_tweets,public_metrics,edit_history_tweet_ids';
const USER_FIELDS = 'username,name,public_metrics,profile_image_url,verified';
const SEVEN_DAYS_MS = 7 * 24 * 3_600_000;

export class XConnector implements Connector<XCursor> {
  readonly platform = 'x' as const;
  private readonly http: HttpClient;
  private readonly now: () => number;
  private readonly me = new Map<string, string>();

  constructor(options: ConnectorOptions = {}) {
    this.http = new HttpClient({ userAgent: DEFAULT_USER_AGENT, ...options });
    this.now = options.now ?? Date.now;
  }

  replyLimit(): ReplyLimit {
    return REPLY_LIMITS.x;
  }

  async poll(source: SourceConfig, cursor: XCursor | null, signal: AbortSignal): Promise<PollResult<XCursor>> {
    try {
      return await this.pollOnce(source, cursor, signal);
    } catch (err) {
      // A since_id older than the 7-day window is a 400: restart from the window's edge and report the gap.
      if (cursor?.sinceId && err instanceof ConnectorHttpError && err.status === 400 && /since_id/i.test(err.body)) {
        const startTime = new Date(this.now() - SEVEN_DAYS_MS + 60_000).toISOString();
        const result = await this.pollOnce(source, { sinceId: null, startTime }, signal);
        return { ...result, gap: { reason: 'since_id is older than the 7-day search window', since: cursor.sinceId } };
      }
      throw err;
    }
  }

  private async pollOnce(source: SourceConfig, cursor: XCursor | null, signal: AbortSignal): Promise<PollResult<XCursor>> {
    const limit = Math.max(10, Math.min(source.pageSize ?? 100, 100));
    const params: Record<string, string | number> = { max_results: limit, 'tweet.fields': TWEET_FIELDS, expansions: 'author_id', 'user.fields': USER_FIELDS };
    let path: string;
    let tokenParam: string;
    if (source.stream.kind === 'search') {
      const query = source.stream.query?.trim() ?? '';
      if (!query) throw new ConnectorError('bad_request', 'x search needs a query', { platform: 'x' });
      path = '/2/tweets/search/recent';
      params['query'] = query;
      tokenParam = 'next_token';
    } else if (source.stream.kind === 'mentions') {
      const userId = source.stream.query?.trim() || source.credentials['userId'] || (await this.userId(source, signal));
      path = `/2/users/${encodeURIComponent(userId)}/mentions`;
      tokenParam = 'pagination_token';
    } else {
      throw new ConnectorError('bad_request', `x does not support stream "${source.stream.kind}"`, { platform: 'x' });
    }
    if (cursor?.sinceId) params['since_id'] = cursor.sinceId;
    else if (cursor?.startTime) {
      // start_time may not be older than the 7-day window either.
      const edge = this.now() - SEVEN_DAYS_MS + 60_000;
      params['start_time'] = new Date(Math.max(Date.parse(cursor.startTime) || edge, edge)).toISOString();
    }
    if (cursor?.run) params[tokenParam] = cursor.run.nextToken;

    const res = await this.get(source, path, params, signal, false);
    if (!isObject(res.data) || !isObject(res.data['meta'])) malformed('x', 'response without meta');
    const body = res.data;
    const meta = obj(body['meta']);
    const tweets = arr(body['data']).filter(isObject);
    const users = xUsersById(body['includes']);
    const mentions = tweets.map((t) => normalizeXTweet(t, users, source.sourceKey)).filter((m): m is Mention => m !== null);
    const ids = tweets.map((t) => idStr(t['id'])).filter((id): id is string => id !== null);
    const newestId = maxNumericId([...ids, ...(idStr(meta['newest_id']) ? [idStr(meta['newest_id']) as string] : [])], cursor?.run?.newestId ?? null);
    const nextToken = str(meta['next_token']);
    const runToken = nextToken && tweets.length > 0 ? nextToken : null;
    const rateLimit = res.rateLimit;

    if (cursor === null) {
      const pagesLeft = source.backfillPages ?? 0;
      if (runToken && pagesLeft > 0)
        return { mentions, nextCursor: { sinceId: null, run: { nextToken: runToken, newestId, pagesLeft: pagesLeft - 1 } }, more: true, rateLimit };
      // Nothing seen yet: `{sinceId: null}` makes the next poll read the whole 7-day window.
      return { mentions, nextCursor: { sinceId: newestId }, more: false, rateLimit };
    }
    const pagesLeft = cursor.run?.pagesLeft;
    const continueRun = runToken && (pagesLeft === undefined || pagesLeft > 0);
    if (continueRun) {
      const run: XCursor['run'] = { nextToken: runToken, newestId, ...(pagesLeft !== undefined ? { pagesLeft: pagesLeft - 1 } : {}) };
      return { mentions, nextCursor: { ...cursor, run }, more: true, rateLimit };
    }
    if (newestId) return { mentions, nextCursor: { sinceId: newestId }, more: false, rateLimit };
    return { mentions, nextCursor: { sinceId: cursor.sinceId, ...(cursor.startTime ? { startTime: cursor.startTime } : {}) }, more: false, rateLimit };
  }

  async reply(source: SourceConfig, target: ReplyTarget, text: string, o: { idempotencyKey: string; signal: AbortSignal }): Promise<ReplyResult> {
    if (target.platform !== 'x') throw new ConnectorError('bad_request', `x cannot reply to a ${target.platform} target`, { platform: 'x' });
    // X has no idempotency key: the outbox must call findExistingReply() before any resend.
    return this.tweet(source, { text, reply: { in_reply_to_tweet_id: target.tweetId } }, o.signal);
  }

  /** A tweet that answers nothing (a status update); the outbox calls findExistingPost() before any resend. */
  async post(source: SourceConfig, text: string, o: { idempotencyKey: string; signal: AbortSignal }): Promise<ReplyResult> {
    return this.tweet(source, { text }, o.signal);
  }

  private async tweet(source: SourceConfig, json: { text: string; reply?: { in_reply_to_tweet_id: string } }, signal: AbortSignal): Promise<ReplyResult> {
    try {
      const res = await this.http.json({
        platform: 'x',
        method: 'POST',
        url: buildUrl(assertHttpBaseUrl(source.baseUrl, 'x'), '/2/tweets'),
        headers: { authorization: `Bearer ${this.userToken(source)}` },
        body: { json },
        signal,
      });
      const id = idStr(obj(obj(res.data)['data'])['id']);
      if (!id) malformed('x', 'POST /2/tweets without data.id');
      return { externalId: id, url: null };
    } catch (err) {
      // "You are not allowed to create a Tweet with duplicate content.": the account already posted this text. Only the
      // caller knows whether an earlier attempt of this reply may have landed (then it did) and since when to look for it.
      if (err instanceof ConnectorHttpError && err.status === 403 && /duplicate content/i.test(err.body)) throw new DuplicateContentError('x', 403, err);
      throw err;
    }
  }

  /**
   * Pages back through the account's tweets (`GET /2/users/:id/tweets`, newest first, 100 a page,
   * `start_time` = `o.since` so X stops the listing there) for a reply to `target` with the same
   * text, however many newer tweets the brand posted since. Null = the listing ended without it.
   */
  async findExistingReply(source: SourceConfig, target: ReplyTarget, text: string, signal: AbortSignal, o: FindReplyOptions = {}): Promise<ReplyResult | null> {
    if (target.platform !== 'x') return null;
    return this.findOwnTweet(source, text, (repliedTo) => repliedTo === target.tweetId, signal, o);
  }

  /** The account's own tweet with `text` that answers nothing (a status update), paged back to `o.since` as findExistingReply does. */
  async findExistingPost(source: SourceConfig, text: string, signal: AbortSignal, o: FindReplyOptions = {}): Promise<ReplyResult | null> {
    return this.findOwnTweet(source, text, (repliedTo) => repliedTo === null, signal, o);
  }

  /** Pages back through the account's tweets for one with `text` whose replied-to tweet id (null: none) passes `parent`. */
  private async findOwnTweet(
    source: SourceConfig,
    text: string,
    parent: (repliedTo: string | null) => boolean,
    signal: AbortSignal,
    o: FindReplyOptions,
  ): Promise<ReplyResult | null> {
    const me = await this.userId(source, signal);
    const maxPages = Math.max(1, o.maxPages ?? FIND_REPLY_MAX_PAGES);
    const params: Record<string, string | number> = { max_results: 100, 'tweet.fields': 'referenced_tweets,conversation_id,created_at' };
    // start_time has second granularity and is inclusive: round down so the first attempt's second is kept.
    if (o.since) params['start_time'] = new Date(Math.floor(o.since.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const want = text.trim();
    let posts = 0;
    for (let page = 1; ; page++) {
      const res = await this.get(source, `/2/users/${encodeURIComponent(me)}/tweets`, params, signal, true);
      // An answer without `meta` (an empty `{}`, a cut body) proves nothing: malformed (retried), never "absent".
      if (!isObject(res.data) || !isObject(res.data['meta'])) malformed('x', 'user tweets without meta');
      const body = res.data;
      const tweets = arr(body['data']).map(obj);
      posts += tweets.length;
      for (const t of tweets) {
        const repliedTo = arr(t['referenced_tweets'])
          .map(obj)
          .find((r) => r['type'] === 'replied_to');
        // X returns the text HTML-escaped (&amp; &lt; &gt;): compare it decoded, as posted.
        if (parent(repliedTo ? idStr(repliedTo['id']) : null) && decodeEntities(str(t['text']) ?? '').trim() === want) {
          const id = idStr(t['id']);
          if (id) return { externalId: id, url: null };
        }
      }
      const next = str(obj(body['meta'])['next_token']);
      if (!next || tweets.length === 0) return null;
      if (page >= maxPages) throw new ReplyLookupIncompleteError('x', page, posts);
      params['pagination_token'] = next;
    }
  }

  private userToken(source: SourceConfig): string {
    const c = source.credentials;
    const token = c['userAccessToken'] || c['accessToken'] || c['bearerToken'];
    if (!token) throw new ConnectorError('auth_expired', 'x: missing credential "userAccessToken"', { platform: 'x' });
    return token;
  }

  private appToken(source: SourceConfig): string {
    const c = source.credentials;
    const token = c['bearerToken'] || c['userAccessToken'] || c['accessToken'];
    if (!token) throw new ConnectorError('auth_expired', 'x: missing credential "bearerToken"', { platform: 'x' });
    return token;
  }

  private async userId(source: SourceConfig, signal: AbortSignal): Promise<string> {
    if (source.credentials['userId']) return source.credentials['userId'];
    const key = `${source.baseUrl}|${this.userToken(source).slice(-12)}`;
    const cached = this.me.get(key);
    if (cached) return cached;
    const res = await this.get(source, '/2/users/me', {}, signal, true);
    const id = idStr(obj(obj(res.data)['data'])['id']);
    if (!id) malformed('x', '/2/users/me without data.id');
    this.me.set(key, id);
    return id;
  }

  private get(source: SourceConfig, path: string, params: Record<string, string | number>, signal: AbortSignal, user: boolean): Promise<HttpResponse<unknown>> {
    return this.http.json({
      platform: 'x',
      url: buildUrl(assertHttpBaseUrl(source.baseUrl, 'x'), path, params),
      headers: { authorization: `Bearer ${user ? this.userToken(source) : this.appToken(source)}` },
      signal,
    });
  }
}

export function createXConnector(options: ConnectorOptions = {}): XConnector {
  return new XConnector(options);
}
