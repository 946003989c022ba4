import { SourcePlatformSchema, type SourcePlatform } from './source.schema.js';

/**
 * The one platform table: what each platform can be listened to with, which credentials it
 * needs, and the labels, hints and placeholders the dashboard's source form shows. The api's
 * source checks, the connectors and the dashboard all read it; nothing restates it.
 */

/** Every platform a source can read, in the order the dashboard lists them. */
export const PLATFORMS = SourcePlatformSchema.options;
export type Platform = SourcePlatform;

/** The form field for a stream's query ("a hashtag without #"). */
export interface StreamQueryField {
  label: string;
  hint: string;
  placeholder: string;
}

/** One stream a platform can be listened to with (drives the api's validation and the source form). */
export interface StreamSpec {
  kind: string;
  /** Short name in the dashboard's stream picker. */
  label: string;
  /** What the stream reads, in full. */
  description: string;
  /** Whether `stream.query` is required, optional or ignored, and what it means. */
  query: 'required' | 'optional' | 'none';
  queryHint?: string;
  /** The query field the dashboard shows for this stream, or null when it asks for none. */
  queryField: StreamQueryField | null;
}

export interface CredentialSpec {
  name: string;
  label: string;
  secret: boolean;
  required: boolean;
}

export interface PlatformSpec {
  label: string;
  /** The usual API address: the base URL field's placeholder (and its value when left empty, if `baseUrlHasDefault`). */
  defaultBaseUrl: string;
  /** Whether an empty base URL may fall back to `defaultBaseUrl` (not for feeds: every feed has its own). */
  baseUrlHasDefault: boolean;
  baseUrlHint: string;
  streams: readonly StreamSpec[];
  credentials: readonly CredentialSpec[];
  /**
   * The credential sets that let a source post replies, any one of them complete (names from
   * `credentials`); empty: replies cannot be posted through this platform at all (feeds).
   */
  replyCredentials: ReadonlyArray<readonly string[]>;
}

const SEARCH_WORDS: StreamQueryField = { label: 'Search words', hint: 'The words to search for.', placeholder: 'acme airlines' };

