import { ConnectorError, type Connector, type Mention, type PollResult, type ReplyResult, type ReplyTarget, type SourceConfig } from '../core/connector.js';
import { HttpClient } from '../core/http-client.js';
import { compareNumericIds, maxNumericId } from '../core/ids.js';
import { arr, idStr, isObject, malformed, obj, requireCredential } from '../core/json.js';
import { DEFAULT_USER_AGENT, type ConnectorOptions } from '../core/options.js';
import { assertHttpBaseUrl, buildUrl } from '../core/safe-url.js';
import { normalizeMastodonStatus } from './normalize.js';
import { REPLY_LIMITS, postedReplyText, type ReplyLimit } from '../core/reply-length.js';

/**
 * Mastodon cursor (connectors.md §8.1). `minId` is the largest id already returned (a
 * notification id for `notifications`, a status id otherwise); polls ask for `min_id=minId`,
 * i.e. the page *immediately* newer, so nothing is skipped however long the downtime.
 * `"0"` means "from the beginning" (first poll saw nothing). `backfill` is mid-run state of the
 * optional first-poll backfill (`SourceConfig.backfillPages`) walking back with `max_id`.
 */
export interface MastodonCursor {
  minId: string;
  backfill?: { maxId: string; pagesLeft: number };
}

const STREAMS = {
  notifications: { path: '/api/v1/notifications', maxLimit: 80 },
  hashtag: { path: '/api/v1/timelines/tag', maxLimit: 40 },
  search: { path: '/api/v2/search', maxLimit: 40 },
} as const;
type MastodonStream = keyof typeof STREAMS;

interface PageItem {
  cursorId: string;
  mention: Mention | null;
}

export class MastodonConnector implements Connector<MastodonCursor> {
  readonly platform = 'mastodon' as const;
  private readonly http: HttpClient;

  constructor(options: ConnectorOptions = {}) {
    this.http = new HttpClient({ userAgent: DEFAULT_USER_AGENT, ...options });
  }

  replyLimit(): ReplyLimit {
    return REPLY_LIMITS.mastodon;
  }

  async poll(source: SourceConfig, cursor: MastodonCursor | null, signal: AbortSignal): Promise<PollResult<MastodonCursor>> {
    const stream = this.stream(source);
    const limit = Math.max(1, Math.min(source.pageSize ?? STREAMS[stream].maxLimit, STREAMS[stream].maxLimit));
    if (cursor === null) {
      const page = await this.fetchPage(source, stream, { limit }, signal);
      const newest = maxNumericId(page.items.map((i) => i.cursorId)) ?? '0';
      const oldest = page.items.map((i) => i.cursorId).sort(compareNumericIds)[0];
      const backfillPages = source.backfillPages ?? 0;
      const next: MastodonCursor = { minId: newest };
      if (backfillPages > 0 && oldest !== undefined && page.items.length >= limit) next.backfill = { maxId: oldest, pagesLeft: backfillPages };
      return { mentions: mentionsOf(page.items), nextCursor: next, more: next.backfill !== undefined, rateLimit: page.rateLimit };
    }
    if (cursor.backfill) {
      const page = await this.fetchPage(source, stream, { limit, max_id: cursor.backfill.maxId }, signal);
      const oldest = page.items.map((i) => i.cursorId).sort(compareNumericIds)[0];
      const pagesLeft = cursor.backfill.pagesLeft - 1;
      const next: MastodonCursor = { minId: cursor.minId };
      if (pagesLeft > 0 && oldest !== undefined && page.items.length >= limit) next.backfill = { maxId: oldest, pagesLeft };
      return { mentions: mentionsOf(page.items), nextCursor: next, more: next.backfill !== undefined, rateLimit: page.rateLimit };
    }
    const page = await this.fetchPage(source, stream, { limit, min_id: cursor.minId }, signal);
    const minId =
      maxNumericId(
        page.items.map((i) => i.cursorId),
        cursor.minId,
      ) ?? cursor.minId;
    return { mentions: mentionsOf(page.items), nextCursor: { minId }, more: page.items.length >= limit, rateLimit: page.rateLimit };
  }

