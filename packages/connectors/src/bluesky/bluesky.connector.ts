import {
  ConnectorError,
  type Connector,
  type Mention,
  type PollResult,
  type RateLimitInfo,
  type ReplyResult,
  type ReplyTarget,
  type SourceConfig,
} from '../core/connector.js';
import { ConnectorHttpError, HttpClient, type HttpBody } from '../core/http-client.js';
import { maxIso, minIsoMs } from '../core/ids.js';
import { arr, isObject, malformed, numOrNull, obj, str } from '../core/json.js';
import { DEFAULT_USER_AGENT, type ConnectorOptions } from '../core/options.js';
import { assertHttpBaseUrl, buildUrl } from '../core/safe-url.js';
import { normalizeBlueskyPost } from './normalize.js';
import { tidFromKey } from './tid.js';
import { REPLY_LIMITS, type ReplyLimit } from '../core/reply-length.js';

/**
 * Bluesky cursor (connectors.md §8.1). Bluesky cursors only go backwards, so each run reads the
 * newest page and follows `cursor` until it passes `highWater - overlap`. `highWater` (max
 * `indexedAt` seen) only moves when a run completes; `run` is the mid-run state, so a restart
 * resumes the walk instead of starting over. `highWater` "1970-01-01T00:00:00.000Z" = read all.
 */
export interface BlueskyCursor {
  highWater: string | null;
  run?: { cursor: string; newest: string | null; pagesLeft?: number };
}

export interface BlueskyConnectorOptions extends ConnectorOptions {
  /** Fetch follower counts with app.bsky.actor.getProfiles (≤25 per call). Default true. */
  followerCounts?: boolean;
}

interface Session {
  accessJwt: string;
  refreshJwt: string;
  did: string;
  handle: string;
}

const EPOCH = '1970-01-01T00:00:00.000Z';
const DEFAULT_OVERLAP_MS = 10 * 60_000;
const COLLECTION = 'app.bsky.feed.post';

export class BlueskyConnector implements Connector<BlueskyCursor> {
  readonly platform = 'bluesky' as const;
  private readonly http: HttpClient;
  private readonly overlapMs: number;
  private readonly followerCounts: boolean;
  /** Sessions are cached per (PDS, identifier): createSession is limited to 30 / 5 min. */
  private readonly sessions = new Map<string, Session>();

  constructor(options: BlueskyConnectorOptions = {}) {
    this.http = new HttpClient({ userAgent: DEFAULT_USER_AGENT, ...options });
    this.overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MS;
    this.followerCounts = options.followerCounts ?? true;
  }

  replyLimit(): ReplyLimit {
    return REPLY_LIMITS.bluesky;
  }

