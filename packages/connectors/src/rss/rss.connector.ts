import { createHash } from 'node:crypto';
import { ConnectorError, type Connector, type Mention, type PollResult, type ReplyResult, type SourceConfig } from '../core/connector.js';
import { HttpClient } from '../core/http-client.js';
import { DEFAULT_USER_AGENT, type ConnectorOptions } from '../core/options.js';
import { assertHttpBaseUrl, safeHttpUrl } from '../core/safe-url.js';
import { feedItemText, parseFeed, type FeedItem, type ParsedFeed } from './parse-feed.js';
import { REPLY_LIMITS, type ReplyLimit } from '../core/reply-length.js';

/**
 * RSS/Atom cursor: conditional-GET validators plus the ids already returned (newest first,
 * capped), since feeds have no paging. Items that drop out of the feed are gone for good.
 */
export interface RssCursor {
  etag: string | null;
  lastModified: string | null;
  seen: string[];
}

const SEEN_CAP = 1000;
/** Feeds carry full item bodies; the default body cap of the other connectors is a little tight. */
export const RSS_MAX_BODY_BYTES = 5 * 1024 * 1024;

export class RssConnector implements Connector<RssCursor> {
  readonly platform = 'rss' as const;
  private readonly http: HttpClient;
  private readonly now: () => number;

  constructor(options: ConnectorOptions = {}) {
    this.http = new HttpClient({ userAgent: DEFAULT_USER_AGENT, maxBodyBytes: RSS_MAX_BODY_BYTES, ...options });
    this.now = options.now ?? Date.now;
  }

  replyLimit(): ReplyLimit {
    return REPLY_LIMITS.rss;
  }

  async poll(source: SourceConfig, cursor: RssCursor | null, signal: AbortSignal): Promise<PollResult<RssCursor>> {
    if (source.stream.kind !== 'feed') throw new ConnectorError('bad_request', `rss does not support stream "${source.stream.kind}"`, { platform: 'rss' });
    const url = feedUrl(source);
    const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5' };
    if (cursor?.etag) headers['if-none-match'] = cursor.etag;
    if (cursor?.lastModified) headers['if-modified-since'] = cursor.lastModified;
    const res = await this.http.text({ platform: 'rss', url, headers, signal, acceptStatus: [304] });
    const prev = cursor ?? { etag: null, lastModified: null, seen: [] };
    if (res.status === 304) return { mentions: [], nextCursor: prev, more: false, rateLimit: null };
    const feed = parseFeed(res.data);
    if (!feed) throw new ConnectorError('retry', 'rss: the response is not an RSS or Atom feed', { platform: 'rss', status: res.status });
    const seen = new Set(prev.seen);
    const fresh: Mention[] = [];
    for (const item of feed.items) {
      const m = normalizeFeedItem(item, feed, url, source.sourceKey, this.now());
      if (!seen.has(m.externalId)) fresh.push(m);
    }
    const ids = [...fresh.map((m) => m.externalId), ...prev.seen.filter((id) => !fresh.some((m) => m.externalId === id))].slice(0, SEEN_CAP);
    return {
      mentions: fresh,
      nextCursor: { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified'), seen: ids },
      more: false,
      rateLimit: null,
    };
  }

  reply(): Promise<ReplyResult> {
    return Promise.reject(new ConnectorError('bad_request', 'rss items cannot be replied to (link out instead)', { platform: 'rss' }));
  }
}

/**
 * The feed's URL: the base URL, or the stream query resolved against it. The query is a path on
 * the base URL's origin (scheme, host, port), never another address: the base URL is the one
 * the api checked and allowed.
 */
export function feedUrl(source: Pick<SourceConfig, 'baseUrl' | 'stream'>): string {
  const root = assertHttpBaseUrl(source.baseUrl, 'rss');
  const q = source.stream.query?.trim();
  if (!q) return root;
  let resolved: URL;
  try {
    resolved = new URL(q, `${root}/`);
  } catch (cause) {
    throw new ConnectorError('bad_request', 'rss: the feed path is not a valid URL path', { platform: 'rss', cause });
  }
  if (resolved.origin !== new URL(root).origin)
    throw new ConnectorError('bad_request', "rss: the feed path must stay on the base URL's host and port", { platform: 'rss' });
  return assertHttpBaseUrl(resolved.toString(), 'rss');
}

/** Feed item → Mention. The id is the guid/atom:id, else the link, else a hash of title+date. */
export function normalizeFeedItem(
  item: FeedItem,
  feed: Pick<ParsedFeed, 'title' | 'language'>,
  feedUrl: string,
  sourceKey: string,
  now: number = Date.now(),
): Mention {
  const link = safeHttpUrl(item.link ? new URL(item.link, feedUrl).toString() : null);
  const externalId =
    item.id ||
    link ||
    createHash('sha256')
      .update(`${item.title}\u0000${item.published ?? ''}`)
      .digest('hex')
      .slice(0, 32);
  const host = new URL(feedUrl).hostname;
  return {
    platform: 'rss',
    externalId,
    sourceKey,
    url: link,
    author: {
      externalId: item.author ?? host,
      handle: item.author ?? host,
      displayName: item.author ?? (feed.title || null),
      followers: null,
      avatarUrl: null,
      verified: false,
      bot: false,
    },
    text: feedItemText(item),
    lang: feed.language ? (feed.language.toLowerCase().split(/[-_]/)[0] ?? null) : null,
    createdAt: item.published ?? item.updated ?? new Date(now).toISOString(),
    editedAt: item.updated && item.updated !== item.published ? item.updated : null,
    thread: { rootId: null, parentId: null },
    engagement: { replies: null, reposts: null, likes: null },
    replyTarget: { platform: 'rss', link: link ?? feedUrl },
    raw: item,
  };
}

export function createRssConnector(options: ConnectorOptions = {}): RssConnector {
  return new RssConnector(options);
}
