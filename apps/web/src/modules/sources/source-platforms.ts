import { PLATFORM_CREDENTIALS, type SourcePlatform } from '@earshot/contracts';

export interface StreamOption {
  kind: string;
  label: string;
  /** What the stream query is, when the stream needs one ("a hashtag without #"). */
  query: { label: string; hint: string; placeholder: string } | null;
}

export interface CredentialField {
  name: string;
  label: string;
  hint?: string;
  secret: boolean;
  required: boolean;
}

/** Credential fields come from the one shared table (the connectors read the same names). */
function credentialFields(platform: SourcePlatform): CredentialField[] {
  return PLATFORM_CREDENTIALS[platform].map((c) => ({ name: c.name, label: c.label, secret: c.secret, required: c.required, ...(c.required ? {} : { hint: 'Optional.' }) }));
}

export interface PlatformInfo {
  label: string;
  /** The usual API address, shown as the placeholder of the base URL field. */
  defaultBaseUrl: string;
  /** Whether an empty base URL may fall back to `defaultBaseUrl` (not for feeds: every feed has its own). */
  baseUrlHasDefault: boolean;
  baseUrlHint: string;
  streams: readonly StreamOption[];
  credentials: readonly CredentialField[];
}

/** What each platform can be asked to read and which secrets it needs (mirrors the api's supported streams). */
export const PLATFORMS: Record<SourcePlatform, PlatformInfo> = {
  mastodon: {
    label: 'Mastodon',
    defaultBaseUrl: 'https://mastodon.social',
    baseUrlHasDefault: true,
    baseUrlHint: 'The address of your Mastodon server.',
    streams: [
      { kind: 'notifications', label: 'Notifications', query: null },
      { kind: 'hashtag', label: 'Hashtag', query: { label: 'Hashtag', hint: 'A hashtag without #.', placeholder: 'acmesupport' } },
      { kind: 'search', label: 'Search', query: { label: 'Search words', hint: 'The words to search for.', placeholder: 'acme airlines' } },
    ],
    credentials: credentialFields('mastodon'),
  },
  bluesky: {
    label: 'Bluesky',
    defaultBaseUrl: 'https://bsky.social',
    baseUrlHasDefault: true,
    baseUrlHint: 'The address of your Bluesky PDS.',
    streams: [
      { kind: 'search', label: 'Search', query: { label: 'Search words', hint: 'The words to search for.', placeholder: 'acme airlines' } },
      { kind: 'notifications', label: 'Notifications', query: null },
    ],
    credentials: credentialFields('bluesky'),
  },
  reddit: {
    label: 'Reddit',
    defaultBaseUrl: 'https://oauth.reddit.com',
    baseUrlHasDefault: true,
    baseUrlHint: "Reddit's OAuth API address.",
    streams: [
      { kind: 'search', label: 'Search', query: { label: 'Search words', hint: 'The words to search for.', placeholder: 'acme airlines' } },
      { kind: 'subreddit', label: 'Subreddit', query: { label: 'Subreddit', hint: 'A subreddit name without r/.', placeholder: 'acmeairlines' } },
    ],
    credentials: credentialFields('reddit'),
  },
  x: {
    label: 'X',
    defaultBaseUrl: 'https://api.x.com',
    baseUrlHasDefault: true,
    baseUrlHint: "X's API address.",
    streams: [
      { kind: 'search', label: 'Search', query: { label: 'Search query', hint: 'An X recent-search query.', placeholder: 'acme -is:retweet' } },
      { kind: 'mentions', label: 'Mentions', query: null },
    ],
    credentials: credentialFields('x'),
  },
  rss: {
    label: 'RSS feed',
    defaultBaseUrl: 'https://example.com/feed.xml',
    baseUrlHasDefault: false,
    baseUrlHint: 'The address of the feed.',
    streams: [{ kind: 'feed', label: 'Feed', query: null }],
    credentials: credentialFields('rss'),
  },
};

export const PLATFORM_OPTIONS = (Object.keys(PLATFORMS) as SourcePlatform[]).map((platform) => ({ value: platform, label: PLATFORMS[platform].label }));

export function streamOf(platform: SourcePlatform, kind: string): StreamOption | undefined {
  return PLATFORMS[platform].streams.find((stream) => stream.kind === kind);
}

/** A stored credential's readable name ("appPassword" -> "App password"); unknown names as they are. */
export function credentialLabel(platform: SourcePlatform, name: string): string {
  return PLATFORMS[platform].credentials.find((field) => field.name === name)?.label ?? name;
}
