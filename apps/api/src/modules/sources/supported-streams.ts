/** What each platform can be asked to read (mirrors the connectors' stream kinds). */
export interface StreamKind {
  kind: string;
  needsQuery: boolean;
  queryHint: string;
}

const STREAMS: Record<string, StreamKind[]> = {
  mastodon: [
    { kind: 'notifications', needsQuery: false, queryHint: '' },
    { kind: 'hashtag', needsQuery: true, queryHint: 'a hashtag without #' },
    { kind: 'search', needsQuery: true, queryHint: 'search words' },
  ],
  bluesky: [
    { kind: 'search', needsQuery: true, queryHint: 'search words' },
    { kind: 'notifications', needsQuery: false, queryHint: '' },
  ],
  reddit: [
    { kind: 'search', needsQuery: true, queryHint: 'search words' },
    { kind: 'subreddit', needsQuery: true, queryHint: 'a subreddit name without r/' },
  ],
  x: [
    { kind: 'search', needsQuery: true, queryHint: 'an X recent-search query' },
    { kind: 'mentions', needsQuery: false, queryHint: '' },
  ],
  rss: [{ kind: 'feed', needsQuery: false, queryHint: '' }],
};

export function supportedStreams(platform: string): StreamKind[] {
  return STREAMS[platform] ?? [];
}