  async poll(source: SourceConfig, cursor: BlueskyCursor | null, signal: AbortSignal): Promise<PollResult<BlueskyCursor>> {
    const kind = source.stream.kind;
    if (kind !== 'search' && kind !== 'notifications')
      throw new ConnectorError('bad_request', `bluesky does not support stream "${kind}"`, { platform: 'bluesky' });
    const query = source.stream.query?.trim() ?? '';
    if (kind === 'search' && !query) throw new ConnectorError('bad_request', 'bluesky search needs a query', { platform: 'bluesky' });
    const limit = Math.max(1, Math.min(source.pageSize ?? 100, 100));
    const highWater = cursor?.highWater ?? null;
    const markMs = highWater === null ? null : Date.parse(highWater) - this.overlapMs;
    const pageCursor = cursor?.run?.cursor;

    let views: Record<string, unknown>[];
    let nextPageCursor: string | null;
    let rateLimit: RateLimitInfo | null;
    if (kind === 'search') {
      const params: Record<string, string | number> = { q: query, sort: 'latest', limit };
      if (markMs !== null && markMs > 0) params['since'] = new Date(markMs).toISOString();
      if (pageCursor) params['cursor'] = pageCursor;
      const res = await this.get(source, 'app.bsky.feed.searchPosts', params, signal);
      if (!isObject(res.data) || !Array.isArray(res.data['posts'])) malformed('bluesky', 'searchPosts without posts[]');
      views = res.data['posts'].filter(isObject);
      nextPageCursor = str(res.data['cursor']);
      rateLimit = res.rateLimit;
    } else {
      const params: Record<string, string | number | string[]> = { limit, reasons: ['mention', 'reply', 'quote'] };
      if (pageCursor) params['cursor'] = pageCursor;
      const res = await this.get(source, 'app.bsky.notification.listNotifications', params, signal);
      if (!isObject(res.data) || !Array.isArray(res.data['notifications'])) malformed('bluesky', 'listNotifications without notifications[]');
      views = res.data['notifications'].filter(isObject).filter((n) => ['mention', 'reply', 'quote'].includes(str(n['reason']) ?? ''));
      nextPageCursor = str(res.data['cursor']);
      rateLimit = res.rateLimit;
    }

    const indexed = views.map((v) => str(v['indexedAt'])).filter((v): v is string => v !== null);
    const followers = this.followerCounts ? await this.followers(source, views, signal) : new Map<string, number>();
    const mentions = views.map((v) => normalizeBlueskyPost(v, source.sourceKey, followers)).filter((m): m is Mention => m !== null);
    const newest = maxIso(indexed, cursor?.run?.newest ?? null);
    const reachedMark = markMs !== null && minIsoMs(indexed) < markMs;
    const runCursor = nextPageCursor && views.length > 0 && !reachedMark ? nextPageCursor : null;

    if (highWater === null) {
      // First poll: the newest page only, unless a backfill was asked for.
      const pagesLeft = cursor?.run?.pagesLeft ?? source.backfillPages ?? 0;
      if (runCursor && pagesLeft > 0) {
        return { mentions, nextCursor: { highWater: null, run: { cursor: runCursor, newest, pagesLeft: pagesLeft - 1 } }, more: true, rateLimit };
      }
      return { mentions, nextCursor: { highWater: newest ?? EPOCH }, more: false, rateLimit };
    }
    if (runCursor) return { mentions, nextCursor: { highWater, run: { cursor: runCursor, newest } }, more: true, rateLimit };
    return { mentions, nextCursor: { highWater: maxIso(newest ? [newest] : [], highWater) ?? highWater }, more: false, rateLimit };
  }

  async reply(source: SourceConfig, target: ReplyTarget, text: string, o: { idempotencyKey: string; signal: AbortSignal }): Promise<ReplyResult> {
    if (target.platform !== 'bluesky') throw new ConnectorError('bad_request', `bluesky cannot reply to a ${target.platform} target`, { platform: 'bluesky' });
    const rkey = tidFromKey(o.idempotencyKey);
    return this.withSession(source, o.signal, async (session) => {
      // A previous attempt may have landed (lost response): the record key is ours, so look first.
      const existing = await this.getRecord(source, session, rkey, o.signal);
      if (existing) return existing;
      const record: Record<string, unknown> = {
        $type: COLLECTION,
        text,
        createdAt: new Date().toISOString(),
        reply: { root: { uri: target.rootUri, cid: target.rootCid }, parent: { uri: target.uri, cid: target.cid } },
      };
      const facets = mentionFacets(text, target.handle, target.did);
      if (facets.length) record['facets'] = facets;
      // putRecord with a fixed rkey: a repeat with the same record is a no-op on the PDS.
      const res = await this.http.json({
        platform: 'bluesky',
        method: 'POST',
        url: buildUrl(assertHttpBaseUrl(source.baseUrl, 'bluesky'), '/xrpc/com.atproto.repo.putRecord'),
        headers: { authorization: `Bearer ${session.accessJwt}` },
        body: { json: { repo: session.did, collection: COLLECTION, rkey, record } },
        signal: o.signal,
      });
      const uri = str(obj(res.data)['uri']);
      if (!uri) malformed('bluesky', 'putRecord without uri');
      return { externalId: uri, url: `https://bsky.app/profile/${encodeURIComponent(session.handle)}/post/${rkey}` };
    });
  }

