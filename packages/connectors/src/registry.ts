import { createBlueskyConnector } from './bluesky/bluesky.connector.js';
import { ConnectorError, PLATFORMS, type Connector, type Platform } from './core/connector.js';
import type { ConnectorOptions } from './core/options.js';
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

// Source configs are checked by the api against the one platform table (@earshot/contracts), re-exported here.
export { PLATFORM_CREDENTIALS, PLATFORM_STREAMS, PLATFORM_TABLE, type CredentialSpec, type PlatformSpec, type StreamSpec } from '@earshot/contracts';
