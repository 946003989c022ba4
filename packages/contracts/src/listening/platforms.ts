import type { SourcePlatform } from './source.schema.js';

/**
 * What each platform can be listened to with, which credentials it needs and its usual
 * API root. One table for the connectors (validation), the api (source checks) and the
 * dashboard (the source form).
 */
/** One stream a platform can be listened to with (drives the api's validation and the source form). */
export interface StreamSpec {
  kind: string;
  label: string;
  /** Whether `stream.query` is required, optional or ignored, and what it means. */
  query: 'required' | 'optional' | 'none';
  queryHint?: string;
}

export interface CredentialSpec {
  name: string;
  label: string;
  secret: boolean;
  required: boolean;
}

export const PLATFORM_STREAMS: Readonly<Record<SourcePlatform, readonly StreamSpec[]>> = {
  mastodon: [
    { kind: 'notifications', label: 'Mentions of the account (notifications)', query: 'none' },
    { kind: 'hashtag', label: 'Hashtag timeline', query: 'required', queryHint: 'tag without # (e.g. acme)' },
    { kind: 'search', label: 'Full-text search (only opted-in posts)', query: 'required', queryHint: 'search terms' },
  ],
  bluesky: [
    { kind: 'search', label: 'Post search (latest)', query: 'required', queryHint: 'search terms, e.g. acme' },
    { kind: 'notifications', label: 'Mentions, replies and quotes of the account', query: 'none' },
  ],
  reddit: [
    { kind: 'search', label: 'Submission search (new)', query: 'required', queryHint: 'search terms' },
    { kind: 'subreddit', label: 'New comments in a subreddit', query: 'required', queryHint: 'subreddit or subreddit:keyword (e.g. gadgets:acme)' },
  ],
  x: [
    { kind: 'search', label: 'Recent search (last 7 days)', query: 'required', queryHint: 'X query, e.g. "acme" OR @acme -is:retweet' },
    { kind: 'mentions', label: 'Mentions of the account', query: 'optional', queryHint: 'user id (default: credentials.userId or /2/users/me)' },
  ],
  rss: [{ kind: 'feed', label: 'RSS or Atom feed', query: 'optional', queryHint: 'feed path or URL relative to the base URL' }],
};

export const PLATFORM_CREDENTIALS: Readonly<Record<SourcePlatform, readonly CredentialSpec[]>> = {
  mastodon: [{ name: 'accessToken', label: 'Access token', secret: true, required: true }],
  bluesky: [
    { name: 'identifier', label: 'Handle or email', secret: false, required: true },
    { name: 'password', label: 'App password', secret: true, required: true },
  ],
  reddit: [
    { name: 'clientId', label: 'Client id', secret: false, required: true },
    { name: 'clientSecret', label: 'Client secret', secret: true, required: true },
    { name: 'username', label: 'Username (script app; needed to reply)', secret: false, required: false },
    { name: 'password', label: 'Password (script app)', secret: true, required: false },
    { name: 'refreshToken', label: 'Refresh token (code flow)', secret: true, required: false },
    { name: 'userAgent', label: 'User-Agent (platform:app:version (by /u/name))', secret: false, required: false },
  ],
  x: [
    { name: 'bearerToken', label: 'App bearer token (search)', secret: true, required: true },
    { name: 'userAccessToken', label: 'User access token (replies, mentions)', secret: true, required: false },
    { name: 'userId', label: 'User id of the brand account', secret: false, required: false },
  ],
  rss: [],
};

/** Default API roots of the real platforms (the simulator's are `${sim.url}/<platform>`). */
export const PLATFORM_DEFAULT_BASE_URLS: Readonly<Record<SourcePlatform, string | null>> = {
  mastodon: null, // the instance, e.g. https://mastodon.social
  bluesky: 'https://bsky.social',
  reddit: 'https://oauth.reddit.com',
  x: 'https://api.x.com',
  rss: null, // the feed URL
};