  /** A post that answers nothing (a status update), put under the record key the idempotency key gives, as replies are. */
  async post(source: SourceConfig, text: string, o: { idempotencyKey: string; signal: AbortSignal }): Promise<ReplyResult> {
    const rkey = tidFromKey(o.idempotencyKey);
    return this.withSession(source, o.signal, async (session) => {
      const existing = await this.getRecord(source, session, rkey, o.signal);
      if (existing) return existing;
      const record: Record<string, unknown> = { $type: COLLECTION, text, createdAt: new Date().toISOString() };
      const res = await this.http.json({
        platform: 'bluesky',
        method: 'POST',
        url: buildUrl(assertHttpBaseUrl(source.baseUrl, 'bluesky'), '/xrpc/com.atproto.repo.putRecord'),
        headers: { authorization: `Bearer ${session.accessJwt}` },
        body: { json: { repo: session.did, collection: COLLECTION, rkey, record } },
        signal: o.signal,
      });
      const uri = str(obj(res.data)['uri']);
      if (!uri) malformed('bluesky', 'putRecord without uri');
      return { externalId: uri, url: `https://bsky.app/profile/${encodeURIComponent(session.handle)}/post/${rkey}` };
    });
  }

  private async getRecord(source: SourceConfig, session: Session, rkey: string, signal: AbortSignal): Promise<ReplyResult | null> {
    try {
      const res = await this.http.json({
        platform: 'bluesky',
        url: buildUrl(assertHttpBaseUrl(source.baseUrl, 'bluesky'), '/xrpc/com.atproto.repo.getRecord', { repo: session.did, collection: COLLECTION, rkey }),
        headers: { authorization: `Bearer ${session.accessJwt}` },
        signal,
      });
      const uri = str(obj(res.data)['uri']);
      return uri ? { externalId: uri, url: `https://bsky.app/profile/${encodeURIComponent(session.handle)}/post/${rkey}` } : null;
    } catch (err) {
      if (err instanceof ConnectorHttpError && (err.errorCode === 'RecordNotFound' || err.status === 404)) return null;
      throw err;
    }
  }

  private async followers(source: SourceConfig, views: Record<string, unknown>[], signal: AbortSignal): Promise<Map<string, number>> {
    const dids = [...new Set(views.map((v) => str(obj(v['author'])['did'])).filter((d): d is string => d !== null))];
    const out = new Map<string, number>();
    for (let i = 0; i < dids.length; i += 25) {
      const res = await this.get(source, 'app.bsky.actor.getProfiles', { actors: dids.slice(i, i + 25) }, signal);
      for (const p of arr(obj(res.data)['profiles'])) {
        const did = str(obj(p)['did']);
        const n = numOrNull(obj(p)['followersCount']);
        if (did && n !== null) out.set(did, n);
      }
    }
    return out;
  }

  private async get(source: SourceConfig, nsid: string, params: Record<string, string | number | string[]>, signal: AbortSignal) {
    const url = buildUrl(assertHttpBaseUrl(source.baseUrl, 'bluesky'), `/xrpc/${nsid}`, params);
    return this.withSession(source, signal, (session) =>
      this.http.json({ platform: 'bluesky', url, headers: { authorization: `Bearer ${session.accessJwt}` }, signal }),
    );
  }

  /** Runs `fn` with a session; on an expired/invalid token refreshes (or logs in again) once and retries. */
  private async withSession<T>(source: SourceConfig, signal: AbortSignal, fn: (s: Session) => Promise<T>): Promise<T> {
    const key = this.sessionKey(source);
    let session = this.sessions.get(key) ?? (await this.login(source, signal));
    try {
      return await fn(session);
    } catch (err) {
      if (!(err instanceof ConnectorError) || err.failure !== 'auth_expired') throw err;
      session = await this.refresh(source, session, signal);
      return fn(session);
    }
  }