export const PLATFORM_TABLE: Readonly<Record<SourcePlatform, PlatformSpec>> = {
  mastodon: {
    label: 'Mastodon',
    defaultBaseUrl: 'https://mastodon.social',
    baseUrlHasDefault: true,
    baseUrlHint: 'The address of your Mastodon server.',
    streams: [
      { kind: 'notifications', label: 'Notifications', description: 'Mentions of the account (notifications)', query: 'none', queryField: null },
      {
        kind: 'hashtag',
        label: 'Hashtag',
        description: 'Hashtag timeline',
        query: 'required',
        queryHint: 'tag without # (e.g. acme)',
        queryField: { label: 'Hashtag', hint: 'A hashtag without #.', placeholder: 'acmesupport' },
      },
      {
        kind: 'search',
        label: 'Search',
        description: 'Full-text search (only opted-in posts)',
        query: 'required',
        queryHint: 'search terms',
        queryField: SEARCH_WORDS,
      },
    ],
    credentials: [{ name: 'accessToken', label: 'Access token', secret: true, required: true }],
    replyCredentials: [['accessToken']],
  },
  bluesky: {
    label: 'Bluesky',
    defaultBaseUrl: 'https://bsky.social',
    baseUrlHasDefault: true,
    baseUrlHint: 'The address of your Bluesky PDS.',
    streams: [
      {
        kind: 'search',
        label: 'Search',
        description: 'Post search (latest)',
        query: 'required',
        queryHint: 'search terms, e.g. acme',
        queryField: SEARCH_WORDS,
      },
      { kind: 'notifications', label: 'Notifications', description: 'Mentions, replies and quotes of the account', query: 'none', queryField: null },
    ],
    credentials: [
      { name: 'identifier', label: 'Handle or email', secret: false, required: true },
      { name: 'password', label: 'App password', secret: true, required: true },
    ],
    replyCredentials: [['identifier', 'password']],
  },
  reddit: {
    label: 'Reddit',
    defaultBaseUrl: 'https://oauth.reddit.com',
    baseUrlHasDefault: true,
    baseUrlHint: "Reddit's OAuth API address.",
    streams: [
      { kind: 'search', label: 'Search', description: 'Submission search (new)', query: 'required', queryHint: 'search terms', queryField: SEARCH_WORDS },
      {
        kind: 'subreddit',
        label: 'Subreddit',
        description: 'New comments in a subreddit',
        query: 'required',
        queryHint: 'subreddit or subreddit:keyword (e.g. gadgets:acme)',
        queryField: { label: 'Subreddit', hint: 'A subreddit name without r/.', placeholder: 'acmeairlines' },
      },
    ],
    credentials: [
      { name: 'clientId', label: 'Client id', secret: false, required: true },
      { name: 'clientSecret', label: 'Client secret', secret: true, required: true },
      { name: 'username', label: 'Username (script app; needed to reply)', secret: false, required: false },
      { name: 'password', label: 'Password (script app)', secret: true, required: false },
      { name: 'refreshToken', label: 'Refresh token (code flow)', secret: true, required: false },
      { name: 'userAgent', label: 'User-Agent (platform:app:version (by /u/name))', secret: false, required: false },
    ],
    // The app-only token (client id + secret) reads but cannot comment: a user is needed.
    replyCredentials: [['username', 'password'], ['refreshToken']],
  },
  x: {
    label: 'X',
    defaultBaseUrl: 'https://api.x.com',
    baseUrlHasDefault: true,
    baseUrlHint: "X's API address.",
    streams: [
      {
        kind: 'search',
        label: 'Search',
        description: 'Recent search (last 7 days)',
        query: 'required',
        queryHint: 'X query, e.g. "acme" OR @acme -is:retweet',
        queryField: { label: 'Search query', hint: 'An X recent-search query.', placeholder: 'acme -is:retweet' },
      },
      // The optional user id is not asked for in the form: credentials.userId or /2/users/me supply it.
      {
        kind: 'mentions',
        label: 'Mentions',
        description: 'Mentions of the account',
        query: 'optional',
        queryHint: 'user id (default: credentials.userId or /2/users/me)',
        queryField: null,
      },
    ],
    credentials: [
      { name: 'bearerToken', label: 'App bearer token (search)', secret: true, required: true },
      { name: 'userAccessToken', label: 'User access token (replies, mentions)', secret: true, required: false },
      { name: 'userId', label: 'User id of the brand account', secret: false, required: false },
    ],
    // The app bearer token searches; posting needs the brand account's user token.
    replyCredentials: [['userAccessToken']],
  },
  rss: {
    label: 'RSS feed',
    defaultBaseUrl: 'https://example.com/feed.xml',
    baseUrlHasDefault: false,
    baseUrlHint: 'The address of the feed.',
    // The form asks for the feed's full address as the base URL, so no separate feed path.
    streams: [
      {
        kind: 'feed',
        label: 'Feed',
        description: 'RSS or Atom feed',
        query: 'optional',
        queryHint: 'feed path or URL relative to the base URL',
        queryField: null,
      },
    ],
    credentials: [],
    replyCredentials: [],
  },
};

function byPlatform<T>(pick: (spec: PlatformSpec) => T): Readonly<Record<SourcePlatform, T>> {
  return Object.fromEntries(PLATFORMS.map((p) => [p, pick(PLATFORM_TABLE[p])])) as Record<SourcePlatform, T>;
}

/** Each platform's streams (a view of PLATFORM_TABLE). */
export const PLATFORM_STREAMS: Readonly<Record<SourcePlatform, readonly StreamSpec[]>> = byPlatform((s) => s.streams);
/** Each platform's credential fields (a view of PLATFORM_TABLE). */
export const PLATFORM_CREDENTIALS: Readonly<Record<SourcePlatform, readonly CredentialSpec[]>> = byPlatform((s) => s.credentials);

/**
 * The credential fields a source still lacks before it can post replies: [] when one of the
 * platform's `replyCredentials` sets is complete; otherwise the missing fields of the set
 * closest to complete (the first such set on a tie). Null: the platform cannot post replies.
 */
export function missingReplyCredentials(platform: SourcePlatform, present: readonly string[]): string[] | null {
  const sets = PLATFORM_TABLE[platform].replyCredentials;
  if (sets.length === 0) return null;
  let best: string[] | null = null;
  for (const set of sets) {
    const missing = set.filter((name) => !present.includes(name));
    if (missing.length === 0) return [];
    if (!best || missing.length < best.length) best = missing;
  }
  return best;
}
