import { createBlueskyConnector } from './bluesky/bluesky.connector.js';
import { PLATFORM_CREDENTIALS, PLATFORM_STREAMS } from '@earshot/contracts';
import { ConnectorError, PLATFORMS, type Connector, type Platform, type SourceConfig } from './core/connector.js';
import type { ConnectorOptions } from './core/options.js';
import { assertHttpBaseUrl } from './core/safe-url.js';
import { createMastodonConnector } from './mastodon/mastodon.connector.js';
import { createRedditConnector } from './reddit/reddit.connector.js';
import { createRssConnector } from './rss/rss.connector.js';
import { createXConnector } from './x/x.connector.js';

type Factory = (options?: ConnectorOptions) => Connector<unknown>;

// Each connector's cursor type is its own; the registry hands them out as Connector<unknown>
// (the api stores cursors as opaque JSON).
export const CONNECTORS: Readonly<Record<Platform, Factory>> = {
  mastodon: (o) => createMastodonConnector(o) as Connector<unknown>,
  bluesky: (o) => createBlueskyConnector(o) as Connector<unknown>,
  reddit: (o) => createRedditConnector(o) as Connector<unknown>,
  x: (o) => createXConnector(o) as Connector<unknown>,
  rss: (o) => createRssConnector(o) as Connector<unknown>,
};

export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

export function createConnector(platform: Platform, options: ConnectorOptions = {}): Connector<unknown> {
  const factory = CONNECTORS[platform];
  if (!factory) throw new ConnectorError('bad_request', `unknown platform "${String(platform)}"`);
  return factory(options);
}

/** Checks a source config against PLATFORM_STREAMS / PLATFORM_CREDENTIALS; returns human-readable problems. */
export function validateSourceConfig(platform: Platform, source: SourceConfig): string[] {
  const problems: string[] = [];
  try {
    assertHttpBaseUrl(source.baseUrl, platform);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : 'invalid base URL');
  }
  const spec = PLATFORM_STREAMS[platform].find((s) => s.kind === source.stream.kind);
  if (!spec) problems.push(`${platform} has no stream "${source.stream.kind}" (use ${PLATFORM_STREAMS[platform].map((s) => s.kind).join(', ')})`);
  else if (spec.query === 'required' && !source.stream.query?.trim()) problems.push(`${platform} ${spec.kind} needs a query (${spec.queryHint ?? 'query'})`);
  for (const c of PLATFORM_CREDENTIALS[platform]) {
    if (c.required && !source.credentials[c.name]) problems.push(`missing credential "${c.name}"`);
  }
  if (source.pageSize !== undefined && (!Number.isInteger(source.pageSize) || source.pageSize < 1)) problems.push('pageSize must be a positive integer');
  return problems;
}

export { PLATFORM_CREDENTIALS, PLATFORM_DEFAULT_BASE_URLS, PLATFORM_STREAMS, type CredentialSpec, type StreamSpec } from '@earshot/contracts';