  async reply(source: SourceConfig, target: ReplyTarget, text: string, o: { idempotencyKey: string; signal: AbortSignal }): Promise<ReplyResult> {
    if (target.platform !== 'mastodon')
      throw new ConnectorError('bad_request', `mastodon cannot reply to a ${target.platform} target`, { platform: 'mastodon' });
    const root = assertHttpBaseUrl(source.baseUrl, 'mastodon');
    const token = requireCredential('mastodon', source.credentials, 'accessToken');
    // Mastodon does not add the @mention itself; without it the author is not notified (the linter counts this text).
    const status = postedReplyText('mastodon', target, text);
    const res = await this.http.json({
      platform: 'mastodon',
      method: 'POST',
      url: buildUrl(root, '/api/v1/statuses'),
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': o.idempotencyKey },
      body: { json: { status, in_reply_to_id: target.statusId, visibility: target.visibility } },
      signal: o.signal,
    });
    const s = obj(res.data);
    const id = idStr(s['id']);
    if (!id) malformed('mastodon', 'status without id');
    const m = normalizeMastodonStatus(s, source.sourceKey);
    return { externalId: id, url: m?.url ?? null };
  }

  /** A public status that answers nothing (a status update), sent with the Idempotency-Key as replies are. */
  async post(source: SourceConfig, text: string, o: { idempotencyKey: string; signal: AbortSignal }): Promise<ReplyResult> {
    const root = assertHttpBaseUrl(source.baseUrl, 'mastodon');
    const token = requireCredential('mastodon', source.credentials, 'accessToken');
    const res = await this.http.json({
      platform: 'mastodon',
      method: 'POST',
      url: buildUrl(root, '/api/v1/statuses'),
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': o.idempotencyKey },
      body: { json: { status: text, visibility: 'public' } },
      signal: o.signal,
    });
    const s = obj(res.data);
    const id = idStr(s['id']);
    if (!id) malformed('mastodon', 'status without id');
    const m = normalizeMastodonStatus(s, source.sourceKey);
    return { externalId: id, url: m?.url ?? null };
  }

  private stream(source: SourceConfig): MastodonStream {
    const kind = source.stream.kind;
    if (kind === 'notifications' || kind === 'hashtag' || kind === 'search') {
      if (kind !== 'notifications' && !source.stream.query?.trim())
        throw new ConnectorError('bad_request', `mastodon ${kind} needs a query`, { platform: 'mastodon' });
      return kind;
    }
    throw new ConnectorError('bad_request', `mastodon does not support stream "${kind}"`, { platform: 'mastodon' });
  }

  private async fetchPage(source: SourceConfig, stream: MastodonStream, params: Record<string, string | number>, signal: AbortSignal) {
    const root = assertHttpBaseUrl(source.baseUrl, 'mastodon');
    const token = source.credentials['accessToken'];
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    let url: string;
    if (stream === 'notifications') {
      if (!token) requireCredential('mastodon', source.credentials, 'accessToken');
      url = buildUrl(root, STREAMS.notifications.path, { 'types[]': ['mention'], include_filtered: 'true', ...params });
    } else if (stream === 'hashtag') {
      const tag = (source.stream.query ?? '').trim().replace(/^#/, '');
      url = buildUrl(root, `${STREAMS.hashtag.path}/${encodeURIComponent(tag)}`, params);
    } else {
      url = buildUrl(root, STREAMS.search.path, { q: (source.stream.query ?? '').trim(), type: 'statuses', resolve: 'false', ...params });
    }
    const res = await this.http.json({
      platform: 'mastodon',
      url,
      headers,
      signal,
      bucket: 'min_id' in params || 'max_id' in params ? 'mastodon:paging' : 'mastodon',
    });
    let list: unknown[];
    if (stream === 'search') {
      if (!isObject(res.data) || !Array.isArray(res.data['statuses'])) malformed('mastodon', 'search without statuses[]');
      list = res.data['statuses'];
    } else {
      if (!Array.isArray(res.data)) malformed('mastodon', 'expected an array');
      list = res.data;
    }
    const items: PageItem[] = [];
    for (const entry of arr(list)) {
      const e = obj(entry);
      if (stream === 'notifications') {
        const nid = idStr(e['id']);
        if (!nid) malformed('mastodon', 'notification without id');
        const status = e['type'] === 'mention' && isObject(e['status']) ? normalizeMastodonStatus(e['status'], source.sourceKey, e) : null;
        items.push({ cursorId: nid, mention: status });
      } else {
        const sid = idStr(e['id']);
        if (!sid) malformed('mastodon', 'status without id');
        items.push({ cursorId: sid, mention: normalizeMastodonStatus(e, source.sourceKey) });
      }
    }
    return { items, rateLimit: res.rateLimit };
  }
}

function mentionsOf(items: PageItem[]): Mention[] {
  return items.flatMap((i) => (i.mention ? [i.mention] : []));
}

export function createMastodonConnector(options: ConnectorOptions = {}): MastodonConnector {
  return new MastodonConnector(options);
}