  private sessionKey(source: SourceConfig): string {
    return `${assertHttpBaseUrl(source.baseUrl, 'bluesky')}|${source.credentials['identifier'] ?? source.credentials['did'] ?? ''}`;
  }

  private async login(source: SourceConfig, signal: AbortSignal): Promise<Session> {
    const c = source.credentials;
    if (c['accessJwt'] && c['refreshJwt'] && c['did']) {
      const s = { accessJwt: c['accessJwt'], refreshJwt: c['refreshJwt'], did: c['did'], handle: c['handle'] ?? c['did'] };
      this.sessions.set(this.sessionKey(source), s);
      return s;
    }
    if (!c['identifier'] || !c['password'])
      throw new ConnectorError('auth_expired', 'bluesky: missing credentials "identifier"/"password"', { platform: 'bluesky' });
    return this.sessionCall(source, 'com.atproto.server.createSession', { json: { identifier: c['identifier'], password: c['password'] } }, undefined, signal);
  }

  private async refresh(source: SourceConfig, session: Session, signal: AbortSignal): Promise<Session> {
    try {
      return await this.sessionCall(source, 'com.atproto.server.refreshSession', undefined, session.refreshJwt, signal);
    } catch (err) {
      if (!(err instanceof ConnectorError) || err.failure !== 'auth_expired') throw err;
      this.sessions.delete(this.sessionKey(source));
      if (!source.credentials['password']) throw err;
      return this.login({ ...source, credentials: { ...source.credentials, accessJwt: '', refreshJwt: '' } }, signal);
    }
  }

  private async sessionCall(source: SourceConfig, nsid: string, body: HttpBody | undefined, bearer: string | undefined, signal: AbortSignal): Promise<Session> {
    let res;
    try {
      res = await this.http.json({
        platform: 'bluesky',
        method: 'POST',
        url: buildUrl(assertHttpBaseUrl(source.baseUrl, 'bluesky'), `/xrpc/${nsid}`),
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
        body,
        signal,
      });
    } catch (err) {
      // Wrong app password: 401 AuthenticationRequired; revoked refresh token: 400 ExpiredToken.
      if (
        err instanceof ConnectorHttpError &&
        (err.status === 401 || err.errorCode === 'AuthenticationRequired' || err.errorCode === 'ExpiredToken' || err.errorCode === 'InvalidToken')
      ) {
        this.sessions.delete(this.sessionKey(source));
        throw new ConnectorError('auth_expired', `bluesky: ${nsid} refused (${err.errorCode ?? err.status ?? '?'}): reconnect the account`, {
          platform: 'bluesky',
          status: err.status,
          cause: err,
        });
      }
      throw err;
    }
    const d = obj(res.data);
    const accessJwt = str(d['accessJwt']);
    const refreshJwt = str(d['refreshJwt']);
    const did = str(d['did']);
    if (!accessJwt || !refreshJwt || !did) malformed('bluesky', `${nsid} without tokens`);
    const session = { accessJwt, refreshJwt, did, handle: str(d['handle']) ?? did };
    this.sessions.set(this.sessionKey(source), session);
    return session;
  }
}

/** Mention facets (UTF-8 byte offsets) for `@handle` occurrences, so the author is notified. */
function mentionFacets(text: string, handle: string, did: string): Record<string, unknown>[] {
  const needle = `@${handle}`;
  const facets: Record<string, unknown>[] = [];
  const enc = new TextEncoder();
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) break;
    const byteStart = enc.encode(text.slice(0, at)).length;
    facets.push({ index: { byteStart, byteEnd: byteStart + enc.encode(needle).length }, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] });
    from = at + needle.length;
  }
  return facets;
}

export function createBlueskyConnector(options: BlueskyConnectorOptions = {}): BlueskyConnector {
  return new BlueskyConnector(options);
}
